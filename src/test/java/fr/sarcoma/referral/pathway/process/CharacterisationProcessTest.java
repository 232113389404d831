package fr.sarcoma.referral.pathway.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gateway_AfterCharacterisation, on the real Decision_CharacterisationOutcome: after the structured MRI report
 * (Task_ReportCharacterisation), either a discharge or the extension work-up towards the MDT. Started at the report.
 */
class CharacterisationProcessTest extends ProcessEngineTestSupport {

  @ParameterizedTest(
      name =
          "ST4, ST5: an MRI done to rule out a sarcoma that shows {0}, MDT not needed, ends with a letter")
  @ValueSource(strings = {"NO_LESION", "TYPICAL_BENIGN"})
  void st4BenignOnMriIsDischarged(String conclusion) {
    ProcessInstance pathway = atCharacterisationReport("SOFT_TISSUE", "NONE", "MRI_TO_RULE_OUT");

    complete(
        pathway,
        "Task_ReportCharacterisation",
        characterisation(conclusion, false, "NOT_APPLICABLE", "UNKNOWN", false));

    assertThat(pathway)
        .isEnded()
        .hasPassedInOrder(
            "Task_ReportCharacterisation",
            "Gateway_TypicalBenignMerge",
            "EndEvent_TypicalBenignDischarged")
        .hasNotPassed("BusinessRuleTask_ExtensionWorkup");
    assertThat(pathway).variables().containsEntry("afterCharacterisation", "DISCHARGE_BENIGN");
    assertThat(calls.of("recordCharacterisationReportListener"))
        .containsExactly("Task_ReportCharacterisation");
    assertThat(calls.of("milestoneListener")).containsExactly("Task_ReportCharacterisation:end");
    assertThat(calls.of("sendOutcomeLetterDelegate"))
        .containsExactly("EndEvent_TypicalBenignDischarged");
  }

  @Test
  @DisplayName(
      "S4: the radiologist asks for the MDT on a lesion typical benign on MRI: extension work-up")
  void s4RadiologistAsksForMdt() {
    ProcessInstance pathway = atCharacterisationReport("SOFT_TISSUE", "NONE", "MRI_TO_RULE_OUT");

    complete(
        pathway,
        "Task_ReportCharacterisation",
        characterisation("TYPICAL_BENIGN", true, "NOT_APPLICABLE", "UNKNOWN", false));

    assertGoesToWorkup(pathway);
  }

  @ParameterizedTest(name = "ST4: an MRI that finds the lesion {0} leads to the extension work-up")
  @ValueSource(strings = {"INDETERMINATE", "AGGRESSIVE"})
  void st4SuspiciousOnMriGoesToWorkup(String conclusion) {
    ProcessInstance pathway = atCharacterisationReport("SOFT_TISSUE", "NONE", "MRI_TO_RULE_OUT");

    complete(
        pathway,
        "Task_ReportCharacterisation",
        characterisation(conclusion, false, "NOT_APPLICABLE", "SOFT_TISSUE_SARCOMA", false));

    assertGoesToWorkup(pathway);
  }

  @Test
  @DisplayName(
      "S2: a lesion already suspicious on initial imaging goes to the MDT even when the MRI looks benign")
  void s2AlreadySuspiciousAlwaysGoesToWorkup() {
    ProcessInstance pathway = atCharacterisationReport("BONE", "NONE", "SARCOMA_WORKUP");

    complete(
        pathway,
        "Task_ReportCharacterisation",
        characterisation("TYPICAL_BENIGN", false, "LYTIC", "UNKNOWN", false));

    assertGoesToWorkup(pathway);
  }

  @Test
  @DisplayName(
      "U2: after a biopsy elsewhere, a benign MRI with no MDT asked is never discharged: extension work-up")
  void u2AfterBiopsyElsewhereNeverDischarged() {
    ProcessInstance pathway = atCharacterisationReport("SOFT_TISSUE", "BIOPSY", "SARCOMA_WORKUP");

    complete(
        pathway,
        "Task_ReportCharacterisation",
        characterisation("NO_LESION", false, "NOT_APPLICABLE", "UNKNOWN", false));

    assertGoesToWorkup(pathway);
  }

  @Test
  @DisplayName(
      "U1, X1: after an excision elsewhere (walked from the referral), a benign operative-bed MRI is never discharged, and the work-up orders no second chest CT")
  void u1AfterExcisionElsewhereNeverDischarged() {
    ProcessInstance pathway =
        refer("SOFT_TISSUE", "SWELLING_OR_PAIN", 3.0, "SUPERFICIAL", "EXCISION");
    reportExam(pathway, "MRI");
    reportExam(pathway, "CHEST_CT");

    complete(
        pathway,
        "Task_ReportCharacterisation",
        characterisation("TYPICAL_BENIGN", false, "NOT_APPLICABLE", "UNKNOWN", false));

    assertThat(pathway)
        .isWaitingAtExactly("Task_PrepareMdtCase")
        .hasPassed(
            "BusinessRuleTask_ExtensionWorkup",
            "Gateway_ExtensionJoin",
            "ServiceTask_RegisterForMdt")
        .hasNotPassed(
            "CallActivity_ChestCt",
            "CallActivity_FdgPet",
            "EndEvent_TypicalBenignDischarged",
            "BusinessRuleTask_LesionNature");
    assertThat(pathway).variables().containsEntry("afterCharacterisation", "SARCOMA_WORKUP");
    assertThat(orders.placedModalities()).containsExactlyInAnyOrder("MRI", "CHEST_CT");
  }

  /** The pathway at the structured MRI report, as after the characterisation MRI of a lesion classified {@code nextStep}. */
  private ProcessInstance atCharacterisationReport(
      String site, String priorProcedure, String nextStep) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("site", site);
    variables.put("priorProcedure", priorProcedure);
    variables.put("nextStep", nextStep);
    variables.put("triage", triage(site, "ROUTINE", priorProcedure));
    ProcessInstance pathway = startBefore("Task_ReportCharacterisation", variables);
    assertThat(pathway).isWaitingAtExactly("Task_ReportCharacterisation");
    return pathway;
  }

  private void assertGoesToWorkup(ProcessInstance pathway) {
    assertThat(pathway)
        .isNotEnded()
        .hasPassed("BusinessRuleTask_ExtensionWorkup")
        .hasNotPassed("Gateway_TypicalBenignMerge", "EndEvent_TypicalBenignDischarged");
    assertThat(pathway).variables().containsEntry("afterCharacterisation", "SARCOMA_WORKUP");
    assertThat(openOrderModalities(pathway)).contains("CHEST_CT");
    assertThat(calls.of("sendOutcomeLetterDelegate")).isEmpty();
  }
}
