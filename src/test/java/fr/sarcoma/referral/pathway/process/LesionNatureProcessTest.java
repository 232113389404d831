package fr.sarcoma.referral.pathway.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Gateway_LesionNature, on the real Decision_LesionNature: what the radiologist's classification of the initial
 * imaging (Task_ClassifyInitialImaging) leads to. Each referral is walked from its start.
 */
class LesionNatureProcessTest extends ProcessEngineTestSupport {

  @Test
  @DisplayName(
      "ST2: a superficial soft-tissue lesion under 5 cm, typical benign on ultrasound, ends with a letter and no MRI")
  void st2TypicalBenignSuperficialSmallIsDischarged() {
    ProcessInstance pathway =
        classified("SOFT_TISSUE", 3.0, "SUPERFICIAL", "NONE", "TYPICAL_BENIGN", false);

    assertThat(pathway)
        .isEnded()
        .hasPassedInOrder(
            "Task_ClassifyInitialImaging",
            "Gateway_TypicalBenignMerge",
            "EndEvent_TypicalBenignDischarged")
        .hasNotPassed("CallActivity_Mri");
    assertThat(pathway).variables().containsEntry("nextStep", "DISCHARGE_BENIGN");
    assertThat(calls.of("sendOutcomeLetterDelegate"))
        .containsExactly("EndEvent_TypicalBenignDischarged");
    assertThat(calls.of("milestoneListener")).contains("CallActivity_InitialImaging:end");
    assertThat(orders.placedModalities()).containsExactly("ULTRASOUND");
  }

  @Test
  @DisplayName(
      "B2: a typical benign bone lesion (no-touch) ends with a letter: no MRI, no biopsy, ever")
  void b2NoTouchBoneLesionIsDischarged() {
    ProcessInstance pathway = classified("BONE", null, "UNKNOWN", "NONE", "TYPICAL_BENIGN", true);

    assertThat(pathway)
        .isEnded()
        .hasPassed("EndEvent_NoTouchLesionDischarged")
        .hasNotPassed("CallActivity_Mri", "Gateway_TypicalBenignMerge", "CallActivity_Biopsy");
    assertThat(pathway).variables().containsEntry("nextStep", "DISCHARGE_NO_TOUCH");
    assertThat(calls.of("sendOutcomeLetterDelegate"))
        .containsExactly("EndEvent_NoTouchLesionDischarged");
    assertThat(orders.placedModalities()).containsExactly("XRAY");
  }

  @Test
  @DisplayName(
      "ST5, S1: a deep soft-tissue lesion is never closed on ultrasound alone, even typical benign: MRI")
  void st5DeepLesionGoesToMri() {
    ProcessInstance pathway =
        classified("SOFT_TISSUE", 3.0, "DEEP", "NONE", "TYPICAL_BENIGN", false);

    assertWaitsForMri(pathway, "MRI_TO_RULE_OUT");
  }

  @Test
  @DisplayName("ST5, S1: a soft-tissue lesion over 5 cm is never closed on ultrasound alone: MRI")
  void st5LargeLesionGoesToMri() {
    ProcessInstance pathway =
        classified("SOFT_TISSUE", 7.0, "SUPERFICIAL", "NONE", "NO_LESION", false);

    assertWaitsForMri(pathway, "MRI_TO_RULE_OUT");
  }

  @Test
  @DisplayName("ST4: no lesion on ultrasound but the clinical concern persists: MRI")
  void st4PersistingConcernGoesToMri() {
    ProcessInstance pathway =
        classified("SOFT_TISSUE", 2.0, "SUPERFICIAL", "NONE", "NO_LESION", true);

    assertWaitsForMri(pathway, "MRI_TO_RULE_OUT");
  }

  @Test
  @DisplayName("ST3, S2: an aggressive soft-tissue lesion goes to MRI on the sarcoma work-up")
  void st3AggressiveSoftTissueGoesToMri() {
    ProcessInstance pathway =
        classified("SOFT_TISSUE", 3.0, "SUPERFICIAL", "NONE", "AGGRESSIVE", false);

    assertWaitsForMri(pathway, "SARCOMA_WORKUP");
  }

  @Test
  @DisplayName(
      "B3, S2: an indeterminate bone lesion goes to MRI of the whole bone segment on the sarcoma work-up")
  void b3IndeterminateBoneGoesToMri() {
    ProcessInstance pathway = classified("BONE", null, "UNKNOWN", "NONE", "INDETERMINATE", false);

    assertWaitsForMri(pathway, "SARCOMA_WORKUP");
  }

  @Test
  @DisplayName(
      "U2: after a biopsy elsewhere, a lesion typical benign on initial imaging is never closed: MRI on the sarcoma work-up")
  void u2AfterBiopsyElsewhereNeverClosedOnInitialImaging() {
    ProcessInstance pathway =
        classified("SOFT_TISSUE", 3.0, "SUPERFICIAL", "BIOPSY", "TYPICAL_BENIGN", false);

    assertWaitsForMri(pathway, "SARCOMA_WORKUP");
    assertThat(pathway).hasNotPassed("EndEvent_TypicalBenignDischarged");
  }

  /** A referral walked to its classification: triage, the initial imaging ordered and reported, then classified. */
  private ProcessInstance classified(
      String site,
      Double sizeCm,
      String depth,
      String priorProcedure,
      String conclusion,
      boolean concernPersists) {
    ProcessInstance pathway = refer(site, "SWELLING_OR_PAIN", sizeCm, depth, priorProcedure);
    reportExam(pathway, "BONE".equals(site) ? "XRAY" : "ULTRASOUND");
    assertThat(pathway).isWaitingAtExactly("Task_ClassifyInitialImaging");
    complete(pathway, "Task_ClassifyInitialImaging", classification(conclusion, concernPersists));
    return pathway;
  }

  private void assertWaitsForMri(ProcessInstance pathway, String nextStep) {
    assertThat(pathway)
        .isWaitingAtExactly("CallActivity_Mri")
        .hasPassed("Gateway_CharacterisationLoop")
        .hasNotPassed("EndEvent_TypicalBenignDischarged", "EndEvent_NoTouchLesionDischarged");
    assertThat(pathway).variables().containsEntry("nextStep", nextStep);
    assertThat(openOrderModalities(pathway)).containsExactly("MRI");
    assertThat(calls.of("clearPreviousAnswersListener")).containsExactly("CallActivity_Mri:start");
    assertThat(calls.of("milestoneListener")).contains("CallActivity_Mri:start");
  }
}
