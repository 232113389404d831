package fr.sarcoma.referral.platform.schema;

import fr.sarcoma.referral.platform.PersonNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * V12: the name search's prefix index, and the folded names of the patients already recorded (V11 made
 * the column and the table).
 *
 * <p>The index: a search for "dup" is {@code word like 'dup%'}. PostgreSQL uses a btree index for such a
 * prefix only under the C collation or with a pattern operator class ({@code varchar_pattern_ops}), which
 * H2 does not know; H2 uses a plain index for it. The folding is Java's ({@link PersonNames}), the same
 * as the intake's, hence a Java migration.
 */
public class PatientNameSearchMigration implements JavaMigration {

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("12");
  }

  @Override
  public String getDescription() {
    return "patient name search";
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
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (Statement ddl = connection.createStatement()) {
      ddl.execute(prefixIndex(connection.getMetaData().getDatabaseProductName()));
    }
    try (Statement select = connection.createStatement();
        ResultSet patients = select.executeQuery("select id, display_name from patient");
        PreparedStatement key =
            connection.prepareStatement("update patient set name_key = ? where id = ?");
        PreparedStatement word =
            connection.prepareStatement(
                "insert into patient_name_word (patient_id, word) values (?, ?)")) {
      while (patients.next()) {
        Object id = patients.getObject(1);
        String name = patients.getString(2);
        key.setString(1, PersonNames.key(name));
        key.setObject(2, id);
        key.addBatch();
        for (String searchWord : PersonNames.searchWords(name)) {
          word.setObject(1, id);
          word.setString(2, searchWord);
          word.addBatch();
        }
      }
      key.executeBatch();
      word.executeBatch();
    }
  }

  static String prefixIndex(String jdbcProductName) {
    String columns =
        "PostgreSQL".equals(jdbcProductName)
            ? "word varchar_pattern_ops, patient_id"
            : "word, patient_id";
    return "create index patient_name_word_prefix_idx on patient_name_word (" + columns + ")";
  }
}
