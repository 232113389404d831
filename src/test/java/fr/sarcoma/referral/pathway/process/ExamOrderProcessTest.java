package fr.sarcoma.referral.pathway.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * ExamOrderProcess on its own: place, send, wait for the report (Gateway_ReportAlreadyIn), the overdue timer, a
 * rejected order (Gateway_RejectedOrderAction), an order handled by hand in Tasklist (Gateway_HandledByHand: booked,
 * then its report entered, or moved on by the APIs) and a biopsy refused by the S3 gate
 * (Gateway_BiopsyRefusedCalledByPathway).
 */
class ExamOrderProcessTest extends ProcessEngineTestSupport {

  /** The scope every wait for the report runs in (the overdue timer is on it). */
  private static final String AWAITING_REPORT = "SubProcess_AwaitReport";

  @Test
  @DisplayName(
      "A report posted before the order waits for it is not lost: the order ends without waiting")
  void reportAlreadyInSkipsTheWait() {
    ProcessInstance order = startOrder("MRI");
    execute(job("ServiceTask_PlaceOrder", order));
    orders.reportArrivedEarly((String) runtimeService.getVariable(order.getId(), "orderId"));

    execute(job("ServiceTask_SendOrder", order));

    assertThat(order)
        .isEnded()
        .hasPassedInOrder("Gateway_ReportAlreadyIn", "EndEvent_ReportReceived")
        .hasNotPassed("ReceiveTask_AwaitReport");
  }

  @Test
  @DisplayName(
      "An order placed and sent waits for its report, correlated by orderId, under its report deadline")
  void orderWaitsForItsReport() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-02T09:00:00Z")));
    ProcessInstance order = startOrder("CHEST_CT");
    runJobs();

    assertThat(order).isWaitingAtExactly(AWAITING_REPORT, "ReceiveTask_AwaitReport");
    assertThat(order).variables().containsEntry("orderId", "ORDER-CHEST_CT-1");
    Job overdue =
        managementService
            .createJobQuery()
            .processInstanceId(order.getId())
            .activityId("BoundaryEvent_ReportOverdue")
            .singleResult();
    assertThat(overdue.getDuedate())
        .isEqualTo(Instant.parse("2026-03-05T09:00:00Z")); // serviceLevels.examReport: P3D

    reportArrives(order);

