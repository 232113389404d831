package fr.sarcoma.referral.pathway.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The MDT part of the pathway: registration and the session wait (M1), Gateway_MdtOutcome (M3) after the decision
 * letter (M4), the biopsy after the operating surgeon's approach (M5, S3) and the biopsy gate's error path (S3).
 * Started at the MDT registration, as after a complete extension work-up.
 */
class MdtProcessTest extends ProcessEngineTestSupport {

  @Test
  @DisplayName(
      "M1: the case is registered on a session, prepared, and waits for that session before the decision task opens")
  void m1RegisteredCaseWaitsForItsSession() {
    ProcessInstance pathway = registeredForMdt();
    assertThat(pathway).isWaitingAtExactly("Task_PrepareMdtCase");
    assertThat(calls.of("clearPreviousAnswersListener"))
        .containsExactly("ServiceTask_RegisterForMdt:start");
    assertThat(calls.of("milestoneListener")).containsExactly("ServiceTask_RegisterForMdt:end");

    complete(
        pathway,
        "Task_PrepareMdtCase",
        Map.of("mdtQuestion", "Biopsie ?", "fixationDeferred", false));

    assertThat(pathway).isWaitingAtExactly("TimerEvent_MdtSession");
    assertThat(calls.of("prepareMdtCaseListener")).containsExactly("Task_PrepareMdtCase");
    Date sessionAt = (Date) runtimeService.getVariable(pathway.getId(), "mdtSessionAt");
    assertThat(
            managementService
                .createJobQuery()
                .processInstanceId(pathway.getId())
                .activityId("TimerEvent_MdtSession")
                .singleResult()
                .getDuedate())
        .isEqualTo(sessionAt);

    fireTimer(pathway, "TimerEvent_MdtSession");
    assertThat(pathway).isWaitingAtExactly("Task_RecordMdtDecision");
  }

  @Test
  @DisplayName(
      "M1: a case not discussed by the end of its session rolls over to the next session and waits again")
  void m1UndiscussedCaseRollsOver() {
    ProcessInstance pathway = atMdtSession();
    Date firstSession = (Date) runtimeService.getVariable(pathway.getId(), "mdtSessionAt");

    fireTimer(pathway, "BoundaryEvent_MdtSessionOver");

    assertThat(pathway)
        .isWaitingAtExactly("TimerEvent_MdtSession")
        .hasPassed("ServiceTask_RollOverMdtCase");
    assertThat(mdtCalendar.sessionsBooked()).isEqualTo(2);
    assertThat((Date) runtimeService.getVariable(pathway.getId(), "mdtSessionAt"))
        .isAfter(firstSession);
    assertThat(BpmnAwareTests.taskQuery().processInstanceId(pathway.getId()).count()).isZero();
  }

  @ParameterizedTest(
      name =
          "M3, M4: the MDT decides {0}: the decision letter goes out, then the referral ends at {1}")
  @CsvSource({
    "SURVEILLANCE, EndEvent_MdtSurveillance",
    "DISCHARGE_BENIGN, EndEvent_MdtDischargedBenign",
    "OTHER, EndEvent_MdtOtherDecision"
  })
  void m3DecisionsThatEndTheReferral(String outcome, String endEvent) {
    ProcessInstance pathway = atMdtSession();

    BpmnAwareTests.complete(task("Task_RecordMdtDecision", pathway), mdtDecision(outcome));
    // M4: the letter is its own transaction, before any routing.
    assertThat(pathway).isWaitingAtExactly("ServiceTask_SendMdtDecisionLetter");
    runJobs();

    assertThat(pathway)
        .isEnded()
        .hasPassedInOrder("Task_RecordMdtDecision", "ServiceTask_SendMdtDecisionLetter", endEvent);
    assertThat(calls.of("recordMdtDecisionListener")).containsExactly("Task_RecordMdtDecision");
    assertThat(calls.of("sendMdtDecisionLetterDelegate"))
        .containsExactly("ServiceTask_SendMdtDecisionLetter");
    assertThat(calls.of("closeReferralListener")).containsExactly(endEvent + ":end");
    assertThat(calls.of("milestoneListener")).contains("Task_RecordMdtDecision:end");
    assertThat(orders.placedModalities()).isEmpty();
  }

