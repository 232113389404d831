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
      "M3, M5, S3, M6: the MDT decides a biopsy: the operating surgeon agrees the approach, the biopsy is ordered, its result reviewed by the expert pathologist, and the case goes back to the MDT for the proposal round")
  void m5BiopsyAfterTheSurgeonsApproach() {
    ProcessInstance pathway = atMdtSession();

    complete(pathway, "Task_RecordMdtDecision", mdtDecision("BIOPSY"));
    assertThat(pathway).isWaitingAtExactly("Task_AgreeBiopsyApproach");
    assertThat(orders.placedModalities()).isEmpty();

    agreeApproachAndReportTheBiopsy(pathway);
    complete(pathway, "Task_ReviewBiopsyResult", pathologyDiagnosis("SARCOMA"));

    // M6: no end after the review: the case is registered for a new MDT round, the proposal round.
    runJobs();
    assertThat(pathway)
        .isWaitingAtExactly("Task_PrepareMdtCase")
        .hasPassed("Gateway_MdtRegistrationMerge")
        .hasNotPassed("Task_ResolveBiopsyGateRefusal");
    assertThat(pathway).variables().containsEntry("mdtRound", "PROPOSAL");
    assertThat(calls.of("recordPathologyDiagnosisListener"))
        .containsExactly("Task_ReviewBiopsyResult");
    assertThat(mdtCalendar.sessionsBooked()).isEqualTo(2);
    assertThat(calls.of("closeReferralListener")).isEmpty();
  }

  @ParameterizedTest(
      name =
          "M6, M2, M4: after a {0} diagnosis the proposal round decides {1}: decision letter, diagnosis letter, then the referral ends at the proposal")
  @CsvSource({
    "SARCOMA, OTHER",
    "BENIGN, DISCHARGE_BENIGN",
    "OTHER_MALIGNANCY, OTHER",
    "BENIGN, SURVEILLANCE"
  })
  void m6ProposalRoundEndsWithTheDiagnosisLetter(String diagnosis, String proposal) {
    ProcessInstance pathway = atProposalRound(diagnosis);

    complete(pathway, "Task_RecordMdtDecision", mdtDecision(proposal));
    runJobs();

    assertThat(pathway)
        .isEnded()
        .hasPassedInOrder(
            "Task_RecordMdtDecision",
            "ServiceTask_SendMdtDecisionLetter",
            "ServiceTask_SendDiagnosisLetter",
            "EndEvent_MdtProposalRecorded")
        .hasNotPassed(
            "EndEvent_MdtSurveillance",
            "EndEvent_MdtDischargedBenign",
            "EndEvent_MdtOtherDecision");
    assertThat(calls.of("sendDiagnosisLetterDelegate"))
        .containsExactly("ServiceTask_SendDiagnosisLetter");
    assertThat(calls.of("closeReferralListener"))
        .containsExactly("EndEvent_MdtProposalRecorded:end");
    // The proposal round is an MDT round like the first: its decision was recorded (M2 quorum, M4).
    assertThat(calls.of("recordMdtDecisionListener")).hasSize(2);
  }

  @Test
  @DisplayName(
      "M6, S3: a non-conclusive reading: the proposal round decides a new biopsy, which goes through the surgeon's approach and the S3 gate again, then a new expert review")
  void m6NotConclusiveLeadsToANewBiopsyThroughS3() {
    ProcessInstance pathway = atProposalRound("NOT_CONCLUSIVE");

    complete(pathway, "Task_RecordMdtDecision", mdtDecision("BIOPSY"));
    runJobs();
    assertThat(pathway).isWaitingAtExactly("Task_AgreeBiopsyApproach");
    assertThat(calls.of("sendDiagnosisLetterDelegate")).isEmpty();

    agreeApproachAndReportTheBiopsy(pathway);
    assertThat(orders.placedModalities()).containsExactly("BIOPSY", "BIOPSY");
    complete(pathway, "Task_ReviewBiopsyResult", pathologyDiagnosis("SARCOMA"));
    runJobs();
    assertThat(pathway).isWaitingAtExactly("Task_PrepareMdtCase");
    assertThat(calls.of("recordPathologyDiagnosisListener")).hasSize(2);
  }

  @Test
  @DisplayName(
      "M6, S3: a new biopsy decided in the proposal round is refused by the S3 gate like the first: the case goes back to the MDT, no diagnosis letter")
  void m6NewBiopsyRefusedByTheGate() {
    ProcessInstance pathway = atProposalRound("NOT_CONCLUSIVE");
    complete(pathway, "Task_RecordMdtDecision", mdtDecision("BIOPSY"));
    runJobs();
    orders.closeBiopsyGate();

    complete(
        pathway,
        "Task_AgreeBiopsyApproach",
        Map.of("operatingSurgeon", true, "biopsyApproach", "Voie antéro-latérale"));

    assertThat(pathway)
        .isWaitingAtExactly("Task_ResolveBiopsyGateRefusal")
        .hasPassed("BoundaryEvent_BiopsyGateClosed");
    assertThat(calls.of("sendDiagnosisLetterDelegate")).isEmpty();
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

  /** The surgeon agrees the approach (S3c), the biopsy is ordered and reported: the review task opens. */
  private void agreeApproachAndReportTheBiopsy(ProcessInstance pathway) {
    complete(
        pathway,
        "Task_AgreeBiopsyApproach",
        Map.of("operatingSurgeon", true, "biopsyApproach", "Voie antéro-latérale"));
    assertThat(pathway).isWaitingAtExactly("CallActivity_Biopsy");
    assertThat(calls.of("recordBiopsyApproachListener")).contains("Task_AgreeBiopsyApproach");
    assertThat(openOrderModalities(pathway)).containsExactly("BIOPSY");
    reportExam(pathway, "BIOPSY");
    assertThat(pathway).isWaitingAtExactly("Task_ReviewBiopsyResult");
  }

  /** M6: the expert pathologist's structured diagnosis. */
  private static Map<String, Object> pathologyDiagnosis(String category) {
    Map<String, Object> answers = new HashMap<>();
    answers.put("pathologyDiagnosis", category);
    answers.put("pathologyReview", "Relecture experte");
    if ("SARCOMA".equals(category)) {
      answers.put("histologicalType", "Ostéosarcome conventionnel");
      answers.put("fnclccGrade", "3");
    }
    return answers;
  }

  /** The pathway back at the MDT after the expert review (M6): the proposal round's decision task open. */
  private ProcessInstance atProposalRound(String diagnosis) {
    ProcessInstance pathway = atMdtSession();
    complete(pathway, "Task_RecordMdtDecision", mdtDecision("BIOPSY"));
    runJobs();
    agreeApproachAndReportTheBiopsy(pathway);
    complete(pathway, "Task_ReviewBiopsyResult", pathologyDiagnosis(diagnosis));
    runJobs();
    complete(
        pathway,
        "Task_PrepareMdtCase",
        Map.of("mdtQuestion", "Proposition thérapeutique ?", "fixationDeferred", false));
    fireTimer(pathway, "TimerEvent_MdtSession");
    assertThat(pathway).isWaitingAtExactly("Task_RecordMdtDecision");
    return pathway;
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
