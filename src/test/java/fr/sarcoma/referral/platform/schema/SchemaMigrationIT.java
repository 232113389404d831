package fr.sarcoma.referral.platform.schema;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.SarcomaReferralApplication;
import fr.sarcoma.referral.support.SeededRows;
import fr.sarcoma.referral.support.TestPostgres;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Production start-up (no demo profile) on an empty PostgreSQL database: Flyway creates the engine
 * schema and ours, the engine (which only checks its schema) starts on it, and a second start-up
 * changes nothing.
 */
class SchemaMigrationIT {

  private static final String ADMIN = "firstadmin";

  @Test
  void startUpCreatesTheSchemaOnAnEmptyDatabaseAndASecondStartUpChangesNothing() {
    TestPostgres.Database database = TestPostgres.createDatabase();

    Snapshot first;
    try (ConfigurableApplicationContext application = start(database)) {
      JdbcTemplate jdbc = application.getBean(JdbcTemplate.class);
      ProcessEngine engine = application.getBean(ProcessEngine.class);

      assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
      assertThat(
              jdbc.queryForList(
                  "select version || ' ' || description from flyway_schema_history"
                      + " where success order by installed_rank",
                  String.class))
          .startsWith(
              "1 Camunda engine schema 7.24.0",
              "2 referral",
              "3 pathway",
              "4 order dispatch",
              "5 mdt sessions");
      assertThat(tables(jdbc))
          .contains(
              "act_ge_property",
              "act_ru_execution",
              "act_ru_task",
              "act_hi_procinst",
              "act_id_user",
              "act_re_case_def",
              "act_hi_caseinst",
              "act_re_decision_def",
              "act_hi_decinst",
              "patient",
              "referral",
              "exam_order",
              "mdt_decision",
              "biopsy_approach",
              "letter",
              "milestone",
              "order_outbox",
              "mdt_session");
      assertThat(engine.getManagementService().getTableCount()).containsKey("ACT_RU_JOB");
      assertThat(
              engine
                  .getIdentityService()
                  .createUserQuery()
                  .memberOfGroup(Groups.CAMUNDA_ADMIN)
                  .list())
          .extracting(user -> user.getId())
          .containsExactly(ADMIN);
      assertThat(engine.getIdentityService().createUserQuery().count())
          .as("no demo users outside the demo profile")
          .isEqualTo(1);
      first = Snapshot.of(jdbc);
    }

    try (ConfigurableApplicationContext application = start(database)) {
      assertThat(Snapshot.of(application.getBean(JdbcTemplate.class))).isEqualTo(first);
    }
  }

  private static ConfigurableApplicationContext start(TestPostgres.Database database) {
    return new SpringApplicationBuilder(SarcomaReferralApplication.class)
        .run(
            "--spring.datasource.url=" + database.url(),
            "--spring.datasource.username=" + database.user(),
            "--spring.datasource.password=" + database.password(),
            "--sarcoma.admin.user=" + ADMIN,
            "--sarcoma.admin.password=Premier-Admin-2026!",
            "--server.port=0",
            // Its own engine name, and no webapps: the cached test application runs in this JVM
            // too.
            "--camunda.bpm.process-engine-name=schemaMigrationIT",
            "--camunda.bpm.job-execution.enabled=false",
            "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration");
  }

  private static List<String> tables(JdbcTemplate jdbc) {
    return jdbc.queryForList(
        "select table_name from information_schema.tables where table_schema = current_schema()",
        String.class);
  }

  /** What a second start-up must not change: migrations applied, columns, and seeded data. */
  record Snapshot(
      List<Map<String, Object>> migrations, List<String> columns, Map<String, Object> counts) {
    static Snapshot of(JdbcTemplate jdbc) {
      return new Snapshot(
          jdbc.queryForList(
              "select installed_rank, version, checksum, installed_on from flyway_schema_history"
                  + " order by installed_rank"),
          jdbc.queryForList(
              "select table_name || '.' || column_name || ':' || data_type from information_schema.columns"
                  + " where table_schema = current_schema() order by 1",
              String.class),
          SeededRows.count(jdbc));
    }
  }
}
