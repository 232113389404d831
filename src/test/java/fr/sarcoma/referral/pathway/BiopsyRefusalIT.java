package fr.sarcoma.referral.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.referral.Milestones;
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
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * S3: a biopsy order the gate refuses is never silent, wherever it was started: inside the pathway the refusal
 * goes back to it (Task_ResolveBiopsyGateRefusal, with the reason); an ExamOrderProcess started on its own gets a
 * coordinator task naming what is missing. Both leave the milestone BIOPSY_REFUSED and no order.
 */
@PostgresIntegrationTest
class BiopsyRefusalIT {

  @Autowired PathwayDriver pathway;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired Milestones milestones;
  @LocalServerPort int port;

  @Test
  @DisplayName(
      "S3: refused inside the pathway → Task_ResolveBiopsyGateRefusal with the reason, milestone, no order")
  void s3aRefusalInsideThePathwayGoesBackToItWithTheReason() {
    Referral referral = pathway.atMdtSession(Site.BONE);

    runtimeService
        .createProcessInstanceModification(pathway.mainProcessInstanceId(referral))
        .startBeforeActivity("CallActivity_Biopsy")
        .execute();
    pathway.runJobs(referral);

    assertThat(pathway.openTaskKeys(referral))
        .contains("Task_ResolveBiopsyGateRefusal")
        .doesNotContain("Task_ReviewRefusedBiopsyOrder");
    assertThat(
            runtimeService
                .getVariable(pathway.mainProcessInstanceId(referral), "gateRefusalReason")
                .toString())
        .startsWith("Biopsie refusée (S3) : ")
        .contains("pas de décision de biopsie de la RCP sarcomes (S3b)");
    assertThat(passedInAnOrder(referral, "EndEvent_BiopsyGateClosed"))
        .as("rethrown to the pathway")
        .isTrue();
    assertThat(milestoneNames(referral)).contains("BIOPSY_REFUSED");
    assertThat(pathway.orderedModalities(referral)).doesNotContain("BIOPSY");
  }

  @Test
  @DisplayName(
      "S3: a biopsy ExamOrderProcess started alone (/engine-rest) → coordinator task naming what is missing,"
          + " milestone, no order")
  void s3aStandaloneBiopsyOrderGoesToACoordinator() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            3.0,
            Depth.SUPERFICIAL,
            PriorProcedure.NONE);

    HttpCalls.Response started =
        HttpCalls.to(port)
            .as("admin", "demo")
            .postJson(
                "/engine-rest/process-definition/key/ExamOrderProcess/start",
                """
        {"businessKey": "%s", "variables": {
          "referralId": {"value": "%s", "type": "String"},
          "referralNumber": {"value": "%s", "type": "String"},
          "modality": {"value": "BIOPSY", "type": "String"},
          "urgency": {"value": "ROUTINE", "type": "String"}}}
        """
                    .formatted(referral.businessKey(), referral.id(), referral.businessKey()));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String examInstance = started.json().path("id").asText();
    Instant startedAt = Instant.now();
    pathway.runJobs(referral);

    Task review = pathway.task(referral, "Task_ReviewRefusedBiopsyOrder");
    assertThat(review.getProcessInstanceId()).isEqualTo(examInstance);
    assertThat(taskService.getIdentityLinksForTask(review.getId()))
        .anyMatch(link -> "coordinators".equals(link.getGroupId()));
    assertThat(review.getDueDate().toInstant())
        .as("sarcoma.pathway.sla: P2D")
        .isBetween(
            startedAt.plus(Duration.ofDays(2)).minusSeconds(60),
            startedAt.plus(Duration.ofDays(2)).plusSeconds(60));
    assertThat(runtimeService.getVariable(examInstance, "gateRefusalReason").toString())
        .contains(
            "pas de compte rendu d'imagerie de caractérisation (S3a)",
            "pas de décision de biopsie de la RCP sarcomes (S3b)");
    assertThat(milestoneNames(referral)).contains("BIOPSY_REFUSED");
    assertThat(pathway.orderedModalities(referral)).doesNotContain("BIOPSY");

    pathway.complete(
        referral,
        "Task_ReviewRefusedBiopsyOrder",
        "coordinator",
        Map.of(
            "biopsyRefusalNote",
            "Prescription démarrée par erreur ; dossier repris dans le parcours"));

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(examInstance).count())
        .isZero();
    assertThat(
            historyService
                .createHistoricActivityInstanceQuery()
                .processInstanceId(examInstance)
                .activityId("EndEvent_BiopsyRefusalReviewed")
                .count())
        .isEqualTo(1);
    assertThat(pathway.orderedModalities(referral)).doesNotContain("BIOPSY");
    assertThat(pathway.isEnded(referral)).as("the referral's own pathway goes on").isFalse();
  }

  /** Whether an ExamOrderProcess instance of the referral passed that element. */
  private boolean passedInAnOrder(Referral referral, String activityId) {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(PathwayVariables.EXAM_PROCESS_ID)
        .processInstanceBusinessKey(referral.businessKey())
        .list()
        .stream()
        .anyMatch(
            order ->
                historyService
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(order.getId())
                        .activityId(activityId)
                        .count()
                    > 0);
  }

  private java.util.List<String> milestoneNames(Referral referral) {
    return milestones.of(referral.id()).stream().map(Milestones.Milestone::name).toList();
  }
}
