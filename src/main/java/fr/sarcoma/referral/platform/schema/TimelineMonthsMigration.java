package fr.sarcoma.referral.platform.schema;

import fr.sarcoma.referral.platform.NetworkCalendar;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * V9: the months of the referrals already in pathway_timeline (V8), in the network's time zone, which
 * SQL cannot compute the same way on PostgreSQL and H2. New referrals get theirs as they are written.
 */
public class TimelineMonthsMigration implements JavaMigration {

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("9");
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public String getDescription() {
    return "pathway timeline months";
  }

  @Override
  public void migrate(Context context) throws SQLException {
    try (Statement select = context.getConnection().createStatement();
        ResultSet rows =
            select.executeQuery(
                "select referral_id, received_at, closed_at from pathway_timeline");
        PreparedStatement update =
            context
                .getConnection()
                .prepareStatement(
                    "update pathway_timeline set received_month = ?, closed_month = ? where referral_id = ?")) {
      while (rows.next()) {
        update.setString(1, month(rows.getObject(2, OffsetDateTime.class)));
        update.setString(2, month(rows.getObject(3, OffsetDateTime.class)));
        update.setObject(3, rows.getObject(1));
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  private static String month(OffsetDateTime at) {
    return at == null ? null : NetworkCalendar.month(at.toInstant());
  }
}
