package fr.sarcoma.referral.pathway.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Gateway_TriageRoute and Gateway_PriorProcedure, on the real Decision_Triage: where a referral goes first. */
class TriageRouteProcessTest extends ProcessEngineTestSupport {

  @Test
  @DisplayName(
      "G0: a spine lesion ends out of scope with a letter to the referrer, sent in its own transaction, nothing ordered")
  void g0SpineIsOutOfScope() {
    ProcessInstance pathway = register("SPINE", "SWELLING_OR_PAIN", 8.0, "DEEP", "NONE");

    assertThat(pathway).isWaitingAt("EndEvent_OutOfScope");
    assertThat(pathway)
        .variables()
        .extractingByKey("triage")
        .asInstanceOf(MAP)
        .containsEntry("route", "OUT_OF_SCOPE")
        .containsKey("outOfScopeReason");
    assertThat(calls.of("sendOutcomeLetterDelegate")).isEmpty();

    execute(job("EndEvent_OutOfScope", pathway));

    assertThat(pathway)
        .isEnded()
        .hasPassed("BusinessRuleTask_Triage", "EndEvent_OutOfScope")
        .hasNotPassed("Gateway_InitialImagingMerge", "Gateway_AfterProcedureFork");
    assertThat(calls.of("sendOutcomeLetterDelegate")).containsExactly("EndEvent_OutOfScope");
    assertThat(calls.of("triageRecordedListener")).containsExactly("BusinessRuleTask_Triage:end");
    assertThat(orders.placedModalities()).isEmpty();
  }

  @Test
  @DisplayName("ST1: a superficial soft-tissue swelling under 5 cm gets a routine ultrasound first")
  void st1SoftTissueGetsUltrasound() {
    ProcessInstance pathway = refer("SOFT_TISSUE", "SWELLING_OR_PAIN", 3.0, "SUPERFICIAL", "NONE");

    assertThat(pathway)
        .isWaitingAtExactly("CallActivity_InitialImaging")
        .hasNotPassed("ServiceTask_RequestPriorProcedureMaterial");
    assertOrder(pathway, "ULTRASOUND", "ROUTINE");
    assertThat(calls.of("milestoneListener"))
        .containsExactly("StartEvent_ReferralReceived:start", "CallActivity_InitialImaging:start");
  }

  @Test
  @DisplayName("B1: a bone lesion gets routine X-rays first")
  void b1BoneGetsXrays() {
    ProcessInstance pathway = refer("BONE", "SWELLING_OR_PAIN", 6.0, "DEEP", "NONE");

    assertThat(pathway).isWaitingAtExactly("CallActivity_InitialImaging");
    assertOrder(pathway, "XRAY", "ROUTINE");
  }

  @Test
  @DisplayName("B1, B4: a pathological fracture gets X-rays and CT, urgently")
  void b4FractureGetsUrgentXraysAndCt() {
    ProcessInstance pathway = refer("BONE", "PATHOLOGICAL_FRACTURE", null, "UNKNOWN", "NONE");

    assertThat(pathway).isWaitingAtExactly("CallActivity_InitialImaging");
    assertOrder(pathway, "XRAY_AND_CT", "URGENT");
  }

  @Test
  @DisplayName(
      "U1, X1, M6: after an excision elsewhere, never ultrasound first: urgent operative-bed MRI and chest CT at once, material requested on its own branch")
  void u1ExcisionElsewhereGetsOperativeBedWorkup() {
    ProcessInstance pathway =
        register("SOFT_TISSUE", "SWELLING_OR_PAIN", 4.0, "SUPERFICIAL", "EXCISION");

    // The orders are out before the letter asking for the material has run: the imaging never waits
    // for it.
    assertThat(pathway)
        .isWaitingAtExactly(
            "ServiceTask_RequestPriorProcedureMaterial",
            "CallActivity_OperativeBedMri",
            "CallActivity_OperativeBedChestCt");
    runJobs();

    assertThat(pathway)
        .isWaitingAtExactly("CallActivity_OperativeBedMri", "CallActivity_OperativeBedChestCt")
        .hasPassed("EndEvent_PriorProcedureMaterialRequested")
        .hasNotPassed("CallActivity_InitialImaging");
    assertThat(calls.of("requestPriorProcedureMaterialDelegate"))
        .containsExactly("ServiceTask_RequestPriorProcedureMaterial");
    assertThat(openOrderModalities(pathway)).containsExactly("CHEST_CT", "MRI");
    assertOrder(pathway, "MRI", "URGENT");
    assertOrder(pathway, "CHEST_CT", "URGENT");
    assertThat(runtimeService.getVariable(openOrder(pathway, "MRI").getId(), "protocolVariant"))
        .isEqualTo("OPERATIVE_BED");
  }

  @Test
  @DisplayName(
      "U1: the operative-bed MRI is reported only once both it and the chest CT are in; the CT is marked as ordered at once")
  void u1ReportWaitsForBothExams() {
    ProcessInstance pathway = refer("BONE", "SWELLING_OR_PAIN", null, "UNKNOWN", "EXCISION");

    reportExam(pathway, "MRI");
    assertThat(pathway)
        .isWaitingAtExactly("Gateway_OperativeBedWorkupJoin", "CallActivity_OperativeBedChestCt");

    reportExam(pathway, "CHEST_CT");
    assertThat(pathway)
        .isWaitingAtExactly("Task_ReportCharacterisation")
        .hasPassed("Gateway_OperativeBedWorkupJoin")
        .variables()
        .containsEntry("chestCtOrderedAtOnce", true);
  }

  @Test
  @DisplayName(
      "U2, M6: after a biopsy elsewhere, the usual initial imaging (urgent X-rays for bone) and the slides and blocks requested")
  void u2BiopsyElsewhereGetsUsualImaging() {
    ProcessInstance pathway = refer("BONE", "SWELLING_OR_PAIN", null, "UNKNOWN", "BIOPSY");

    assertThat(pathway)
        .isWaitingAtExactly("CallActivity_InitialImaging")
        .hasPassed("Gateway_PriorProcedure", "EndEvent_PriorProcedureMaterialRequested")
        .hasNotPassed("Gateway_OperativeBedWorkupFork");
    assertOrder(pathway, "XRAY", "URGENT");
    assertThat(calls.of("requestPriorProcedureMaterialDelegate")).hasSize(1);
  }

  private void assertOrder(ProcessInstance pathway, String modality, String urgency) {
    ProcessInstance order = openOrder(pathway, modality);
    assertThat(order).isWaitingAt("ReceiveTask_AwaitReport");
    assertThat(order)
        .variables()
        .contains(Map.entry("urgency", urgency), Map.entry("referralNumber", REFERRAL_NUMBER));
    assertThat(order.getBusinessKey()).isEqualTo(REFERRAL_NUMBER);
  }
}
