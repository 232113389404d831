package fr.sarcoma.referral.insight;

import java.sql.ResultSet;
import java.sql.SQLException;

/** SQL shared by the measures; written for both PostgreSQL and the embedded H2 of the demo. */
public final class Sql {

  private Sql() {}

  /** Days from one timestamp column to another, null when either is missing or the order is reversed. */
  public static String days(String from, String to) {
    return elapsed(from, to, 86400.0);
  }

  public static String hours(String from, String to) {
    return elapsed(from, to, 3600.0);
  }

  private static String elapsed(String from, String to, double secondsPerUnit) {
    return "case when %2$s >= %1$s then (extract(epoch from %2$s) - extract(epoch from %1$s)) / %3$s end"
        .formatted(from, to, secondsPerUnit);
  }

  /** Median and 90th percentile of an expression, interpolated between ranks (percentile_cont). */
  static String percentiles(String expression) {
    return "percentile_cont(0.5) within group (order by %1$s), percentile_cont(0.9) within group (order by %1$s)"
        .formatted(expression);
  }

  /** A measured number rounded to 2 decimals, or null. */
  static Double rounded(ResultSet rs, int column) throws SQLException {
    Object value = rs.getObject(column);
    return value == null ? null : Math.round(((Number) value).doubleValue() * 100) / 100.0;
  }
}