    assertThat(order)
        .isEnded()
        .hasPassed("ReceiveTask_AwaitReport", "EndEvent_ReportReceived")
        .hasNotPassed("Task_HandleOverdueExam");
  }

  @Test
  @DisplayName("Overdue report: a coordinator chases it while the order keeps waiting")
  void overdueReportIsChasedWhileTheOrderWaits() {
    ProcessInstance order = startOrder("FDG_PET");
    runJobs();

    fireTimer(order, "BoundaryEvent_ReportOverdue");
    assertThat(order)
        .isWaitingAtExactly(AWAITING_REPORT, "ReceiveTask_AwaitReport", "Task_HandleOverdueExam");

    complete(order, "Task_HandleOverdueExam", Map.of());
    assertThat(order)
        .isWaitingAtExactly(AWAITING_REPORT, "ReceiveTask_AwaitReport")
        .hasPassed("EndEvent_OverdueHandled");
  }

  @Test
  @DisplayName(
      "Overdue report: the report arriving while the chase is open ends the order and closes the chase")
  void reportClosesAnOpenChase() {
    ProcessInstance order = startOrder("FDG_PET");
    runJobs();
    fireTimer(order, "BoundaryEvent_ReportOverdue");

    reportArrives(order);

    assertThat(order)
        .isEnded()
        .hasPassed("EndEvent_ReportReceived")
        .hasNotPassed("EndEvent_OverdueHandled");
  }

  @Test
  @DisplayName(
      "An order rejected by the receiver: the coordinator resends it corrected, and it is sent again")
  void rejectedOrderResent() {
    orders.rejectSends(1);
    ProcessInstance order = startOrder("MRI");
    runJobs();
    assertThat(order).isWaitingAtExactly("Task_HandleRejectedOrder");
    assertThat(order)
        .variables()
        .containsEntry("orderRejection", FakeOrderSystem.RECEIVER_REJECTION);

    complete(order, "Task_HandleRejectedOrder", Map.of("rejectionAction", "RESEND"));

    assertThat(order).isWaitingAtExactly(AWAITING_REPORT, "ReceiveTask_AwaitReport");
    assertThat(orders.sends()).isEqualTo(2);
    assertThat(calls.of("handleRejectedOrderListener")).containsExactly("Task_HandleRejectedOrder");
  }

  @Test
  @DisplayName(
      "An order rejected by the receiver: the coordinator handles it by hand, and the coordinators book it in Tasklist, unsent")
  void rejectedOrderHandledByHand() {
    orders.rejectSends(1);
    ProcessInstance order = startOrder("MRI");
    runJobs();

    complete(order, "Task_HandleRejectedOrder", Map.of("rejectionAction", "HANDLE_MANUALLY"));

    assertThat(order)
        .isWaitingAtExactly(AWAITING_REPORT, "Task_ScheduleExam")
        .hasPassed("Gateway_AwaitMerge", "Gateway_HandledByHand")
        .hasNotPassed("ReceiveTask_AwaitReport");
    assertThat(orders.sends()).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "No order system: the coordinators book the exam, then enter its report in Tasklist, and the order ends on the merge")
  void byHandBookedThenReportEnteredInTasklist() {
    orders.withoutOrderSystem();
    ProcessInstance order = startOrder("MRI");
    runJobs();

    assertThat(order)
        .isWaitingAtExactly(AWAITING_REPORT, "Task_ScheduleExam")
        .hasPassed("Gateway_HandledByHand")
        .hasNotPassed("ReceiveTask_AwaitReport");
    assertThat(task("Task_ScheduleExam", order)).hasCandidateGroup("coordinators");
    assertThat(task("Task_ScheduleExam", order).getDueDate()).isNotNull();

    complete(order, "Task_ScheduleExam", booking());
    assertThat(order).isWaitingAtExactly(AWAITING_REPORT, "Task_EnterExamReport");
    assertThat(task("Task_EnterExamReport", order)).hasCandidateGroup("coordinators");
    assertThat(task("Task_EnterExamReport", order).getDueDate()).isNotNull();

    complete(order, "Task_EnterExamReport", report());

    assertThat(order)
        .isEnded()
        .hasPassedInOrder(
            "Task_ScheduleExam",
            "Gateway_ExamScheduledMerge",
            "Task_EnterExamReport",
            "Gateway_ReportInMerge",
            "Gateway_ReportReceivedMerge",
            "EndEvent_ReportReceived")
        .hasNotPassed("Task_HandleOverdueExam");
    assertThat(calls.of("examTaskNameListener"))
        .containsExactly("Task_ScheduleExam", "Task_EnterExamReport");
    assertThat(calls.of("scheduleExamListener")).containsExactly("Task_ScheduleExam");
    assertThat(calls.of("enterExamReportListener")).containsExactly("Task_EnterExamReport");
  }

  @Test
  @DisplayName(
      "ST1: without an order system, the initial imaging booked and reported in Tasklist moves the referral on to its classification")
  void st1ReportEnteredInTasklistMovesThePathwayOn() {
    orders.withoutOrderSystem();
    ProcessInstance pathway = refer("SOFT_TISSUE", "SWELLING_OR_PAIN", 3.0, "SUPERFICIAL", "NONE");
    ProcessInstance order = openOrder(pathway, "ULTRASOUND");

    complete(order, "Task_ScheduleExam", booking());
    complete(order, "Task_EnterExamReport", report());

    assertThat(order).isEnded();
    assertThat(pathway)
        .isWaitingAtExactly("Task_ClassifyInitialImaging")
        .hasPassed("CallActivity_InitialImaging");
  }

  @Test
  @DisplayName(
      "A result posted through the API while the booking is open moves the order on: no booking, no report entry left")
  void reportThroughTheApiWhileTheBookingIsOpen() {
    orders.withoutOrderSystem();
    ProcessInstance order = startOrder("CHEST_CT");
    runJobs();
    assertThat(order).isWaitingAtExactly(AWAITING_REPORT, "Task_ScheduleExam");

    reportArrives(order);

    assertThat(order)
        .isEnded()
        .hasPassed("BoundaryEvent_ReportReceivedBeforeBooking", "EndEvent_ReportReceived")
        .hasNotPassed("Task_EnterExamReport");
    assertThat(calls.of("scheduleExamListener")).isEmpty();
  }

  @Test
  @DisplayName(
      "A result posted through the API while the report entry is open moves the order on and closes the entry")
  void reportThroughTheApiWhileTheReportEntryIsOpen() {
    orders.withoutOrderSystem();
    ProcessInstance order = startOrder("CHEST_CT");
    runJobs();
    complete(order, "Task_ScheduleExam", booking());
    assertThat(order).isWaitingAtExactly(AWAITING_REPORT, "Task_EnterExamReport");

    reportArrives(order);

    assertThat(order)
        .isEnded()
        .hasPassed("BoundaryEvent_ReportReceivedBeforeEntry", "EndEvent_ReportReceived");
    assertThat(calls.of("enterExamReportListener")).isEmpty();
  }

  @Test
  @DisplayName(
      "A booking through the API while the booking task is open closes it: the report entry follows, no stale task")
  void bookingThroughTheApiClosesTheBookingTask() {
    orders.withoutOrderSystem();
    ProcessInstance order = startOrder("MRI");
    runJobs();

    bookedThroughTheApi(order);

    assertThat(order)
        .isWaitingAtExactly(AWAITING_REPORT, "Task_EnterExamReport")
        .hasPassed("BoundaryEvent_ExamScheduledThroughApi", "Gateway_ExamScheduledMerge");
    assertThat(calls.of("scheduleExamListener")).isEmpty();

    complete(order, "Task_EnterExamReport", report());
    assertThat(order).isEnded().hasPassed("EndEvent_ReportReceived");
  }

  @Test
  @DisplayName(
      "Overdue report of an order handled by hand: a coordinator chases it while the booking stays open, and the chase does not hold the order")
  void overdueOrderHandledByHandIsChased() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-02T09:00:00Z")));
    orders.withoutOrderSystem();
    ProcessInstance order = startOrder("FDG_PET");
    runJobs();
    Job overdue =
        managementService
            .createJobQuery()
            .processInstanceId(order.getId())
            .activityId("BoundaryEvent_ReportOverdue")
            .singleResult();
    assertThat(overdue.getDuedate()).isEqualTo(Instant.parse("2026-03-05T09:00:00Z"));

    fireTimer(order, "BoundaryEvent_ReportOverdue");
    assertThat(order)
        .isWaitingAtExactly(AWAITING_REPORT, "Task_ScheduleExam", "Task_HandleOverdueExam");

    complete(order, "Task_HandleOverdueExam", Map.of());
    assertThat(order)
        .isWaitingAtExactly(AWAITING_REPORT, "Task_ScheduleExam")
        .hasPassed("EndEvent_OverdueHandled");

    complete(order, "Task_ScheduleExam", booking());
    complete(order, "Task_EnterExamReport", report());
    assertThat(order).isEnded().hasPassed("EndEvent_ReportReceived");
  }

  @Test
  @DisplayName(
      "Overdue report of an order handled by hand: the report entered while the chase is open ends the order and closes the chase")
  void reportEnteredByHandClosesAnOpenChase() {
    orders.withoutOrderSystem();
    ProcessInstance order = startOrder("FDG_PET");
    runJobs();
    complete(order, "Task_ScheduleExam", booking());
    fireTimer(order, "BoundaryEvent_ReportOverdue");
    assertThat(order)
        .isWaitingAtExactly(AWAITING_REPORT, "Task_EnterExamReport", "Task_HandleOverdueExam");

    complete(order, "Task_EnterExamReport", report());

    assertThat(order)
        .isEnded()
        .hasPassed("EndEvent_ReportReceived")
        .hasNotPassed("EndEvent_OverdueHandled");
  }

  @Test
  @DisplayName(
      "S3: a biopsy started on its own and refused by the gate goes to a coordinator with the reason; no order, no biopsy")
  void s3RefusedStandaloneBiopsyGoesToACoordinator() {
    orders.closeBiopsyGate();
    ProcessInstance order = startOrder("BIOPSY");
    runJobs();

    assertThat(order)
        .isWaitingAtExactly("Task_ReviewRefusedBiopsyOrder")
        .hasPassed("BoundaryEvent_BiopsyOrderRefused")
        .hasNotPassed("EndEvent_BiopsyGateClosed", "ServiceTask_SendOrder");
    assertThat(order)
        .variables()
        .containsEntry("gateRefusalReason", FakeOrderSystem.GATE_REFUSAL)
        .doesNotContainKey("orderId");
    assertThat(calls.of("milestoneListener"))
        .containsExactly("BoundaryEvent_BiopsyOrderRefused:end");

    complete(order, "Task_ReviewRefusedBiopsyOrder", Map.of());
    assertThat(order).isEnded().hasPassed("EndEvent_BiopsyRefusalReviewed");
    assertThat(orders.placedModalities()).isEmpty();
  }

  @Test
  @DisplayName(
      "S3: a biopsy called by the pathway and refused by the gate ends in Error_BiopsyGateClosed, back to the pathway with the reason")
  void s3RefusedCalledBiopsyGoesBackToThePathway() {
    orders.closeBiopsyGate();
    Map<String, Object> variables = new HashMap<>();
    variables.put("triage", triage("BONE", "URGENT", "NONE"));
    ProcessInstance pathway =
        runtimeService
            .createProcessInstanceByKey(PATHWAY)
            .businessKey(REFERRAL_NUMBER)
            .setVariables(referralVariables())
            .setVariables(variables)
            .startBeforeActivity("CallActivity_Biopsy")
            .execute();
    ProcessInstance order = openOrder(pathway, "BIOPSY");
    assertThat(order).variables().containsEntry("urgency", "URGENT");

    runJobs();

    assertThat(order)
        .isEnded()
        .hasPassed("BoundaryEvent_BiopsyOrderRefused", "EndEvent_BiopsyGateClosed")
        .hasNotPassed("Task_ReviewRefusedBiopsyOrder");
    assertThat(pathway).isWaitingAtExactly("Task_ResolveBiopsyGateRefusal");
    assertThat(pathway)
        .variables()
        .containsEntry("gateRefusalReason", FakeOrderSystem.GATE_REFUSAL);
  }

  /** The answers of "Programmer l'examen", as Tasklist submits them. */
  private static Map<String, Object> booking() {
    return Map.of("scheduledFor", "15/03/2026", "scheduledPlace", "CHRU de Nancy, imagerie");
  }

  /** The answers of "Saisir le compte rendu", as Tasklist submits them. */
  private static Map<String, Object> report() {
    return Map.of(
        "resultPerformedOn",
        "15/03/2026",
        "resultConclusion",
        "Pas de lésion suspecte",
        "resultReport",
        "Examen sans particularité");
  }

  /** An order as a call activity passes it, started on its own; its asynchronous steps wait for the test. */
  private ProcessInstance startOrder(String modality) {
    Map<String, Object> variables = referralVariables();
    variables.put("modality", modality);
    variables.put("urgency", "ROUTINE");
    ProcessInstance order =
        runtimeService.startProcessInstanceByKey(EXAM_ORDER, REFERRAL_NUMBER, variables);
    assertThat(order).isWaitingAtExactly("ServiceTask_PlaceOrder");
    return order;
  }
}
