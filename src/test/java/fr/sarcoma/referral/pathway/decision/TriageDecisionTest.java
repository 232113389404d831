package fr.sarcoma.referral.pathway.decision;

import static fr.sarcoma.referral.pathway.decision.DecisionTables.variables;
import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.pathway.decision.DecisionTables.Evaluation;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TriageDecisionTest {

  private static final String DECISION = "Decision_Triage";
  private static final DecisionTables TABLES = new DecisionTables("Triage.dmn");

  @AfterAll
  static void everyRuleIsExercised() {
    assertThat(TABLES.exercisedRules())
        .containsExactlyInAnyOrderElementsOf(TABLES.ruleIds(DECISION));
  }

  @Test
  @DisplayName(
      "G0: a spine lesion is routed out of scope with a reason, even with a pathological fracture")
  void g0SpineIsOutOfScope() {
    for (String presentation : new String[] {"SWELLING_OR_PAIN", "PATHOLOGICAL_FRACTURE"}) {
      Evaluation triage = triage("SPINE", presentation, "NONE", "DEEP", 8.0);

      assertThat(triage.ruleId()).isEqualTo("Rule_Triage_Spine");
      assertThat(triage.outputs())
          .containsAllEntriesOf(
              Map.of(
                  "route",
                  "OUT_OF_SCOPE",
                  "urgency",
                  "ROUTINE",
                  "imagingBeforeAnyProcedure",
                  true));
      assertThat(triage.output("initialImaging")).isNull();
      assertThat(triage.output("outOfScopeReason"))
          .isEqualTo(
              "Lésion du rachis : hors du champ de ce référentiel (G0). Adresser à la filière rachis.");
    }
  }

  @Test
  @DisplayName("B1, B4: a pathological fracture is an urgent bone lesion imaged by X-rays and CT")
  void b4PathologicalFracture() {
    Evaluation triage = triage("BONE", "PATHOLOGICAL_FRACTURE", "NONE", "UNKNOWN", null);

    assertRouted(
        triage, "Rule_Triage_BonePathologicalFracture", "BONE", "XRAY_AND_CT", "URGENT", true);
  }

  @ParameterizedTest(name = "B1, G1: a bone lesion presenting as {0} gets routine X-rays")
  @ValueSource(strings = {"SWELLING_OR_PAIN", "INCIDENTAL_FINDING"})
  void b1BoneLesion(String presentation) {
    Evaluation triage = triage("BONE", presentation, "NONE", "DEEP", 6.0);

    assertRouted(triage, "Rule_Triage_Bone", "BONE", "XRAY", "ROUTINE", true);
  }

  @ParameterizedTest(
      name =
          "U1, X1: a {0} soft-tissue lesion excised elsewhere is never sent to ultrasound first: urgent MRI of the operative bed and chest CT, material requested (M6)")
  @ValueSource(strings = {"SUPERFICIAL", "DEEP", "UNKNOWN"})
  void u1SoftTissueAfterExcision(String depth) {
    for (Double size : new Double[] {6.0, 4.0, null}) {
      Evaluation triage = triage("SOFT_TISSUE", "SWELLING_OR_PAIN", "EXCISION", depth, size);

      assertThat(triage.ruleId()).isEqualTo("Rule_Triage_SoftTissueAfterExcision");
      assertAfterExcision(triage, "SOFT_TISSUE");
    }
  }

  @ParameterizedTest(
      name =
          "U1: a bone lesion operated on elsewhere ({0}) gets the operative-bed work-up, not X-rays first")
  @ValueSource(strings = {"SWELLING_OR_PAIN", "PATHOLOGICAL_FRACTURE", "INCIDENTAL_FINDING"})
  void u1BoneAfterExcision(String presentation) {
    Evaluation triage = triage("BONE", presentation, "EXCISION", "UNKNOWN", null);

    assertThat(triage.ruleId()).isEqualTo("Rule_Triage_BoneAfterExcision");
    assertAfterExcision(triage, "BONE");
  }

  @Test
  @DisplayName(
      "G0 before U1: a spine lesion excised elsewhere is still out of scope, with its reason")
  void g0SpineAfterExcisionIsStillOutOfScope() {
    Evaluation triage = triage("SPINE", "SWELLING_OR_PAIN", "EXCISION", "DEEP", 6.0);

    assertThat(triage.ruleId()).isEqualTo("Rule_Triage_Spine");
    assertThat(triage.output("route")).isEqualTo("OUT_OF_SCOPE");
    assertThat(triage.output("priorProcedureReview")).isEqualTo(false);
    assertThat(triage.output("firstStep")).isNull();
  }

  @Test
  @DisplayName(
      "U2, S1, ST1: a small superficial soft-tissue lesion biopsied elsewhere: urgent ultrasound first, slides and blocks requested (M6)")
  void u2SoftTissueAfterBiopsy() {
    Evaluation triage = triage("SOFT_TISSUE", "SWELLING_OR_PAIN", "BIOPSY", "SUPERFICIAL", 2.0);

    assertRouted(
        triage,
        "Rule_Triage_SoftTissuePriorProcedure",
        "SOFT_TISSUE",
        "ULTRASOUND",
        "URGENT",
        true);
    assertThat(triage.output("priorProcedureReview")).isEqualTo(true);
  }

  @ParameterizedTest(
      name =
          "U2, B1: a bone lesion ({0}) biopsied elsewhere: urgent X-rays first, slides and blocks requested (M6)")
  @ValueSource(strings = {"SWELLING_OR_PAIN", "INCIDENTAL_FINDING"})
  void u2BoneAfterBiopsy(String presentation) {
    Evaluation triage = triage("BONE", presentation, "BIOPSY", "DEEP", null);

    assertRouted(triage, "Rule_Triage_BoneAfterBiopsy", "BONE", "XRAY", "URGENT", true);
    assertThat(triage.output("priorProcedureReview")).isEqualTo(true);
  }

  @Test
  @DisplayName(
      "U2, B4: a pathological fracture after a biopsy elsewhere: urgent X-rays and CT, slides and blocks requested (M6)")
  void u2BonePathologicalFractureAfterBiopsy() {
    Evaluation triage = triage("BONE", "PATHOLOGICAL_FRACTURE", "BIOPSY", "UNKNOWN", null);

    assertRouted(
        triage,
        "Rule_Triage_BonePathologicalFractureAfterBiopsy",
        "BONE",
        "XRAY_AND_CT",
        "URGENT",
        true);
    assertThat(triage.output("priorProcedureReview")).isEqualTo(true);
  }

  @ParameterizedTest(name = "U1, U2: without a prior procedure ({0}), no material is requested")
  @ValueSource(strings = {"SOFT_TISSUE", "BONE"})
  void noPriorProcedureNoMaterialRequested(String site) {
    Evaluation triage = triage(site, "SWELLING_OR_PAIN", "NONE", "DEEP", 8.0);

    assertThat(triage.output("priorProcedureReview")).isEqualTo(false);
    assertThat(triage.output("firstStep")).isEqualTo("INITIAL_IMAGING");
  }

  @Test
  @DisplayName(
      "S1: a superficial soft-tissue swelling of 5.1 cm (> 5) needs urgent imaging before any procedure")
  void s1LargerThanFiveCm() {
    Evaluation triage = triage("SOFT_TISSUE", "SWELLING_OR_PAIN", "NONE", "SUPERFICIAL", 5.1);

    assertRouted(
        triage, "Rule_Triage_SoftTissueLarge", "SOFT_TISSUE", "ULTRASOUND", "URGENT", true);
  }

  @Test
  @DisplayName("S1: a deep soft-tissue swelling needs urgent imaging before any procedure")
  void s1Deep() {
    Evaluation triage = triage("SOFT_TISSUE", "SWELLING_OR_PAIN", "NONE", "DEEP", 3.0);

    assertRouted(triage, "Rule_Triage_SoftTissueDeep", "SOFT_TISSUE", "ULTRASOUND", "URGENT", true);
  }

  @Test
  @DisplayName("S1: a deep soft-tissue swelling of exactly 5 cm (not > 5) is caught by depth")
  void s1DeepExactlyFiveCm() {
    Evaluation triage = triage("SOFT_TISSUE", "SWELLING_OR_PAIN", "NONE", "DEEP", 5.0);

    assertRouted(triage, "Rule_Triage_SoftTissueDeep", "SOFT_TISSUE", "ULTRASOUND", "URGENT", true);
  }

  @Test
  @DisplayName(
      "S1 (precaution): a soft-tissue lesion of unknown depth is imaged before any procedure")
  void s1DepthUnknown() {
    Evaluation triage = triage("SOFT_TISSUE", "SWELLING_OR_PAIN", "NONE", "UNKNOWN", 3.0);

    assertRouted(
        triage, "Rule_Triage_SoftTissueDepthUnknown", "SOFT_TISSUE", "ULTRASOUND", "ROUTINE", true);
  }

  @Test
  @DisplayName(
      "S1 (precaution): a superficial soft-tissue lesion of unknown (null) size is imaged before any procedure")
  void s1SizeUnknown() {
    Evaluation triage = triage("SOFT_TISSUE", "SWELLING_OR_PAIN", "NONE", "SUPERFICIAL", null);

    assertRouted(
        triage, "Rule_Triage_SoftTissueSizeUnknown", "SOFT_TISSUE", "ULTRASOUND", "ROUTINE", true);
  }

  @Test
  @DisplayName("ST1: a superficial soft-tissue lesion under 5 cm gets routine ultrasound")
  void st1SuperficialSmall() {
    Evaluation triage = triage("SOFT_TISSUE", "SWELLING_OR_PAIN", "NONE", "SUPERFICIAL", 3.0);

    assertRouted(
        triage,
        "Rule_Triage_SoftTissueSuperficialSmall",
        "SOFT_TISSUE",
        "ULTRASOUND",
        "ROUTINE",
        false);
  }

  @Test
  @DisplayName("ST1, S1: a superficial soft-tissue lesion of exactly 5 cm is not > 5 cm")
  void st1SuperficialExactlyFiveCm() {
    Evaluation triage = triage("SOFT_TISSUE", "SWELLING_OR_PAIN", "NONE", "SUPERFICIAL", 5.0);

    assertRouted(
        triage,
        "Rule_Triage_SoftTissueSuperficialSmall",
        "SOFT_TISSUE",
        "ULTRASOUND",
        "ROUTINE",
        false);
  }

  @Test
  @DisplayName("G1, ST1: an incidental soft-tissue finding follows the soft-tissue rules")
  void g1IncidentalSoftTissueFinding() {
    Evaluation triage = triage("SOFT_TISSUE", "INCIDENTAL_FINDING", "NONE", "SUPERFICIAL", 1.5);

    assertRouted(
        triage,
        "Rule_Triage_SoftTissueSuperficialSmall",
        "SOFT_TISSUE",
        "ULTRASOUND",
        "ROUTINE",
        false);
  }

  @Test
  @DisplayName(
      "S1: a soft-tissue lesion with no depth recorded matches no rule rather than skipping imaging")
  void s1MissingDepthIsNeverClearedForProcedure() {
    assertThat(
            TABLES.matchingRules(
                DECISION,
                variables(
                    "site",
                    "SOFT_TISSUE",
                    "presentation",
                    "SWELLING_OR_PAIN",
                    "priorProcedure",
                    "NONE",
                    "depth",
                    null,
                    "largestDimensionCm",
                    3.0)))
        .isEmpty();
  }

  private static Evaluation triage(
      String site, String presentation, String priorProcedure, String depth, Double size) {
    return TABLES.evaluate(
        DECISION,
        variables(
            "site",
            site,
            "presentation",
            presentation,
            "priorProcedure",
            priorProcedure,
            "depth",
            depth,
            "largestDimensionCm",
            size));
  }

  private static void assertRouted(
      Evaluation triage,
      String ruleId,
      String route,
      String initialImaging,
      String urgency,
      boolean imagingBeforeAnyProcedure) {
    assertThat(triage.ruleId()).isEqualTo(ruleId);
    assertThat(triage.outputs())
        .containsAllEntriesOf(
            Map.of(
                "route",
                route,
                "initialImaging",
                initialImaging,
                "urgency",
                urgency,
                "imagingBeforeAnyProcedure",
                imagingBeforeAnyProcedure));
    assertThat(triage.output("outOfScopeReason")).isNull();
    assertThat(triage.output("firstStep")).isEqualTo("INITIAL_IMAGING");
  }

  /** U1: no initial imaging (no ultrasound, no X-rays first): the operative-bed work-up, urgently, material requested. */
  private static void assertAfterExcision(Evaluation triage, String route) {
    assertThat(triage.outputs())
        .containsAllEntriesOf(
            Map.of(
                "route",
                route,
                "urgency",
                "URGENT",
                "imagingBeforeAnyProcedure",
                true,
                "firstStep",
                "OPERATIVE_BED_WORKUP",
                "priorProcedureReview",
                true));
    assertThat(triage.output("initialImaging")).isNull();
    assertThat(triage.output("outOfScopeReason")).isNull();
  }
}
