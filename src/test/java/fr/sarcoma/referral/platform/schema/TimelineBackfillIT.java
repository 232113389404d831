package fr.sarcoma.referral.platform.schema;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.support.TestPostgres;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Upgrading a database that already holds referrals (V7) to the managers' timeline (V8, V9): each
 * referral gets its row with its record, the first time of each milestone, the intervals' days and
 * its Paris months; the engine's finished tasks get their times from its history and operation log.
 */
class TimelineBackfillIT {

  private static final Instant RECEIVED = Instant.parse("2026-01-31T23:30:00Z");

  @Test
  void existingReferralsAndTasksAreBroughtIntoTheTimeline() {
    TestPostgres.Database database = TestPostgres.createDatabase();
    DriverManagerDataSource dataSource =
        new DriverManagerDataSource(database.url(), database.user(), database.password());
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    flyway(dataSource, "7").migrate();

    UUID patient = UUID.randomUUID();
    UUID referral = UUID.randomUUID();
    jdbc.update(
        "insert into patient (id, identifier, display_name, birth_date, sex, created_at) values (?, 'IPP-B', 'Patient B', date '1970-01-01', 'FEMALE', ?)",
        patient,
        at(0));
    jdbc.update(
        """
        insert into referral (id, business_key, patient_id, referring_physician, presentation, site, anatomical_location,
          depth, prior_procedure, process_instance_id, created_at, closed_at, outcome)
        values (?, 'RCP-2026-000001', ?, 'Dr Avant (Metz)', 'SWELLING_OR_PAIN', 'BONE', 'fémur', 'DEEP', 'NONE', 'pi-1',
          ?, ?, 'MDT_SURVEILLANCE')
        """,
        referral,
        patient,
        at(0),
        at(40));
    milestone(jdbc, referral, "REFERRAL_RECEIVED", 0);
    milestone(jdbc, referral, "FIRST_IMAGING_REPORTED", 5);
    milestone(jdbc, referral, "FIRST_IMAGING_REPORTED", 12);
    milestone(jdbc, referral, "MDT_DECIDED", 20);
    milestone(jdbc, referral, "CLOSED", 40);
    jdbc.update(
        """
        insert into exam_order (id, referral_id, modality, urgency, protocol, status, placed_at, exam_process_instance_id,
          result_conclusion, result_received_at)
        values (?, ?, 'CHEST_CT', 'ROUTINE', 'Scanner thoracique', 'REPORTED', ?, 'exam-1', 'Normal', ?)
        """,
        UUID.randomUUID(),
        referral,
        at(6),
        at(9));
    jdbc.update(
        """
        insert into act_hi_taskinst (id_, task_def_key_, proc_inst_id_, root_proc_inst_id_, start_time_, end_time_,
          delete_reason_, due_date_)
        values ('task-1', 'Task_ClassifyInitialImaging', 'pi-1', 'pi-1', ?, ?, 'completed', ?)
        """,
        at(5),
        at(7),
        at(8));
    jdbc.update(
        "insert into act_hi_op_log (id_, task_id_, operation_type_, timestamp_) values ('op-1', 'task-1', 'Claim', ?)",
        at(6));

    flyway(dataSource, "latest").migrate();

    Map<String, Object> timeline =
        jdbc.queryForMap("select * from pathway_timeline where referral_id = ?", referral);
    assertThat(timeline.get("business_key")).isEqualTo("RCP-2026-000001");
    assertThat(timeline.get("site")).isEqualTo("BONE");
    assertThat(timeline.get("outcome")).isEqualTo("MDT_SURVEILLANCE");
    assertThat(timeline.get("received_month"))
        .as("31 January 23:30 UTC is February in Paris")
        .isEqualTo("2026-02");
    assertThat(timeline.get("closed_month")).isEqualTo("2026-03");
    assertThat(((Timestamp) timeline.get("first_imaging_reported_at")).toInstant())
        .as("the first report")
        .isEqualTo(at(5).toInstant());
    assertThat(((Timestamp) timeline.get("chest_ct_reported_at")).toInstant())
        .isEqualTo(at(9).toInstant());
    assertThat(timeline.get("last_milestone")).isEqualTo("CLOSED");
    assertThat(timeline.get("referral_to_first_imaging_days")).isEqualTo(5.0);
    assertThat(timeline.get("first_imaging_to_mdt_days")).isEqualTo(15.0);
    assertThat(timeline.get("referral_to_diagnosis_days")).isEqualTo(20.0);
    assertThat(timeline.get("mdt_to_biopsy_days")).isNull();

    Map<String, Object> task = jdbc.queryForMap("select * from task_time where task_id = 'task-1'");
    assertThat(task.get("referral_id")).isEqualTo(referral);
    assertThat(task.get("end_reason")).isEqualTo("COMPLETED");
    assertThat(task.get("waiting_hours")).isEqualTo(24.0);
    assertThat(task.get("working_hours")).isEqualTo(24.0);
    assertThat(task.get("total_hours")).isEqualTo(48.0);
  }

  private static Flyway flyway(DriverManagerDataSource dataSource, String target) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .javaMigrations(
            new CamundaEngineSchemaMigration(),
            new TimelineMonthsMigration(),
            new PatientNameSearchMigration())
        .target(target)
        .load();
  }

  private static void milestone(JdbcTemplate jdbc, UUID referral, String name, int day) {
    jdbc.update(
        "insert into milestone (referral_id, name, occurred_at) values (?, ?, ?)",
        referral,
        name,
        at(day));
  }

  private static Timestamp at(int day) {
    return Timestamp.from(RECEIVED.plusSeconds(86400L * day));
  }
}
