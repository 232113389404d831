package fr.sarcoma.referral.insight;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The referrals a measure is about, as SQL on {@code referral r}: received in the period, of the
 * site and referrer (centre, matched anywhere in the referring physician) when given.
 *
 * @param where the conditions, starting with " where "
 * @param args their values, in order
 */
record Cohort(String where, List<Object> args) {

  static Cohort of(Measures.Filters filters) {
    List<Object> args = new ArrayList<>(List.of(Timestamp.from(filters.from()), Timestamp.from(filters.to())));
    return new Cohort(" where r.created_at >= ? and r.created_at < ?" + siteAndReferrer(filters, args), List.copyOf(args));
  }

  /** Open referrals now, whatever the period, of the site and referrer when given. */
  static Cohort open(Measures.Filters filters) {
    List<Object> args = new ArrayList<>();
    return new Cohort(" where r.outcome is null" + siteAndReferrer(filters, args), List.copyOf(args));
  }

  /** The values of the conditions followed by more values (for conditions added after these). */
  Object[] argsThen(Object... more) {
    List<Object> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all.toArray();
  }

  private static String siteAndReferrer(Measures.Filters filters, List<Object> args) {
    StringBuilder conditions = new StringBuilder();
    if (filters.site() != null) {
      conditions.append(" and r.site = ?");
      args.add(filters.site());
    }
    if (filters.referrer() != null) {
      conditions.append(" and lower(r.referring_physician) like ?");
      args.add("%" + filters.referrer().toLowerCase(Locale.ROOT) + "%");
    }
    return conditions.toString();
  }
}
