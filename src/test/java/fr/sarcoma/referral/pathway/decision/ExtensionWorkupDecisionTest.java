package fr.sarcoma.referral.pathway.decision;

import static fr.sarcoma.referral.pathway.decision.DecisionTables.variables;
import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.pathway.decision.DecisionTables.Evaluation;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExtensionWorkupDecisionTest {

  private static final String DECISION = "Decision_ExtensionWorkup";
  private static final DecisionTables TABLES = new DecisionTables("ExtensionWorkup.dmn");

  @AfterAll
  static void everyRuleIsExercised() {
    assertThat(TABLES.exercisedRules())
        .containsExactlyInAnyOrderElementsOf(TABLES.ruleIds(DECISION));
  }

  @Test
  @DisplayName("X1, X2: for a lytic Ewing sarcoma FDG-PET replaces the bone scan")
  void x2LyticEwing() {
    assertWorkup(
        workup("BONE", "LYTIC", "EWING", null),
        "Rule_ExtensionWorkup_BoneEwingLytic",
        true,
        true,
        false);
  }

  @ParameterizedTest(
      name = "X1, X2, X3: a {0} osteosarcoma gets the bone scan as a complement to PET")
  @ValueSource(strings = {"LYTIC", "MIXED"})
  void x3Osteosarcoma(String pattern) {
    assertWorkup(
        workup("BONE", pattern, "OSTEOSARCOMA", null),
        "Rule_ExtensionWorkup_BoneOsteosarcoma",
        true,
        true,
        true);
  }

  @ParameterizedTest(
      name = "X1, X2, X3: a condensing bone lesion suspected {0} gets PET and a bone scan")
  @ValueSource(strings = {"CHONDROSARCOMA", "EWING"})
  void x3CondensingBoneLesion(String suspectedType) {
    assertWorkup(
        workup("BONE", "CONDENSING", suspectedType, null),
        "Rule_ExtensionWorkup_BoneCondensing",
        true,
        true,
        true);
  }

  @ParameterizedTest(name = "X1, X2: a {0} bone lesion suspected {1} gets chest CT and PET")
  @CsvSource({"MIXED, CHONDROSARCOMA", "LYTIC, UNKNOWN", "MIXED, EWING"})
  void x2OtherBoneLesion(String pattern, String suspectedType) {
    assertWorkup(
        workup("BONE", pattern, suspectedType, null),
        "Rule_ExtensionWorkup_Bone",
        true,
        true,
        false);
  }

  @Test
  @DisplayName("X1, X2: a soft-tissue sarcoma gets the optional PET when it is requested")
  void x2SoftTissuePetRequested() {
    assertWorkup(
        workup("SOFT_TISSUE", "NOT_APPLICABLE", "SOFT_TISSUE_SARCOMA", true),
        "Rule_ExtensionWorkup_SoftTissuePet",
        true,
        true,
        false);
  }

  @ParameterizedTest(
      name = "X1: a soft-tissue sarcoma with PET requested = {0} gets the chest CT only")
  @NullSource
  @ValueSource(booleans = false)
  void x1SoftTissueChestCtOnly(Boolean petRequested) {
    assertWorkup(
        workup("SOFT_TISSUE", "NOT_APPLICABLE", "SOFT_TISSUE_SARCOMA", petRequested),
        "Rule_ExtensionWorkup_ChestCtOnly",
        true,
        false,
        false);
  }

  private static Evaluation workup(
      String site, String pattern, String suspectedType, Boolean petRequested) {
    return TABLES.evaluate(
        DECISION,
        variables(
            "site",
            site,
            "lesionPattern",
            pattern,
            "suspectedType",
            suspectedType,
            "petRequested",
            petRequested));
  }

  private static void assertWorkup(
      Evaluation evaluation,
      String ruleId,
      boolean chestCt,
      boolean fdgPet,
      boolean boneScintigraphy) {
    assertThat(evaluation.ruleId()).isEqualTo(ruleId);
    assertThat(evaluation.outputs())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("chestCt", chestCt, "fdgPet", fdgPet, "boneScintigraphy", boneScintigraphy));
  }
}
