package fr.sarcoma.referral.platform.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Version 1 of our schema: the Camunda engine tables, created by the SQL scripts shipped inside the
 * camunda-engine jar for the connected database, in the order the engine itself would run them
 * (engine, history, identity, CMMN, CMMN history, DMN, DMN history).
 *
 * <p>Running them through Flyway rather than letting the engine create its schema gives one owner
 * of every table, one history of every change, and an engine that refuses to start on a schema it
 * does not recognise ({@code camunda.bpm.database.schema-update=false}). An engine upgrade is a
 * later Java migration running the jar's {@code db/upgrade} scripts.
 */
public class CamundaEngineSchemaMigration implements JavaMigration {

  static final List<String> SCRIPT_ORDER =
      List.of(
          "engine",
          "history",
          "identity",
          "case.engine",
          "case.history",
          "decision.engine",
          "decision.history");

  private static final String SCRIPT_LOCATION =
      "org/camunda/bpm/engine/db/create/activiti.%s.create.%s.sql";

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("1");
  }

  @Override
  public String getDescription() {
    return "Camunda engine schema " + ProcessEngine.class.getPackage().getImplementationVersion();
  }

  /** The scripts come from the engine jar; a changed jar is an engine upgrade, handled by a new migration. */
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
    String databaseType = camundaDatabaseType(connection.getMetaData().getDatabaseProductName());
    for (String script : scriptsFor(databaseType)) {
      ClassPathResource resource =
          new ClassPathResource(script, ProcessEngine.class.getClassLoader());
      if (!resource.exists()) {
        throw new IllegalStateException("The camunda-engine jar has no schema script " + script);
      }
      ScriptUtils.executeSqlScript(connection, resource);
    }
  }

  static List<String> scriptsFor(String databaseType) {
    return SCRIPT_ORDER.stream()
        .map(part -> SCRIPT_LOCATION.formatted(databaseType, part))
        .toList();
  }

  /**
   * Maps a JDBC product name to the engine's name for the database. We run on PostgreSQL, and on H2
   * for the zero-setup demo; other databases Camunda supports would need their own tests first.
   */
  static String camundaDatabaseType(String jdbcProductName) {
    return switch (jdbcProductName) {
      case "PostgreSQL" -> DbSqlSessionFactory.POSTGRES;
      case "H2" -> DbSqlSessionFactory.H2;
      default ->
          throw new IllegalStateException(
              "Unsupported database '"
                  + jdbcProductName
                  + "': the application runs on PostgreSQL (or H2 in the demo profile)");
    };
  }
}
