package fr.sarcoma.referral.platform.schema;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.support.TestPostgres;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Upgrading a database that already holds patients (V10) to the patient search (V11, V12): each patient
 * gets its folded name key and search words, and on PostgreSQL a search for the beginning of a word can
 * use the prefix index.
 */
class PatientNameBackfillIT {

  @Test
  void existingPatientsAreFoundByTheirNamesAfterTheUpgrade() {
    TestPostgres.Database database = TestPostgres.createDatabase();
    DriverManagerDataSource dataSource =
        new DriverManagerDataSource(database.url(), database.user(), database.password());
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    flyway(dataSource, "10").migrate();
    UUID patient = UUID.randomUUID();
    jdbc.update(
        "insert into patient (id, identifier, display_name, birth_date, sex, created_at) values (?, 'IPP-N', ?, date '1958-11-03', 'MALE', ?)",
        patient,
        "LE GALL-Hénaff Jean-Loïc",
        Timestamp.from(Instant.parse("2026-01-10T10:00:00Z")));

    flyway(dataSource, "latest").migrate();

    assertThat(
            jdbc.queryForObject("select name_key from patient where id = ?", String.class, patient))
        .isEqualTo("gall henaff jean le loic");
    assertThat(
            jdbc.queryForList(
                "select word from patient_name_word where patient_id = ? order by word",
                String.class,
                patient))
        .containsExactly("gall", "gallhenaff", "henaff", "jean", "jeanloic", "le", "loic");
    assertThat(
            jdbc.queryForObject(
                "select indexdef from pg_indexes where indexname = 'patient_name_word_prefix_idx'",
                String.class))
        .contains("varchar_pattern_ops");
    // On a table this small the planner reads it whole; without that choice, the prefix goes to the
    // index (a collation-aware btree could not serve LIKE 'hen%').
    List<String> plan =
        new TransactionTemplate(new DataSourceTransactionManager(dataSource))
            .execute(
                status -> {
                  jdbc.execute("set local enable_seqscan = off");
                  return jdbc.queryForList(
                      "explain select patient_id from patient_name_word where word like 'hen%'",
                      String.class);
                });
    assertThat(String.join("\n", plan)).contains("patient_name_word_prefix_idx");
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
}
