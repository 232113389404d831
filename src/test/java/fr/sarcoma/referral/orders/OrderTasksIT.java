package fr.sarcoma.referral.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Without an order system, the coordinators book each order and enter its report in Tasklist ("Programmer
 * l'examen", "Saisir le compte rendu"), here through {@code /engine-rest} as Tasklist completes them: the
 * answers land in {@code exam_order} as the worklist API stores them, a bad answer is refused with a 400 naming
 * the field and the task stays open, and the worklist API, still open to integrators, moves those tasks on.
 */
@PostgresIntegrationTest
class OrderTasksIT {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired PathwayDriver pathway;
  @Autowired ExamOrderService orders;
  @Autowired ExamResults results;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @LocalServerPort int port;

  private HttpCalls coordinator() {
    return HttpCalls.to(port).as("coordinator", "demo");
  }

  /** A superficial 3 cm soft-tissue swelling: its initial ultrasound (ST1) goes to the worklist. */
  private Referral referral() {
    return pathway.refer(
        Site.SOFT_TISSUE,
        Presentation.SWELLING_OR_PAIN,
        3.0,
        Depth.SUPERFICIAL,
        PriorProcedure.NONE);
  }

  @Test
  void aCoordinatorBooksTheExamThenEntersItsReportAndThePathwayGoesOn() {
    Referral referral = referral();
    ExamOrder order = pathway.placedOrder(referral, "ULTRASOUND");
    assertThat(order.status()).isEqualTo(OrderStatus.WORKLIST);

    // The booking task, as Tasklist lists it for the coordinators: named after the exam, with the
    // referral (the Tasklist plugins show the patient from it).
    JsonNode booking = onlyTask(referral, "Task_ScheduleExam");
    String bookingId = booking.path("id").asText();
    assertThat(booking.path("name").asText()).isEqualTo("Programmer l'examen : Échographie");
    assertThat(booking.path("due").isNull()).isFalse();
    assertThat(candidateGroups(bookingId)).containsExactly("coordinators");
    assertThat(
            coordinator()
                .get("/engine-rest/task/" + bookingId + "/variables/referralId")
                .json()
                .path("value")
                .asText())
        .isEqualTo(referral.id().toString());

    // Refused, each naming its field; the task stays open and the order untouched.
    String inAWeek = LocalDate.now(PARIS).plusDays(7).format(FRENCH);
    assertRefused(
        bookingId, Map.of("scheduledFor", "31/02/2027", "scheduledPlace", "CHRU"), "scheduledFor");
    assertRefused(
        bookingId,
        Map.of("scheduledFor", "02/01/2020", "scheduledPlace", "CHRU"),
        "scheduledFor",
        "précéder la prescription");
    assertRefused(bookingId, Map.of("scheduledFor", inAWeek), "scheduledPlace");
    assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.WORKLIST);
    assertThat(orders.find(order.id()).orElseThrow().scheduledFor()).isNull();

    HttpCalls.Response booked =
        complete(
            bookingId,
            Map.of(
                "scheduledFor",
                inAWeek,
                "scheduledPlace",
                "CHRU de Nancy, service d'imagerie ostéo-articulaire"));
    assertThat(booked.status()).as(booked.body()).isEqualTo(204);
    Map<String, Object> row = orderRow(order.id());
    assertThat(row.get("status")).isEqualTo("SCHEDULED");
    assertThat(row.get("scheduled_for").toString())
        .isEqualTo(LocalDate.now(PARIS).plusDays(7).toString());
    assertThat(row.get("scheduled_place"))
        .isEqualTo("CHRU de Nancy, service d'imagerie ostéo-articulaire");

    // The report entry follows, due the evening of the second day after the appointment.
    JsonNode entry = onlyTask(referral, "Task_EnterExamReport");
    String entryId = entry.path("id").asText();
    assertThat(entry.path("name").asText()).isEqualTo("Saisir le compte rendu : Échographie");
    assertThat(taskService.createTaskQuery().taskId(entryId).singleResult().getDueDate())
        .isEqualTo(
            java.util.Date.from(
                LocalDate.now(PARIS)
                    .plusDays(9)
                    .atTime(LocalTime.of(18, 0))
                    .atZone(PARIS)
                    .toInstant()));
    String examInstance = entry.path("processInstanceId").asText();
    assertThat(variablesOf(examInstance)).doesNotContainKeys("scheduledFor", "scheduledPlace");

    // A date to come, a missing conclusion: refused, the task stays open, no result stored.
    String today = LocalDate.now(PARIS).format(FRENCH);
    String tomorrow = LocalDate.now(PARIS).plusDays(1).format(FRENCH);
    assertRefused(entryId, report(tomorrow, "Lipome", "Texte"), "resultPerformedOn", "futur");
    Map<String, Object> noConclusion = new LinkedHashMap<>(report(today, "Lipome", "Texte"));
    noConclusion.remove("resultConclusion");
    assertRefused(entryId, noConclusion, "resultConclusion");
    assertThat(orders.find(order.id()).orElseThrow().hasResult()).isFalse();

    HttpCalls.Response reported =
        complete(
            entryId,
            report(
                today,
                "Lipome sous-cutané typique",
                "Échographie de la cuisse gauche : formation hyperéchogène homogène de 3 cm."));
    assertThat(reported.status()).as(reported.body()).isEqualTo(204);
    pathway.runJobs(referral);

    row = orderRow(order.id());
    assertThat(row.get("status")).isEqualTo("REPORTED");
    assertThat(row.get("result_conclusion")).isEqualTo("Lipome sous-cutané typique");
    assertThat(row.get("result_report"))
        .isEqualTo("Échographie de la cuisse gauche : formation hyperéchogène homogène de 3 cm.");
    assertThat(row.get("result_performed_on").toString())
        .isEqualTo(LocalDate.now(PARIS).toString());
    assertThat(row.get("scheduled_place"))
        .isEqualTo("CHRU de Nancy, service d'imagerie ostéo-articulaire");
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_ClassifyInitialImaging");
    // The report's text is in exam_order only: not in the process, nor in its history.
    assertThat(
            historyService
                .createHistoricVariableInstanceQuery()
                .processInstanceId(examInstance)
                .variableNameIn("resultConclusion", "resultReport")
                .count())
        .isZero();
    assertThat(
            historyService
                .createHistoricDetailQuery()
                .processInstanceId(examInstance)
                .variableUpdates()
                .list()
                .stream()
                .map(detail -> ((HistoricVariableUpdate) detail).getVariableName()))
        .doesNotContain("resultConclusion", "resultReport");
  }

  @Test
  void aResultPostedThroughTheApiWhileTheBookingIsOpenMovesTheOrderOn() {
    Referral referral = referral();
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_ScheduleExam");

    assertThat(pathway.postResult(orderId).status()).isEqualTo(200);
    pathway.runJobs(referral);

    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_ClassifyInitialImaging");
    ExamOrder order = orders.find(orderId).orElseThrow();
    assertThat(order.status()).isEqualTo(OrderStatus.REPORTED);
    assertThat(order.scheduledFor()).isNull();
  }

  @Test
  void aResultPostedThroughTheApiWhileTheReportEntryIsOpenMovesTheOrderOn() {
    Referral referral = referral();
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();
    String bookingId = onlyTask(referral, "Task_ScheduleExam").path("id").asText();
    assertThat(complete(bookingId, booking(LocalDate.now(PARIS).plusDays(2))).status())
        .isEqualTo(204);
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_EnterExamReport");

    assertThat(pathway.postResult(orderId).status()).isEqualTo(200);
    pathway.runJobs(referral);

    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_ClassifyInitialImaging");
    assertThat(orders.find(orderId).orElseThrow().resultConclusion())
        .isEqualTo("Compte rendu disponible");
  }

  @Test
  void aBookingThroughTheApiLeavesNoStaleTask() {
    Referral referral = referral();
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();
    LocalDate appointment = LocalDate.now(PARIS).plusDays(5);

    HttpCalls.Response booked =
        coordinator()
            .postJson(
                "/api/orders/" + orderId + "/schedule",
                "{\"scheduledFor\": \""
                    + appointment
                    + "\", \"scheduledPlace\": \"Clinique du Parc, radiologie\"}");

    assertThat(booked.status()).as(booked.body()).isEqualTo(200);
    assertThat(booked.json().path("scheduledPlace").asText())
        .isEqualTo("Clinique du Parc, radiologie");
    assertThat(pathway.openTaskKeys(referral))
        .as("the booking task closed, the report entry open")
        .containsExactly("Task_EnterExamReport");
    Task entry = pathway.task(referral, "Task_EnterExamReport");
    assertThat(entry.getDueDate()).isEqualTo(evening(appointment.plusDays(2)));

    // Booked again while the report entry is open: the new appointment, and the entry due after it.
    LocalDate later = appointment.plusDays(10);
    assertThat(
            coordinator()
                .postJson(
                    "/api/orders/" + orderId + "/schedule", "{\"scheduledFor\": \"" + later + "\"}")
                .status())
        .isEqualTo(200);
    assertThat(pathway.task(referral, "Task_EnterExamReport").getDueDate())
        .isEqualTo(evening(later.plusDays(2)));
    assertThat(orders.find(orderId).orElseThrow().scheduledFor()).isEqualTo(later);
  }

  @Test
  void aReportEntryByAUserOutsideTheReadingGroupIsRefusedWith403() {
    Referral referral = referral();
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();
    String bookingId = onlyTask(referral, "Task_ScheduleExam").path("id").asText();
    assertThat(complete(bookingId, booking(LocalDate.now(PARIS))).status()).isEqualTo(204);
    String entryId = pathway.task(referral, "Task_EnterExamReport").getId();
    taskService.setAssignee(entryId, "pathologist");

    HttpCalls.Response refused =
        HttpCalls.to(port)
            .as("pathologist", "demo")
            .postJson(
                "/engine-rest/task/" + entryId + "/complete",
                variables(report(LocalDate.now(PARIS).format(FRENCH), "Lipome", "Texte")));

    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.json().path("message").asText())
        .contains("échographie", "« radiologists »", "coordination")
        .doesNotContain("ENGINE-");
    assertThat(orders.find(orderId).orElseThrow().hasResult()).isFalse();
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_EnterExamReport");
  }

  /**
   * A result comes through the API while a coordinator submits the report entry: the API's transaction holds
   * the order while it ends the task; the entry, waiting for the order, then finds the result on record and
   * loses with a 409. One result is stored, the API's; nothing of the entry.
   */
  @Test
  void aReportEntryThatLosesTheRaceAgainstTheApiIsA409AndStoresNothing() throws Exception {
    Referral referral = referral();
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();
    String bookingId = onlyTask(referral, "Task_ScheduleExam").path("id").asText();
    assertThat(complete(bookingId, booking(LocalDate.now(PARIS))).status()).isEqualTo(204);
    String entryId = pathway.task(referral, "Task_EnterExamReport").getId();
    LocalDate today = LocalDate.now(PARIS);

    CountDownLatch stored = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> api =
          threads.submit(
              () ->
                  new TransactionTemplate(transactions)
                      .executeWithoutResult(
                          status -> {
                            results.receive(
                                orderId,
                                List.of("radiologists"),
                                "Résultat de l'API",
                                "Texte de l'API",
                                today,
                                Channel.API);
                            stored.countDown();
                            await(commit);
                          }));
      assertThat(stored.await(20, TimeUnit.SECONDS)).isTrue();
      Future<HttpCalls.Response> tasklist =
          threads.submit(
              () ->
                  complete(
                      entryId, report(today.format(FRENCH), "Saisie Tasklist", "Texte saisi")));
      waitUntilABackendWaitsForALock();
      commit.countDown();
      api.get(20, TimeUnit.SECONDS);

      HttpCalls.Response lost = tasklist.get(20, TimeUnit.SECONDS);
      assertThat(lost.status()).as(lost.body()).isEqualTo(409);
      assertThat(lost.json().path("message").asText()).contains("rechargez");
    } finally {
      commit.countDown();
      threads.shutdownNow();
    }
    pathway.runJobs(referral);
    assertThat(orders.find(orderId).orElseThrow().resultConclusion())
        .isEqualTo("Résultat de l'API");
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_ClassifyInitialImaging");
  }

  // --- helpers --------------------------------------------------------------------------------

  private JsonNode onlyTask(Referral referral, String taskKey) {
    JsonNode tasks =
        coordinator()
            .get(
                "/engine-rest/task?processInstanceBusinessKey="
                    + referral.businessKey()
                    + "&taskDefinitionKey="
                    + taskKey)
            .json();
    assertThat(tasks).as(taskKey + " for the coordinators").hasSize(1);
    return tasks.get(0);
  }

  private List<String> candidateGroups(String taskId) {
    JsonNode links = coordinator().get("/engine-rest/task/" + taskId + "/identity-links").json();
    return links.findValues("groupId").stream()
        .filter(group -> !group.isNull())
        .map(JsonNode::asText)
        .toList();
  }

  private HttpCalls.Response complete(String taskId, Map<String, Object> answers) {
    return coordinator().postJson("/engine-rest/task/" + taskId + "/complete", variables(answers));
  }

  private void assertRefused(
      String taskId, Map<String, Object> answers, String field, String... reasonContains) {
    HttpCalls.Response refused = complete(taskId, answers);
    assertThat(refused.status()).as(answers + " → " + refused.body()).isEqualTo(400);
    assertThat(refused.json().path("errors").findValuesAsText("field")).contains(field);
    assertThat(refused.json().path("message").asText()).doesNotContain("ENGINE-");
    for (String reason : reasonContains) {
      assertThat(refused.json().path("message").asText()).contains(reason);
    }
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).as("task still open").isOne();
  }

  private Map<String, Object> variablesOf(String processInstanceId) {
    Map<String, Object> variables = runtimeService.getVariables(processInstanceId);
    assertThat(variables).containsKey("orderId");
    return variables;
  }

  private Map<String, Object> orderRow(UUID orderId) {
    return jdbc.queryForMap(
        "select status, scheduled_for, scheduled_place, result_conclusion, result_report,"
            + " result_performed_on from exam_order where id = ?",
        orderId);
  }

  private static Map<String, Object> booking(LocalDate date) {
    return Map.of("scheduledFor", date.format(FRENCH), "scheduledPlace", "CHRU de Nancy, imagerie");
  }

  private static Map<String, Object> report(String performedOn, String conclusion, String text) {
    Map<String, Object> answers = new LinkedHashMap<>();
    answers.put("resultPerformedOn", performedOn);
    answers.put("resultConclusion", conclusion);
    answers.put("resultReport", text);
    return answers;
  }

  /** As Tasklist submits a form: each answer a typed variable. */
  private static String variables(Map<String, Object> answers) {
    Map<String, Object> typed = new LinkedHashMap<>();
    answers.forEach((name, value) -> typed.put(name, Map.of("value", value, "type", "String")));
    try {
      return JSON.writeValueAsString(Map.of("variables", typed));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.util.Date evening(LocalDate day) {
    return java.util.Date.from(day.atTime(LocalTime.of(18, 0)).atZone(PARIS).toInstant());
  }

  private void waitUntilABackendWaitsForALock() throws InterruptedException {
    for (int attempt = 0; attempt < 200; attempt++) {
      Integer waiting =
          jdbc.queryForObject(
              "select count(*) from pg_stat_activity where datname = current_database()"
                  + " and wait_event_type = 'Lock'",
              Integer.class);
      if (waiting != null && waiting > 0) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the report entry never waited for the order");
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