  @Test
  @DisplayName(
      "M3: the MDT asks for further imaging: a new characterisation MRI, the previous answers cleared, then a new report")
  void m3FurtherImagingLoopsBackToCharacterisation() {
    ProcessInstance pathway = atMdtSession();

    complete(pathway, "Task_RecordMdtDecision", mdtDecision("FURTHER_IMAGING"));

    assertThat(pathway)
        .isWaitingAtExactly("CallActivity_Mri")
        .hasPassed("Gateway_CharacterisationLoop");
    assertThat(openOrderModalities(pathway)).containsExactly("MRI");
    assertThat(calls.of("clearPreviousAnswersListener")).endsWith("CallActivity_Mri:start");

    reportExam(pathway, "MRI");
    assertThat(pathway).isWaitingAtExactly("Task_ReportCharacterisation");
  }

  @Test
  @DisplayName(
      "M3, M5, S3: the MDT decides a biopsy: the operating surgeon agrees the approach, then the biopsy is ordered, and its result reviewed")
  void m5BiopsyAfterTheSurgeonsApproach() {
    ProcessInstance pathway = atMdtSession();

    complete(pathway, "Task_RecordMdtDecision", mdtDecision("BIOPSY"));
    assertThat(pathway).isWaitingAtExactly("Task_AgreeBiopsyApproach");
    assertThat(orders.placedModalities()).isEmpty();

    complete(
        pathway,
        "Task_AgreeBiopsyApproach",
        Map.of("operatingSurgeon", true, "biopsyApproach", "Voie antéro-latérale"));
    assertThat(pathway).isWaitingAtExactly("CallActivity_Biopsy");
    assertThat(calls.of("recordBiopsyApproachListener"))
        .containsExactly("Task_AgreeBiopsyApproach");
    assertThat(openOrderModalities(pathway)).containsExactly("BIOPSY");

    reportExam(pathway, "BIOPSY");
    assertThat(pathway).isWaitingAtExactly("Task_ReviewBiopsyResult");
    complete(pathway, "Task_ReviewBiopsyResult", Map.of());

    assertThat(pathway)
        .isEnded()
        .hasPassed("EndEvent_BiopsyResultReviewed")
        .hasNotPassed("Task_ResolveBiopsyGateRefusal");
    assertThat(calls.of("closeReferralListener"))
        .containsExactly("EndEvent_BiopsyResultReviewed:end");
  }

  @Test
  @DisplayName(
      "S3: the order service's gate refuses the biopsy: no order, the reason reaches a coordinator, and the case goes back to the MDT")
  void s3GateRefusalGoesBackToTheMdt() {
    ProcessInstance pathway = atMdtSession();
    complete(pathway, "Task_RecordMdtDecision", mdtDecision("BIOPSY"));
    orders.closeBiopsyGate();

    complete(
        pathway,
        "Task_AgreeBiopsyApproach",
        Map.of("operatingSurgeon", true, "biopsyApproach", "Voie antéro-latérale"));

    assertThat(pathway)
        .isWaitingAtExactly("Task_ResolveBiopsyGateRefusal")
        .hasPassed("BoundaryEvent_BiopsyGateClosed")
        .hasNotPassed("Task_ReviewBiopsyResult");
    assertThat(pathway)
        .variables()
        .containsEntry("gateRefusalReason", FakeOrderSystem.GATE_REFUSAL);
    assertThat(orders.placedModalities()).isEmpty();
    assertThat(calls.of("milestoneListener")).contains("BoundaryEvent_BiopsyOrderRefused:end");

    complete(pathway, "Task_ResolveBiopsyGateRefusal", Map.of());

    assertThat(pathway)
        .isWaitingAtExactly("Task_PrepareMdtCase")
        .hasPassed("Gateway_MdtRegistrationMerge");
    assertThat(mdtCalendar.sessionsBooked()).isEqualTo(2);
  }

  /** The pathway registered for the MDT, as after a complete extension work-up. */
  private ProcessInstance registeredForMdt() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("site", "BONE");
    variables.put("priorProcedure", "NONE");
    variables.put("triage", triage("BONE", "ROUTINE", "NONE"));
    return startBefore("ServiceTask_RegisterForMdt", variables);
  }

  /** The pathway at its MDT session, the decision task open. */
  private ProcessInstance atMdtSession() {
    ProcessInstance pathway = registeredForMdt();
    complete(
        pathway,
        "Task_PrepareMdtCase",
        Map.of("mdtQuestion", "Biopsie ?", "fixationDeferred", false));
    fireTimer(pathway, "TimerEvent_MdtSession");
    assertThat(pathway).isWaitingAtExactly("Task_RecordMdtDecision");
    return pathway;
  }
}
