package fr.sarcoma.referral.mdt;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** M1 on PostgreSQL: cutoff and capacity, moving a case, cancelling a session, the process following. */
@PostgresIntegrationTest
class MdtSessionsIT {

  @Autowired MdtSessions sessions;
  @Autowired PathwayDriver pathway;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  private final List<MdtSession> created = new ArrayList<>();

  /** Test sessions start within the hour: before any weekly session whose cutoff is still open (2 days ahead). */
  private MdtSession session(int startsInMinutes, int cutoffInMinutes, int capacity) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    MdtSession session =
        sessions.addOneOff(
            now.plus(Duration.ofMinutes(startsInMinutes)),
            Duration.ofHours(1),
            now.plus(Duration.ofMinutes(cutoffInMinutes)),
            capacity,
            "test");
    created.add(session);
    return session;
  }

  @AfterEach
  void cancelTestSessions() {
    created.forEach(session -> sessions.cancel(session.id(), "fin du test"));
  }

  private Referral referral() {
    return pathway.register(
        Site.BONE, Presentation.SWELLING_OR_PAIN, null, Depth.UNKNOWN, PriorProcedure.NONE);
  }

  @Test
  void theCutoffAndTheCapacityPutALateCaseOnTheFollowingSession() {
    MdtSession cutoffPassed = session(30, -1, 5);
    MdtSession onePlace = session(40, 20, 1);
    MdtSession following = session(50, 30, 5);

    MdtSession first = sessions.register(referral().id());
    MdtSession second = sessions.register(referral().id());

    assertThat(first.id())
        .as("the cutoff of the earliest session has passed")
        .isEqualTo(onePlace.id());
    assertThat(second.id()).as("the next one is full").isEqualTo(following.id());
    assertThat(sessions.find(cutoffPassed.id()).orElseThrow().registeredCases()).isZero();
    assertThat(sessions.find(onePlace.id()).orElseThrow().registeredCases()).isEqualTo(1);
  }

  @Test
  void aCoordinatorMovesACaseAndTheProcessWaitsForTheNewSession() {
    Referral referral = pathway.awaitingMdtSession(Site.SOFT_TISSUE);
    MdtSession target = session(45, 30, 5);

    HttpCalls.Response moved =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .postJson(
                "/api/mdt/registrations/" + referral.id() + "/move",
                "{\"sessionId\": \"" + target.id() + "\"}");

    assertThat(moved.status()).isEqualTo(200);
    assertThat(pathway.timerDue(referral, "TimerEvent_MdtSession"))
        .isEqualTo(Date.from(target.startsAt()));
    assertThat(runtimeService.getVariable(pathway.mainProcessInstanceId(referral), "mdtSessionAt"))
        .isEqualTo(Date.from(target.startsAt()));
    assertThat(sessions.currentSessionOf(referral.id()).orElseThrow().id()).isEqualTo(target.id());
  }

  @Test
  void cancellingASessionMovesItsCasesToTheNextSessionWithRoom() {
    Referral referral = pathway.awaitingMdtSession(Site.SOFT_TISSUE);
    MdtSession cancelled = session(45, 30, 5);
    MdtSession next = session(55, 40, 5);
    sessions.move(referral.id(), cancelled.id());

    HttpCalls.Response response =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .postJson(
                "/api/mdt/sessions/" + cancelled.id() + "/cancel",
                "{\"reason\": \"Salle indisponible\"}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("movedReferrals").toString())
        .contains(referral.id().toString());
    assertThat(sessions.currentSessionOf(referral.id()).orElseThrow().id()).isEqualTo(next.id());
    assertThat(pathway.timerDue(referral, "TimerEvent_MdtSession"))
        .isEqualTo(Date.from(next.startsAt()));
  }

  @Test
  void m1ASessionWhoseCaseWouldHaveNoLaterSessionIsNotCancelled() {
    Referral referral = pathway.awaitingMdtSession(Site.SOFT_TISSUE);
    MdtSession original = sessions.currentSessionOf(referral.id()).orElseThrow();
    Instant farAhead = Instant.now().plus(Duration.ofDays(30 * 365)).truncatedTo(ChronoUnit.HOURS);
    MdtSession last =
        sessions.addOneOff(
            farAhead, Duration.ofHours(1), farAhead.minus(Duration.ofDays(2)), 5, "test");
    sessions.move(referral.id(), last.id());

    HttpCalls.Response refused =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .postJson(
                "/api/mdt/sessions/" + last.id() + "/cancel",
                "{\"reason\": \"Salle indisponible\"}");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("detail").asText())
        .contains("n'est pas annulée", "aucune séance suivante n'a de place pour son dossier");
    assertThat(sessions.find(last.id()).orElseThrow().isCancelled()).isFalse();
    assertThat(sessions.currentSessionOf(referral.id()).orElseThrow().id()).isEqualTo(last.id());
    assertThat(pathway.timerDue(referral, "TimerEvent_MdtSession"))
        .isEqualTo(Date.from(last.startsAt()));

    sessions.move(referral.id(), original.id());
    created.add(last);
  }

  @Test
  void onlyCoordinatorsManageTheCalendarAndBadSessionsAreRefused() {
    String oneOff =
        "{\"startsAt\": \"2031-01-09T17:00:00+01:00\", \"durationMinutes\": 120,"
            + " \"registrationCutoffAt\": \"2031-01-10T17:00:00+01:00\", \"capacity\": 0}";

    HttpCalls.Response invalid =
        HttpCalls.to(port).as("coordinator", "demo").postJson("/api/mdt/sessions", oneOff);

    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().path("errors").toString()).contains("capacity", "cutoffBeforeStart");
    assertThat(
            HttpCalls.to(port).as("surgeon", "demo").postJson("/api/mdt/sessions", oneOff).status())
        .isEqualTo(403);
    assertThat(HttpCalls.to(port).as("mdtchair", "demo").get("/api/mdt/sessions").status())
        .isEqualTo(200);
  }

  private HttpCalls.Response move(UUID referralId, MdtSession target) {
    return HttpCalls.to(port)
        .as("coordinator", "demo")
        .postJson(
            "/api/mdt/registrations/" + referralId + "/move",
            "{\"sessionId\": \"" + target.id() + "\"}");
  }

  @Test
  void m1ACaseStillAtItsInitialImagingIsNotPutOnAnAgenda() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            3.0,
            Depth.SUPERFICIAL,
            PriorProcedure.NONE);
    MdtSession target = session(45, 30, 5);

    HttpCalls.Response refused = move(referral.id(), target);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("detail").asText())
        .contains("n'est inscrit à aucune séance de RCP");
    assertThat(sessions.currentSessionOf(referral.id())).isEmpty();
    assertThat(sessions.find(target.id()).orElseThrow().registeredCases()).isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from mdt_registration where referral_id = ?",
                Integer.class,
                referral.id()))
        .isZero();
  }

  @Test
  void m1ACaseWhoseSessionIsOpenStaysOnIt() {
    Referral referral = pathway.atMdtSession(Site.SOFT_TISSUE);
    MdtSession current = sessions.currentSessionOf(referral.id()).orElseThrow();
    MdtSession target = session(45, 30, 5);

    HttpCalls.Response refused = move(referral.id(), target);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("detail").asText()).contains("n'attend plus de séance");
    assertThat(sessions.currentSessionOf(referral.id()).orElseThrow().id()).isEqualTo(current.id());
    assertThat(sessions.find(target.id()).orElseThrow().registeredCases()).isZero();
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_RecordMdtDecision");
  }

  @Test
  void m1ACaseBeingPreparedMovesAndItsSessionTimerFollows() {
    Referral referral = pathway.preparingMdtCase(Site.SOFT_TISSUE);
    MdtSession target = session(45, 30, 5);

    assertThat(move(referral.id(), target).status()).isEqualTo(200);
    pathway.complete(referral, "Task_PrepareMdtCase", "coordinator", PathwayDriver.mdtCase(false));

    assertThat(sessions.currentSessionOf(referral.id()).orElseThrow().id()).isEqualTo(target.id());
    assertThat(pathway.timerDue(referral, "TimerEvent_MdtSession"))
        .isEqualTo(Date.from(target.startsAt()));
  }

  @Test
  void m1MovingAnUnknownReferralIsA404() {
    MdtSession target = session(45, 30, 5);

    HttpCalls.Response unknown = move(UUID.randomUUID(), target);

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("detail").asText()).contains("Demande d'avis inconnue");
    assertThat(sessions.find(target.id()).orElseThrow().registeredCases()).isZero();
  }
}
