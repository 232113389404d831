package fr.sarcoma.referral.orders;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.mdt.MdtDecision;
import fr.sarcoma.referral.pathway.ExamResultCorrelation;
import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.time.LocalDate;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** POST /api/orders/{orderId}/result: unknown, duplicate, early, invalid, from a group that does not read it. */
@PostgresIntegrationTest
class ExamResultApiIT {

  @Autowired ExamOrderService orders;
  @Autowired ManagementService managementService;
  @Autowired JdbcTemplate jdbc;
  @Autowired ExamResultCorrelation correlation;
  @LocalServerPort int port;

  @Autowired PathwayDriver pathway;

  private Referral referral() {
    return pathway.refer(
        Site.SOFT_TISSUE,
        Presentation.SWELLING_OR_PAIN,
        3.0,
        Depth.SUPERFICIAL,
        PriorProcedure.NONE);
  }

  @Test
  void aResultForAnUnknownOrderIsA404() {
    assertThat(pathway.postResult(UUID.randomUUID()).status()).isEqualTo(404);
  }

  @Test
  void aConclusionOfTwoHundredCharactersIsKept() {
    Referral referral = referral();
    java.util.UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();
    String conclusion = "Lésion tissulaire hétérogène ".repeat(7).substring(0, 200);

    HttpCalls.Response response =
        HttpCalls.to(port)
            .as("radiologist", "demo")
            .postJson(
                "/api/orders/" + orderId + "/result",
                "{\"conclusion\": \""
                    + conclusion
                    + "\", \"reportText\": \"Texte\", \"performedOn\": \""
                    + LocalDate.now()
                    + "\"}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(orders.find(orderId).orElseThrow().resultConclusion()).isEqualTo(conclusion);
  }

  @Test
  void theSameResultTwiceHasOneEffect() {
    Referral referral = referral();
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();

    HttpCalls.Response first = pathway.postResult(orderId);
    HttpCalls.Response second = pathway.postResult(orderId);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().path("status").asText()).isEqualTo("RECORDED");
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().path("status").asText()).isEqualTo("DUPLICATE");
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_ClassifyInitialImaging");
  }

  @Test
  void aResultThatArrivesBeforeTheProcessWaitsIsNotLost() {
    Referral referral =
        pathway.register(
            Site.BONE, Presentation.SWELLING_OR_PAIN, null, Depth.UNKNOWN, PriorProcedure.NONE);
    // Place the order, and stop at the save point after it, before the process waits for the
    // report.
    managementService.executeJob(single(pathway.dueJobs(referral)).getId());
    Job continuation = single(pathway.dueJobs(referral));

    assertThat(pathway.postResult(pathway.placedOrder(referral, "XRAY").id()).status())
        .isEqualTo(200);
    managementService.executeJob(continuation.getId());

    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_ClassifyInitialImaging");
  }

  private static Job single(java.util.List<Job> jobs) {
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  @Test
  void theSweepCorrelatesAResultNobodyWasWaitingFor() {
    Referral referral = referral();
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();
    // As if the result had been stored (and its correlation missed) while the process was entering
    // its wait in
    // another transaction: the row only, without the ExamResultRecorded event that correlates it.
    jdbc.update(
        """
        update exam_order set status = 'REPORTED', result_conclusion = 'Compte rendu', result_report = 'Texte',
          result_performed_on = ?, result_received_at = now() where id = ?
        """,
        LocalDate.now(),
        orderId);
    assertThat(pathway.openTaskKeys(referral))
        .as("the order still waits: its booking is open")
        .containsExactly("Task_ScheduleExam");

    correlation.sweep();

    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_ClassifyInitialImaging");
  }

  @Test
  void anInvalidResultNamesItsFields() {
    Referral referral = referral();
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();

    HttpCalls.Response response =
        HttpCalls.to(port)
            .as("radiologist", "demo")
            .postJson(
                "/api/orders/" + orderId + "/result",
                "{\"conclusion\": \"\", \"performedOn\": \"2999-01-01\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("errors").toString())
        .contains("conclusion", "performedOn", "reportTextOrReference");
    assertThat(orders.find(orderId).orElseThrow().hasResult()).isFalse();
  }

  @Test
  void surgeonsDoNotPostResults() {
    Referral referral = referral();
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();

    assertThat(
            HttpCalls.to(port)
                .as("surgeon", "demo")
                .postJson(
                    "/api/orders/" + orderId + "/result",
                    "{\"conclusion\":\"x\",\"reportText\":\"y\",\"performedOn\":\"2026-01-01\"}")
                .status())
        .isEqualTo(403);
  }

  private static final String RESULT =
      "{\"conclusion\":\"Compte rendu\",\"reportText\":\"Texte\",\"performedOn\":\""
          + LocalDate.now()
          + "\"}";

  @Test
  void aPathologistDoesNotSendAnImagingResultAndNothingIsWritten() {
    Referral referral = referral();
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();

    HttpCalls.Response refused = pathway.postResult(orderId, "pathologist");

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("detail").asText())
        .contains("échographie", "« radiologists »", "coordination");
    assertThat(refused.json().path("requiredGroup").asText()).isEqualTo("radiologists");
    assertThat(orders.find(orderId).orElseThrow().hasResult()).isFalse();
    assertThat(pathway.openTaskKeys(referral))
        .as("the order still waits: its booking is open")
        .containsExactly("Task_ScheduleExam");
  }

  @Test
  void aBiopsyResultComesFromPathologyOrTheCoordinationNotFromRadiology() {
    Referral referral = pathway.atMdtSession(Site.BONE);
    pathway.complete(
        referral,
        "Task_RecordMdtDecision",
        "mdtchair",
        PathwayDriver.decision(MdtDecision.BIOPSY, PathwayDriver.QUORUM));
    pathway.complete(referral, "Task_AgreeBiopsyApproach", "surgeon", PathwayDriver.approach(true));
    UUID biopsy = pathway.placedOrder(referral, Modality.BIOPSY.name()).id();

    HttpCalls.Response refused = pathway.postResult(biopsy, "radiologist");

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("detail").asText()).contains("biopsie", "« pathologists »");
    assertThat(orders.find(biopsy).orElseThrow().hasResult()).isFalse();

    assertThat(pathway.postResult(biopsy, "coordinator").status())
        .as("the coordination enters any result")
        .isEqualTo(200);
    pathway.runJobs(referral);
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_ReviewBiopsyResult");
  }

  @Test
  void coordinatorsAndAdministratorsSendImagingResults() {
    UUID first = pathway.placedOrder(referral(), "ULTRASOUND").id();
    UUID second = pathway.placedOrder(referral(), "ULTRASOUND").id();

    assertThat(
            HttpCalls.to(port)
                .as("coordinator", "demo")
                .postJson("/api/orders/" + first + "/result", RESULT)
                .status())
        .isEqualTo(200);
    assertThat(
            HttpCalls.to(port)
                .as("admin", "demo")
                .postJson("/api/orders/" + second + "/result", RESULT)
                .status())
        .isEqualTo(200);
    assertThat(orders.find(first).orElseThrow().hasResult()).isTrue();
    assertThat(orders.find(second).orElseThrow().hasResult()).isTrue();
  }
}
