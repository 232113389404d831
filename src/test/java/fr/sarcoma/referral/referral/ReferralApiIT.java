package fr.sarcoma.referral.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** POST /api/referrals and GET /api/referrals/{id}, as a hospital system calls them. */
@PostgresIntegrationTest
class ReferralApiIT {

  @LocalServerPort int port;

  @Autowired JdbcTemplate jdbc;

  @Autowired PlatformTransactionManager transactions;

  private HttpCalls coordinator() {
    return HttpCalls.to(port).as("coordinator", "demo");
  }

  private static String referral(String clientRequestId, String site) {
    return """
        {"clientRequestId": %s, "patientIdentifier": "IPP-%s", "patientDisplayName": "Marie Exemple",
         "birthDate": "1964-05-12", "sex": "FEMALE", "referringPhysician": "Dr Durand (Nancy)",
         "presentation": "SWELLING_OR_PAIN", "site": "%s", "anatomicalLocation": "cuisse gauche",
         "largestDimensionCm": 8.5, "depth": "DEEP", "priorProcedure": "NONE", "notes": "Masse indolore"}
        """
        .formatted(
            clientRequestId == null ? "null" : "\"" + clientRequestId + "\"",
            UUID.randomUUID().toString().substring(0, 8),
            site);
  }

  @Test
  void aReferralIsRegisteredAndItsPathwayStarts() {
    HttpCalls.Response created =
        coordinator().postJson("/api/referrals", referral(null, "SOFT_TISSUE"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("businessKey").asText()).matches("SARC-\\d{4}-\\d{6}");
    String id = created.json().path("id").asText();
    assertThat(created.header("Location")).isEqualTo("/api/referrals/" + id);

    JsonNode view = coordinator().get("/api/referrals/" + id).json();
    assertThat(view.path("patient").path("displayName").asText()).isEqualTo("Marie Exemple");
    assertThat(view.path("urgency").asText()).isEqualTo("URGENT");
    assertThat(view.path("imagingBeforeAnyProcedure").asBoolean()).as("S1").isTrue();
    assertThat(view.path("stage").asText()).isEqualTo("INITIAL_IMAGING");
    assertThat(view.path("milestones").get(0).path("name").asText()).isEqualTo("REFERRAL_RECEIVED");
    assertThat(view.path("milestones").get(0).path("at").asText()).isNotBlank();
  }

  @Test
  void theProcessHoldsTheReferralIdNotThePatient() {
    String id =
        coordinator()
            .postJson("/api/referrals", referral(null, "SOFT_TISSUE"))
            .json()
            .path("id")
            .asText();

    List<String> values =
        jdbc.queryForList(
            """
        select coalesce(v.text_, '') || coalesce(v.text2_, '') from act_ru_variable v
        join act_ru_execution e on e.proc_inst_id_ = v.proc_inst_id_
        where e.business_key_ = (select business_key from referral where id = ?::uuid)
        """,
            String.class,
            id);
    assertThat(values)
        .contains(id)
        .noneMatch(value -> value.contains("Marie") || value.contains("IPP-"));
  }

  @Test
  void everyBadFieldIsNamedAndNothingIsStored() {
    int referralsBefore = jdbc.queryForObject("select count(*) from referral", Integer.class);

    HttpCalls.Response response =
        coordinator()
            .postJson(
                "/api/referrals",
                """
        {"patientIdentifier": "", "birthDate": "2999-01-01", "sex": "F", "referringPhysician": "Dr X",
         "presentation": "LUMP", "site": "LEG", "anatomicalLocation": "bras", "largestDimensionCm": 0,
         "depth": "DEEP", "priorProcedure": "NONE"}
        """);

    assertThat(response.status()).isEqualTo(400);
    // A set: a field may break two rules (2999-01-01 is neither past nor before 2200).
    java.util.Set<String> fields = new java.util.TreeSet<>();
    response.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
    assertThat(fields)
        .containsExactlyInAnyOrder(
            "patientIdentifier",
            "patientDisplayName",
            "birthDate",
            "sex",
            "presentation",
            "site",
            "largestDimensionCm");
    assertThat(response.json().path("errors").toString())
        .contains("doit être l'une des valeurs : SOFT_TISSUE, BONE, SPINE");
    assertThat(jdbc.queryForObject("select count(*) from referral", Integer.class))
        .isEqualTo(referralsBefore);
  }

  @Test
  void malformedJsonIsA400() {
    HttpCalls.Response response = coordinator().postJson("/api/referrals", "{\"site\": ");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("detail").asText()).contains("n'est pas du JSON valide");
  }

