package fr.sarcoma.referral.insight;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one part of the measures in a read-only transaction tuned for reporting. On PostgreSQL its
 * sorts get 32 MB of memory rather than the server's default (4 MB, which sends a percentile over
 * 100,000 rows to disk), no parallel workers (the parts already run side by side), and a plan made
 * for the period asked rather than the generic plan PostgreSQL switches to after five executions.
 */
@Component
class ReportingReads {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate readOnly;
  private final boolean postgres;

  ReportingReads(JdbcTemplate jdbc, PlatformTransactionManager transactions, DataSource dataSource)
      throws SQLException {
    this.jdbc = jdbc;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    try (Connection connection = dataSource.getConnection()) {
      this.postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    }
  }

  <T> T read(Supplier<T> part) {
    return readOnly.execute(
        status -> {
          if (postgres) {
            jdbc.execute("set local work_mem = '32MB'");
            jdbc.execute("set local max_parallel_workers_per_gather = 0");
            jdbc.execute("set local plan_cache_mode = force_custom_plan");
          }
          return part.get();
        });
  }
}
