package fr.sarcoma.referral.pathway.decision;

import static fr.sarcoma.referral.pathway.decision.DecisionTables.variables;
import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.pathway.decision.DecisionTables.Evaluation;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class LesionNatureDecisionTest {

  private static final String LESION_NATURE = "Decision_LesionNature";
  private static final String CHARACTERISATION_OUTCOME = "Decision_CharacterisationOutcome";
  private static final DecisionTables TABLES = new DecisionTables("LesionNature.dmn");

  @AfterAll
  static void everyRuleIsExercised() {
    Set<String> ruleIds = new HashSet<>(TABLES.ruleIds(LESION_NATURE));
    ruleIds.addAll(TABLES.ruleIds(CHARACTERISATION_OUTCOME));
    assertThat(TABLES.exercisedRules()).containsExactlyInAnyOrderElementsOf(ruleIds);
  }

  @Test
  @DisplayName(
      "B2: a typical benign (no-touch) bone lesion is discharged, whatever its size or depth")
  void b2NoTouchBoneLesion() {
    assertNextStep(
        lesion("BONE", "TYPICAL_BENIGN", true, "DEEP", 9.0),
        "Rule_LesionNature_BoneTypicalBenign",
        "DISCHARGE_NO_TOUCH");
  }

  @ParameterizedTest(name = "B3, S2: a {0} bone lesion goes to the sarcoma work-up")
  @ValueSource(strings = {"INDETERMINATE", "AGGRESSIVE"})
  void b3SuspiciousBoneLesion(String conclusion) {
    assertNextStep(
        lesion("BONE", conclusion, false, "DEEP", 2.0),
        "Rule_LesionNature_BoneSuspicious",
        "SARCOMA_WORKUP");
  }

  @Test
  @DisplayName(
      "ST4 (by analogy), I: no bone lesion on X-rays but a persisting clinical concern gets an MRI")
  void st4BoneNoLesionWithConcern() {
    assertNextStep(
        lesion("BONE", "NO_LESION", true, "DEEP", null),
        "Rule_LesionNature_BoneNoLesionConcern",
        "MRI_TO_RULE_OUT");
  }

  @ParameterizedTest(name = "I: no bone lesion and clinical concern {0} is discharged")
  @NullSource
  @ValueSource(booleans = false)
  void iBoneNoLesionWithoutConcern(Boolean concern) {
    assertNextStep(
        lesion("BONE", "NO_LESION", concern, "DEEP", null),
        "Rule_LesionNature_BoneNoLesion",
        "DISCHARGE_BENIGN");
  }

  @ParameterizedTest(
      name =
          "ST3, S2: a {0} soft-tissue lesion goes to the sarcoma work-up, even small and superficial")
  @ValueSource(strings = {"INDETERMINATE", "AGGRESSIVE"})
  void st3SuspiciousSoftTissueLesion(String conclusion) {
    assertNextStep(
        lesion("SOFT_TISSUE", conclusion, false, "SUPERFICIAL", 1.0),
        "Rule_LesionNature_SoftTissueSuspicious",
        "SARCOMA_WORKUP");
  }

  @ParameterizedTest(
      name = "ST5, S1: a deep soft-tissue lesion reported {0} on ultrasound needs an MRI")
  @ValueSource(strings = {"TYPICAL_BENIGN", "NO_LESION"})
  void st5Deep(String conclusion) {
    assertNextStep(
        lesion("SOFT_TISSUE", conclusion, false, "DEEP", 5.0),
        "Rule_LesionNature_SoftTissueDeep",
        "MRI_TO_RULE_OUT");
  }

  @Test
  @DisplayName(
      "ST5, S1: a typical benign superficial soft-tissue lesion of 5.1 cm (> 5) needs an MRI")
  void st5LargerThanFiveCm() {
    assertNextStep(
        lesion("SOFT_TISSUE", "TYPICAL_BENIGN", false, "SUPERFICIAL", 5.1),
        "Rule_LesionNature_SoftTissueLarge",
        "MRI_TO_RULE_OUT");
  }

  @Test
  @DisplayName(
      "ST5 (precaution): a typical benign soft-tissue lesion of unknown depth needs an MRI")
  void st5DepthUnknown() {
    assertNextStep(
        lesion("SOFT_TISSUE", "TYPICAL_BENIGN", false, "UNKNOWN", 2.0),
        "Rule_LesionNature_SoftTissueDepthUnknown",
        "MRI_TO_RULE_OUT");
  }

  @Test
  @DisplayName(
      "ST5 (precaution): a typical benign superficial soft-tissue lesion of unknown (null) size needs an MRI")
  void st5SizeUnknown() {
    assertNextStep(
        lesion("SOFT_TISSUE", "TYPICAL_BENIGN", false, "SUPERFICIAL", null),
        "Rule_LesionNature_SoftTissueSizeUnknown",
        "MRI_TO_RULE_OUT");
  }

  @Test
  @DisplayName(
      "ST4: no soft-tissue lesion on ultrasound but a persisting clinical concern gets an MRI")
  void st4NoLesionWithConcern() {
    assertNextStep(
        lesion("SOFT_TISSUE", "NO_LESION", true, "SUPERFICIAL", 2.0),
        "Rule_LesionNature_SoftTissueNoLesionConcern",
        "MRI_TO_RULE_OUT");
  }

  @Test
  @DisplayName("ST2: a typical benign superficial soft-tissue lesion under 5 cm is discharged")
  void st2TypicalBenignSuperficialSmall() {
    assertNextStep(
        lesion("SOFT_TISSUE", "TYPICAL_BENIGN", false, "SUPERFICIAL", 3.0),
        "Rule_LesionNature_SoftTissueSuperficialSmall",
        "DISCHARGE_BENIGN");
  }

  @Test
  @DisplayName(
      "ST2: a typical benign superficial soft-tissue lesion of exactly 5 cm (not > 5) is discharged")
  void st2ExactlyFiveCm() {
    assertNextStep(
        lesion("SOFT_TISSUE", "TYPICAL_BENIGN", false, "SUPERFICIAL", 5.0),
        "Rule_LesionNature_SoftTissueSuperficialSmall",
        "DISCHARGE_BENIGN");
  }

  @Test
  @DisplayName("ST4: no superficial soft-tissue lesion and no persisting concern is discharged")
  void st4NoLesionWithoutConcern() {
    assertNextStep(
        lesion("SOFT_TISSUE", "NO_LESION", false, "SUPERFICIAL", 2.0),
        "Rule_LesionNature_SoftTissueSuperficialSmall",
        "DISCHARGE_BENIGN");
  }

  @ParameterizedTest(
      name =
          "U2: after a biopsy elsewhere, a soft-tissue lesion called {0} on initial imaging is never discharged: characterisation, then the MDT")
  @ValueSource(strings = {"TYPICAL_BENIGN", "NO_LESION", "INDETERMINATE"})
  void u2SoftTissueAfterBiopsyIsNeverDischarged(String conclusion) {
    assertNextStep(
        lesion("SOFT_TISSUE", conclusion, false, "SUPERFICIAL", 3.0, "BIOPSY"),
        "Rule_LesionNature_AfterProcedureElsewhere",
        "SARCOMA_WORKUP");
  }

  @Test
  @DisplayName(
      "U2 before B2: a 'no-touch' bone lesion already biopsied elsewhere goes to the MDT, not home")
  void u2NoTouchBoneLesionAfterBiopsyGoesToTheMdt() {
    assertNextStep(
        lesion("BONE", "TYPICAL_BENIGN", false, "DEEP", null, "BIOPSY"),
        "Rule_LesionNature_AfterProcedureElsewhere",
        "SARCOMA_WORKUP");
  }

  @Test
  @DisplayName(
      "U1: after an excision elsewhere, an ultrasound showing only the scar never discharges a 4 cm superficial lesion")
  void u1ScarOnlyOnUltrasoundIsNeverDischarged() {
    assertNextStep(
        lesion("SOFT_TISSUE", "NO_LESION", false, "SUPERFICIAL", 4.0, "EXCISION"),
        "Rule_LesionNature_AfterProcedureElsewhere",
        "SARCOMA_WORKUP");
  }

  private static Evaluation lesion(
      String site, String conclusion, Boolean concern, String depth, Double size) {
    return lesion(site, conclusion, concern, depth, size, "NONE");
  }

  private static Evaluation lesion(
      String site,
      String conclusion,
      Boolean concern,
      String depth,
      Double size,
      String priorProcedure) {
    return TABLES.evaluate(
        LESION_NATURE,
        variables(
            "site",
            site,
            "imagingConclusion",
            conclusion,
            "clinicalConcernPersists",
            concern,
            "depth",
            depth,
            "largestDimensionCm",
            size,
            "priorProcedure",
            priorProcedure));
  }

  private static void assertNextStep(Evaluation evaluation, String ruleId, String nextStep) {
    assertThat(evaluation.ruleId()).isEqualTo(ruleId);
    assertThat(evaluation.output("nextStep")).isEqualTo(nextStep);
  }

  @Test
  @DisplayName(
      "S2: indeterminate or aggressive initial imaging always goes to the MDT, even if the MRI is reassuring")
  void s2AlreadySuspicious() {
    assertAfter(
        outcome("SARCOMA_WORKUP", "TYPICAL_BENIGN", false),
        "Rule_CharacterisationOutcome_AlreadySuspicious",
        "SARCOMA_WORKUP");
  }

  @Test
  @DisplayName("S4: the radiologist asks for the MDT")
  void s4MdtNeeded() {
    assertAfter(
        outcome("MRI_TO_RULE_OUT", "NO_LESION", true),
        "Rule_CharacterisationOutcome_MdtNeeded",
        "SARCOMA_WORKUP");
  }

  @ParameterizedTest(name = "ST4: a {0} characterisation goes to the sarcoma work-up")
  @ValueSource(strings = {"INDETERMINATE", "AGGRESSIVE"})
  void st4SuspiciousCharacterisation(String conclusion) {
    assertAfter(
        outcome("MRI_TO_RULE_OUT", conclusion, false),
        "Rule_CharacterisationOutcome_Suspicious",
        "SARCOMA_WORKUP");
  }

  @ParameterizedTest(name = "ST4, ST5: an MRI concluding {0} with no MDT needed is discharged")
  @ValueSource(strings = {"NO_LESION", "TYPICAL_BENIGN"})
  void st4ReassuringCharacterisation(String conclusion) {
    assertAfter(
        outcome("MRI_TO_RULE_OUT", conclusion, false),
        "Rule_CharacterisationOutcome_Benign",
        "DISCHARGE_BENIGN");
  }

  @Test
  @DisplayName("S4: without the radiologist's answer on the MDT, no rule discharges the patient")
  void s4MissingMdtAnswerIsNeverDischarged() {
    assertThat(
            TABLES.matchingRules(
                CHARACTERISATION_OUTCOME,
                variables(
                    "nextStep",
                    "MRI_TO_RULE_OUT",
                    "characterisationConclusion",
                    "TYPICAL_BENIGN",
                    "mdtNeeded",
                    null,
                    "priorProcedure",
                    "NONE")))
        .isEmpty();
  }

  @ParameterizedTest(
      name =
          "U1: after an excision elsewhere, an operative-bed MRI concluding {0} with no MDT asked for still goes to the MDT")
  @ValueSource(strings = {"NO_LESION", "TYPICAL_BENIGN"})
  void u1ReassuringOperativeBedMriStillGoesToTheMdt(String conclusion) {
    // U1 reaches the characterisation without the initial-imaging decision: no nextStep.
    assertAfter(
        outcome(null, conclusion, false, "EXCISION"),
        "Rule_CharacterisationOutcome_AfterProcedureElsewhere",
        "SARCOMA_WORKUP");
  }

  @Test
  @DisplayName(
      "U2: after a biopsy elsewhere, a reassuring characterisation still goes to the MDT (never discharged before it)")
  void u2ReassuringCharacterisationStillGoesToTheMdt() {
    assertAfter(
        outcome("MRI_TO_RULE_OUT", "TYPICAL_BENIGN", false, "BIOPSY"),
        "Rule_CharacterisationOutcome_AfterProcedureElsewhere",
        "SARCOMA_WORKUP");
  }

  private static Evaluation outcome(String nextStep, String conclusion, Boolean mdtNeeded) {
    return outcome(nextStep, conclusion, mdtNeeded, "NONE");
  }

  private static Evaluation outcome(
      String nextStep, String conclusion, Boolean mdtNeeded, String priorProcedure) {
    return TABLES.evaluate(
        CHARACTERISATION_OUTCOME,
        variables(
            "nextStep",
            nextStep,
            "characterisationConclusion",
            conclusion,
            "mdtNeeded",
            mdtNeeded,
            "priorProcedure",
            priorProcedure));
  }

  private static void assertAfter(
      Evaluation evaluation, String ruleId, String afterCharacterisation) {
    assertThat(evaluation.ruleId()).isEqualTo(ruleId);
    assertThat(evaluation.output("afterCharacterisation")).isEqualTo(afterCharacterisation);
  }
}
