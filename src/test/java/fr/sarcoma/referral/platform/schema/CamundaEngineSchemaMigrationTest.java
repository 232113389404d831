package fr.sarcoma.referral.platform.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ClassPathResource;

class CamundaEngineSchemaMigrationTest {

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "h2"})
  void runsTheEnginesOwnScriptsInTheEnginesOrder(String databaseType) {
    assertThat(CamundaEngineSchemaMigration.scriptsFor(databaseType))
        .containsExactly(
            "org/camunda/bpm/engine/db/create/activiti." + databaseType + ".create.engine.sql",
            "org/camunda/bpm/engine/db/create/activiti." + databaseType + ".create.history.sql",
            "org/camunda/bpm/engine/db/create/activiti." + databaseType + ".create.identity.sql",
            "org/camunda/bpm/engine/db/create/activiti." + databaseType + ".create.case.engine.sql",
            "org/camunda/bpm/engine/db/create/activiti."
                + databaseType
                + ".create.case.history.sql",
            "org/camunda/bpm/engine/db/create/activiti."
                + databaseType
                + ".create.decision.engine.sql",
            "org/camunda/bpm/engine/db/create/activiti."
                + databaseType
                + ".create.decision.history.sql");
    assertThat(CamundaEngineSchemaMigration.scriptsFor(databaseType))
        .allSatisfy(
            script -> assertThat(new ClassPathResource(script).exists()).as(script).isTrue());
  }

  @Test
  void knowsTheDatabasesWeRunOn() {
    assertThat(CamundaEngineSchemaMigration.camundaDatabaseType("PostgreSQL"))
        .isEqualTo("postgres");
    assertThat(CamundaEngineSchemaMigration.camundaDatabaseType("H2")).isEqualTo("h2");
  }

  @Test
  void refusesOtherDatabasesClearly() {
    assertThatThrownBy(() -> CamundaEngineSchemaMigration.camundaDatabaseType("MariaDB"))
        .hasMessageContaining("Unsupported database 'MariaDB'");
  }

  @Test
  void isVersionOneAndNamesTheEngineVersion() {
    CamundaEngineSchemaMigration migration = new CamundaEngineSchemaMigration();

    assertThat(migration.getVersion().getVersion()).isEqualTo("1");
    assertThat(migration.getDescription()).isEqualTo("Camunda engine schema 7.24.0");
  }
}
