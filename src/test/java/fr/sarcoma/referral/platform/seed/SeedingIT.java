package fr.sarcoma.referral.platform.seed;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.platform.seed.GroupSeeder.GroupSeed;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import fr.sarcoma.referral.support.SeededRows;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The demo profile's seeds, on PostgreSQL: every group staffed, and seeding again changes nothing. */
@PostgresIntegrationTest
class SeedingIT {

  @Autowired ProcessEngine engine;

  @Autowired SeedingPlugin seeding;

  @Autowired JdbcTemplate jdbc;

  @Test
  void everyGroupOfTheNetworkExistsWithAtLeastOneDemoUser() {
    List<String> groups =
        SeedReader.readList(GroupSeeder.FILE, GroupSeed.class).stream().map(GroupSeed::id).toList();

    assertThat(groups)
        .containsExactlyInAnyOrder(
            "coordinators",
            "radiologists",
            "surgeons",
            "pathologists",
            "oncologists",
            "mdt-chairs",
            "managers",
            "auditors",
            Groups.CAMUNDA_ADMIN);
    for (String group : groups) {
      assertThat(engine.getIdentityService().createGroupQuery().groupId(group).count())
          .as(group)
          .isEqualTo(1);
      assertThat(engine.getIdentityService().createUserQuery().memberOfGroup(group).count())
          .as(group)
          .isPositive();
    }
  }

  @Test
  void seedingAgainDuplicatesNothing() {
    Map<String, Object> before = SeededRows.count(jdbc);

    seeding.postProcessEngineBuild(engine);
    seeding.postProcessEngineBuild(engine);

    assertThat(SeededRows.count(jdbc)).isEqualTo(before);
  }
}
