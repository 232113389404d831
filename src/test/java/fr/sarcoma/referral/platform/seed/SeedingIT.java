package fr.sarcoma.referral.platform.seed;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.platform.seed.GroupSeeder.GroupSeed;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import fr.sarcoma.referral.support.SeededRows;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo profile's seeds, on PostgreSQL: every group staffed, seeding again changes nothing, and nodes seeding at
 * once seed one after the other (issue 15: two nodes started together on an empty database).
 */
@PostgresIntegrationTest
class SeedingIT {

  @Autowired ProcessEngine engine;

  @Autowired SeedingPlugin seeding;

  @Autowired JdbcTemplate jdbc;

  @Autowired SeedingLock lock;

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

  @Test
  @DisplayName(
      "Two nodes starting together seed one after the other: both succeed and nothing is there twice")
  void nodesSeedingAtOnceDuplicateNothing() throws Exception {
    Map<String, Object> before = SeededRows.count(jdbc);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> started =
          List.of(
              nodes.submit(() -> seeding.postProcessEngineBuild(engine)),
              nodes.submit(() -> seeding.postProcessEngineBuild(engine)));
      for (Future<?> node : started) {
        node.get(60, TimeUnit.SECONDS);
      }
    } finally {
      nodes.shutdownNow();
    }
    assertThat(SeededRows.count(jdbc)).isEqualTo(before);
  }

  @Test
  @DisplayName(
      "The seeding lock is PostgreSQL's advisory lock: a second node waits for it until the first has seeded")
  void theSecondNodeWaitsForTheFirst() throws Exception {
    List<String> steps = new CopyOnWriteArrayList<>();
    CountDownLatch firstHolds = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      Future<?> first =
          nodes.submit(
              () ->
                  lock.whileHeld(
                      () -> {
                        steps.add("first seeds");
                        firstHolds.countDown();
                        await(releaseFirst);
                        steps.add("first done");
                      }));
      await(firstHolds);
      Future<?> second = nodes.submit(() -> lock.whileHeld(() -> steps.add("second seeds")));
      // The second node is blocked on the lock (PostgreSQL shows its request not granted), not
      // seeding.
      while (waitingForTheLock() == 0) {
        Thread.onSpinWait();
      }
      assertThat(steps).containsExactly("first seeds");
      releaseFirst.countDown();
      first.get(60, TimeUnit.SECONDS);
      second.get(60, TimeUnit.SECONDS);
    } finally {
      releaseFirst.countDown();
      nodes.shutdownNow();
    }
    assertThat(steps).containsExactly("first seeds", "first done", "second seeds");
  }

  private int waitingForTheLock() {
    return jdbc.queryForObject(
        "select count(*) from pg_locks where locktype = 'advisory' and not granted and objid::bigint = ?",
        Integer.class,
        SeedingLock.KEY);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
