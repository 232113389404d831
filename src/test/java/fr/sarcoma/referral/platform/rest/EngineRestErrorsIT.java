package fr.sarcoma.referral.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.sarcoma.referral.orders.ExamOrder;
import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Refusals through the engine's REST API say what happened, in French, with the right status: a rule or a
 * form constraint → 400 with its fields; an unknown or finished task → 404; a lost race → 409; a missing
 * permission → 403 naming it. Never a 500, never an engine code; and the same through Tasklist's door.
 */
@PostgresIntegrationTest
class EngineRestErrorsIT {

  @Autowired PathwayDriver pathway;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  private HttpCalls as(String user) {
    return HttpCalls.to(port).as(user, "demo");
  }

  private static String complete(Map<String, String> stringAnswers) {
    StringBuilder json = new StringBuilder("{\"variables\":{");
    stringAnswers.forEach(
        (key, value) ->
            json.append('"')
                .append(key)
                .append("\":{\"value\":\"")
                .append(value)
                .append("\",\"type\":\"String\"},"));
    if (!stringAnswers.isEmpty()) {
      json.setLength(json.length() - 1);
    }
    return json.append("}}").toString();
  }

  private static void assertFrenchProblem(HttpCalls.Response response, int status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.json().path("message").asText())
        .isNotBlank()
        .doesNotContain("ENGINE-")
        .doesNotContain("Exception")
        .doesNotContain("at org.");
  }

  @Test
  void aCompletionMissingARequiredAnswerIsA400NamingTheFieldAndTheCaseDoesNotMoveOn() {
    Referral referral = pathway.preparingMdtCase(Site.SOFT_TISSUE);
    Task prepare = pathway.task(referral, "Task_PrepareMdtCase");

    HttpCalls.Response response =
        as("coordinator")
            .postJson(
                "/engine-rest/task/" + prepare.getId() + "/complete",
                complete(Map.of("fixationDeferred", "x")));

    assertFrenchProblem(response, 400);
    assertThat(response.json().path("errors").findValuesAsText("field")).contains("mdtQuestion");
    assertThat(response.json().path("message").asText())
        .contains("Question posée à la RCP")
        .contains("obligatoire");
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_PrepareMdtCase");
  }

  @Test
  void aClinicalRuleRefusalIsA400WithTheRulesFrenchMessage() {
    Referral referral = pathway.atMdtSession(Site.SOFT_TISSUE);
    Task decision = pathway.task(referral, "Task_RecordMdtDecision");
    taskService.claim(decision.getId(), "mdtchair");

    HttpCalls.Response response =
        as("mdtchair")
            .postJson(
                "/engine-rest/task/" + decision.getId() + "/complete",
                """
        {"variables":{
          "participants":{"value":"[\\"surgeon\\",\\"radiologist\\"]","type":"Json"},
          "mdtOutcome":{"value":"SURVEILLANCE","type":"String"},
          "decisionRationale":{"value":"Surveillance","type":"String"},
          "guideline":{"value":"ONCOLOR 2019","type":"String"},
          "guidelineConform":{"value":"YES","type":"String"},
          "clinicalTrialConsidered":{"value":"NO","type":"String"},
          "patientInformedBy":{"value":"Le médecin adresseur","type":"String"},
          "chairValidation":{"value":true,"type":"Boolean"}}}""");

    assertFrenchProblem(response, 400);
    assertThat(response.json().path("message").asText())
        .startsWith("Quorum de RCP non atteint (M2)")
        .contains("pathologiste");
    assertThat(response.json().path("errors").findValuesAsText("field"))
        .containsExactly("participants");
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_RecordMdtDecision");
  }

  @Test
  void tasklistsDoorAnswersTheSameRefusal() {
    Referral referral = pathway.atMdtSession(Site.BONE);
    Task decision = pathway.task(referral, "Task_RecordMdtDecision");
    taskService.claim(decision.getId(), "mdtchair");
    HttpCalls browser = HttpCalls.browser(port);
    String token = browser.get("/camunda/app/tasklist/default/").header("X-XSRF-TOKEN");
    assertThat(
            browser
                .postForm(
                    "/camunda/api/admin/auth/user/default/login/tasklist",
                    Map.of("username", "mdtchair", "password", "demo"),
                    Map.of("X-XSRF-TOKEN", token))
                .status())
        .isEqualTo(200);
    token = browser.get("/camunda/app/tasklist/default/").header("X-XSRF-TOKEN");

    HttpCalls.Response response =
        browser.postJson(
            "/camunda/api/engine/engine/default/task/" + decision.getId() + "/submit-form",
            complete(Map.of("mdtOutcome", "SURVEILLANCE")),
            Map.of("X-XSRF-TOKEN", token));

    assertFrenchProblem(response, 400);
    assertThat(response.json().path("errors").findValuesAsText("field"))
        .contains("participants", "decisionRationale", "patientInformedBy");
  }

  @Test
  void anUnknownTaskAndATaskAlreadyCompletedAre404() {
    assertFrenchProblem(
        as("coordinator").postJson("/engine-rest/task/no-such-task/complete", "{}"), 404);

    Referral referral = pathway.preparingMdtCase(Site.SOFT_TISSUE);
    Task prepare = pathway.task(referral, "Task_PrepareMdtCase");
    String answers = complete(Map.of("mdtQuestion", "Biopsie ?"));
    assertThat(
            as("coordinator")
                .postJson("/engine-rest/task/" + prepare.getId() + "/complete", answers)
                .status())
        .isEqualTo(204);
    HttpCalls.Response again =
        as("coordinator").postJson("/engine-rest/task/" + prepare.getId() + "/complete", answers);
    assertFrenchProblem(again, 404);
    assertThat(again.json().path("message").asText()).contains("introuvable ou déjà terminée");
  }

  @Test
  void twentyConcurrentCompletionsOfOneTaskGiveExactlyOne204AndNo5xx() throws Exception {
    Referral referral = pathway.preparingMdtCase(Site.SOFT_TISSUE);
    Task prepare = pathway.task(referral, "Task_PrepareMdtCase");
    String answers = complete(Map.of("mdtQuestion", "Biopsie ? Quelle voie d'abord ?"));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService clients = Executors.newFixedThreadPool(20);
    try {
      List<Future<HttpCalls.Response>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Callable<HttpCalls.Response> call =
            () -> {
              start.await();
              return as("coordinator")
                  .postJson("/engine-rest/task/" + prepare.getId() + "/complete", answers);
            };
        calls.add(clients.submit(call));
      }
      start.countDown();
      List<HttpCalls.Response> responses = new ArrayList<>();
      for (Future<HttpCalls.Response> call : calls) {
        responses.add(call.get());
      }
      assertThat(responses).filteredOn(response -> response.status() == 204).hasSize(1);
      assertThat(responses)
          .allSatisfy(
              response -> assertThat(response.status()).as(response.body()).isIn(204, 404, 409));
      responses.stream()
          .filter(response -> response.status() != 204)
          .forEach(response -> assertFrenchProblem(response, response.status()));
    } finally {
      clients.shutdownNow();
    }
    assertThat(
            jdbc.queryForObject(
                "select count(*) from mdt_registration where referral_id = ? and question is not null",
                Integer.class,
                referral.id()))
        .isOne();
  }

  @Test
  void aMissingPermissionIsA403NamingIt() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE, Presentation.SWELLING_OR_PAIN, 9.0, Depth.DEEP, PriorProcedure.NONE);
    pathway.reportExam(referral, "ULTRASOUND");
    Task classify = pathway.task(referral, "Task_ClassifyInitialImaging");

    HttpCalls.Response response =
        as("pathologist")
            .postJson(
                "/engine-rest/task/" + classify.getId() + "/complete",
                complete(Map.of("imagingConclusion", "AGGRESSIVE")));

    assertFrenchProblem(response, 403);
    assertThat(response.json().path("message").asText())
        .contains("permission")
        .contains("TASK_WORK");
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_ClassifyInitialImaging");
  }

  @Test
  void thePathwayStartsOnlyThroughTheIntakeWhateverTheDoor() {
    String start = "/engine-rest/process-definition/key/SarcomaReferralProcess/start";
    String routingFacts =
        """
        "referralId":{"value":"%s","type":"String"},"site":{"value":"SOFT_TISSUE","type":"String"},
        "presentation":{"value":"SWELLING_OR_PAIN","type":"String"},"depth":{"value":"DEEP","type":"String"},
        "priorProcedure":{"value":"NONE","type":"String"}""";
    Referral existing =
        pathway.refer(
            Site.SOFT_TISSUE, Presentation.SWELLING_OR_PAIN, 9.0, Depth.DEEP, PriorProcedure.NONE);
    long instancesBefore =
        runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey("SarcomaReferralProcess")
            .count();

    List<String> aroundTheIntake =
        List.of(
            "{\"variables\":{}}",
            "{\"variables\":{" + routingFacts.formatted(java.util.UUID.randomUUID()) + "}}",
            "{\"variables\":{" + routingFacts.formatted(existing.id()) + "}}",
            "{\"variables\":{" + routingFacts.formatted("pas-un-uuid") + "}}");
    for (String attempt : aroundTheIntake) {
      HttpCalls.Response response = as("coordinator").postJson(start, attempt);
      assertFrenchProblem(response, 400);
      JsonNode errors = response.json().path("errors");
      assertThat(errors.findValuesAsText("field")).as(attempt).containsExactly("referralId");
      assertThat(response.json().path("message").asText()).contains("POST /api/referrals");
    }
    // A start at a later activity would skip the triage: refused, listeners skipped or not, start
    // form or not.
    for (String later :
        List.of(
            """
        {"startInstructions":[{"type":"startBeforeActivity","activityId":"Task_ClassifyInitialImaging"}],
         "skipCustomListeners":true,"variables":{}}""",
            """
        {"startInstructions":[{"type":"startBeforeActivity","activityId":"Task_PrepareMdtCase"}],
         "variables":{"intakePatientIdentifier":{"value":"IPP-LATER","type":"String"}}}""")) {
      HttpCalls.Response response = as("coordinator").postJson(start, later);
      assertFrenchProblem(response, 400);
      assertThat(response.json().path("message").asText())
          .as(later)
          .contains("StartEvent_ReferralReceived");
    }
    // The engine itself refuses to skip listeners at the default start: still a French 400, no
    // engine code.
    assertFrenchProblem(
        as("coordinator").postJson(start, "{\"skipCustomListeners\":true,\"variables\":{}}"), 400);
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey("SarcomaReferralProcess")
                .count())
        .isEqualTo(instancesBefore);
  }

  @Test
  void aResultMessageCorrelatedAroundOurResultApisIsRefusedAndTheOrderKeepsWaiting() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE, Presentation.SWELLING_OR_PAIN, 9.0, Depth.DEEP, PriorProcedure.NONE);
    ExamOrder ultrasound = pathway.placedOrder(referral, "ULTRASOUND");

    HttpCalls.Response response =
        as("admin")
            .postJson(
                "/engine-rest/message",
                """
        {"messageName":"Msg_ExamReportReceived",
         "correlationKeys":{"orderId":{"value":"%s","type":"String"}}}"""
                    .formatted(ultrasound.id()));

    assertFrenchProblem(response, 400);
    assertThat(response.json().path("errors").findValuesAsText("field")).containsExactly("orderId");
    assertThat(response.json().path("message").asText()).contains("POST /api/orders/{id}/result");
    assertThat(pathway.openTaskKeys(referral)).doesNotContain("Task_ClassifyInitialImaging");

    pathway.reportExam(referral, "ULTRASOUND");
    assertThat(pathway.openTaskKeys(referral)).contains("Task_ClassifyInitialImaging");
  }
}
