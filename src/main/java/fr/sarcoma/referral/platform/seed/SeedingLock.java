package fr.sarcoma.referral.platform.seed;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * One node seeds at a time. Nodes started together on an empty database would otherwise both find a group, a grant
 * or a filter missing and both insert it: the second insert fails on the engine's unique keys (the node dies at
 * start-up) or, where there is no unique key (filters), the row is there twice.
 *
 * <p>On PostgreSQL a session-level advisory lock, held on a connection of its own for the whole seeding (the
 * seeders' writes go through the engine's connections and transactions); the next node waits for it, then finds
 * everything seeded. H2 (the demo profile) is one node: nothing to lock.
 */
@Component
class SeedingLock {

  /** The advisory lock's key: any constant of this application's own ("SEED" in ASCII). */
  static final long KEY = 0x53454544L;

  private final DataSource dataSource;

  SeedingLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void whileHeld(Runnable seeding) {
    try (Connection connection = dataSource.getConnection()) {
      boolean postgres =
          connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgresql");
      if (!postgres) {
        seeding.run();
        return;
      }
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("select pg_advisory_lock(" + KEY + ")");
        try {
          seeding.run();
        } finally {
          statement.execute("select pg_advisory_unlock(" + KEY + ")");
          connection.setAutoCommit(autoCommit);
        }
      }
    } catch (SQLException e) {
      throw new DataAccessResourceFailureException("Seeding lock unavailable", e);
    }
  }
}