  @Test
  void theSameClientRequestIdTwiceIsOneReferral() {
    String requestId = "his-" + UUID.randomUUID();
    String body = referral(requestId, "BONE");

    HttpCalls.Response first = coordinator().postJson("/api/referrals", body);
    HttpCalls.Response replay = coordinator().postJson("/api/referrals", body);

    assertThat(first.status()).isEqualTo(201);
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
    assertThat(
            jdbc.queryForObject(
                "select count(*) from referral where client_request_id = ?",
                Integer.class,
                requestId))
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from act_ru_execution where business_key_ = ? and parent_id_ is null"
                    + " and proc_def_id_ like 'SarcomaReferralProcess:%'",
                Integer.class, first.json().path("businessKey").asText()))
        .isEqualTo(1);
  }

  @Test
  void aNewPatientWrittenByAnotherRequestAtTheSameMomentIsNotA500() throws Exception {
    String identifier = "IPP-RACE-" + UUID.randomUUID().toString().substring(0, 8);
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    // Another request has written the same new patient and has not committed yet.
    CompletableFuture<Void> other =
        CompletableFuture.runAsync(
            () ->
                new TransactionTemplate(transactions)
                    .executeWithoutResult(
                        status -> {
                          jdbc.update(
                              "insert into patient (id, identifier, display_name, birth_date, sex, created_at)"
                                  + " values (?, ?, 'Marie Exemple', date '1964-05-12', 'FEMALE', now())",
                              UUID.randomUUID(),
                              identifier);
                          written.countDown();
                          await(commit);
                        }));
    await(written);
    CompletableFuture<HttpCalls.Response> response =
        CompletableFuture.supplyAsync(
            () ->
                coordinator()
                    .postJson(
                        "/api/referrals",
                        referral(null, "BONE").replaceFirst("IPP-[0-9a-f]{8}", identifier)));
    // This request's insert now waits on the unique patient identifier for the other transaction.
    for (int i = 0; i < 100 && !waitingOnALock(); i++) {
      Thread.sleep(100);
    }
    assertThat(waitingOnALock()).as("the request waits for the other transaction").isTrue();
    commit.countDown();
    other.get(10, TimeUnit.SECONDS);

    assertThat(response.get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
    assertThat(
            jdbc.queryForObject(
                """
        select count(*) from referral r join patient p on p.id = r.patient_id where p.identifier = ?
        """,
                Integer.class,
                identifier))
        .isEqualTo(1);
  }

  private boolean waitingOnALock() {
    return jdbc.queryForObject(
            "select count(*) from pg_stat_activity where datname = current_database()"
                + " and wait_event_type = 'Lock'",
            Integer.class)
        > 0;
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void onlyCoordinatorsRegisterReferrals() {
    assertThat(
            HttpCalls.to(port)
                .as("radiologist", "demo")
                .postJson("/api/referrals", referral(null, "BONE"))
                .status())
        .isEqualTo(403);
    assertThat(HttpCalls.to(port).postJson("/api/referrals", referral(null, "BONE")).status())
        .isEqualTo(401);
  }

  @Test
  void anUnknownReferralIsA404() {
    assertThat(coordinator().get("/api/referrals/" + UUID.randomUUID()).status()).isEqualTo(404);
    assertThat(coordinator().get("/api/referrals/not-a-uuid").status()).isEqualTo(400);
  }
}
