package fr.sarcoma.referral.pathway.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Gateway_ExtensionFork and Gateway_ExtensionJoin, on the real Decision_ExtensionWorkup: which exams are ordered before
 * the MDT (X1-X3), and that the case is registered only once every one of them is reported. Started at the decision.
 */
class ExtensionWorkupProcessTest extends ProcessEngineTestSupport {

  @Test
  @DisplayName("X1: a soft-tissue lesion without PET requested gets the chest CT only")
  void x1SoftTissueChestCtOnly() {
    ProcessInstance pathway =
        atExtensionWorkup("SOFT_TISSUE", "NOT_APPLICABLE", "SOFT_TISSUE_SARCOMA", false, false);

    assertThat(pathway).isWaitingAtExactly("CallActivity_ChestCt");
    assertThat(openOrderModalities(pathway)).containsExactly("CHEST_CT");
  }

  @Test
  @DisplayName(
      "X1, X2: a soft-tissue lesion with the optional PET requested gets the chest CT and the FDG-PET")
  void x2SoftTissuePetRequested() {
    ProcessInstance pathway =
        atExtensionWorkup("SOFT_TISSUE", "NOT_APPLICABLE", "SOFT_TISSUE_SARCOMA", true, false);

    assertThat(pathway).isWaitingAtExactly("CallActivity_ChestCt", "CallActivity_FdgPet");
    assertThat(openOrderModalities(pathway)).containsExactly("CHEST_CT", "FDG_PET");
  }

  @Test
  @DisplayName(
      "X1, X2: a suspected bone sarcoma gets the chest CT and the FDG-PET, no bone scintigraphy")
  void x2BoneChestCtAndPet() {
    ProcessInstance pathway = atExtensionWorkup("BONE", "MIXED", "CHONDROSARCOMA", false, false);

    assertThat(pathway).isWaitingAtExactly("CallActivity_ChestCt", "CallActivity_FdgPet");
    assertThat(openOrderModalities(pathway)).containsExactly("CHEST_CT", "FDG_PET");
  }

  @Test
  @DisplayName("X2: for a lytic Ewing sarcoma the FDG-PET replaces the bone scintigraphy")
  void x2EwingLyticPetReplacesScintigraphy() {
    ProcessInstance pathway = atExtensionWorkup("BONE", "LYTIC", "EWING", false, false);

    assertThat(openOrderModalities(pathway)).containsExactly("CHEST_CT", "FDG_PET");
    assertThat(pathway).hasNotPassed("CallActivity_BoneScintigraphy");
  }

  @Test
  @DisplayName(
      "X3: a condensing bone lesion gets the bone scintigraphy with the chest CT and the FDG-PET")
  void x3CondensingBoneLesionGetsScintigraphy() {
    ProcessInstance pathway = atExtensionWorkup("BONE", "CONDENSING", "UNKNOWN", false, false);

    assertThat(pathway)
        .isWaitingAtExactly(
            "CallActivity_ChestCt", "CallActivity_FdgPet", "CallActivity_BoneScintigraphy");
    assertThat(openOrderModalities(pathway))
        .containsExactly("BONE_SCINTIGRAPHY", "CHEST_CT", "FDG_PET");
  }

  @Test
  @DisplayName(
      "X1-X3: an osteosarcoma is registered for the MDT only once the chest CT, the PET and the scintigraphy are all reported")
  void x3OsteosarcomaJoinWaitsForEveryExam() {
    ProcessInstance pathway = atExtensionWorkup("BONE", "MIXED", "OSTEOSARCOMA", false, false);
    assertThat(openOrderModalities(pathway))
        .containsExactly("BONE_SCINTIGRAPHY", "CHEST_CT", "FDG_PET");

    reportExam(pathway, "CHEST_CT");
    reportExam(pathway, "BONE_SCINTIGRAPHY");
    assertThat(pathway)
        .isWaitingAt("CallActivity_FdgPet")
        .hasNotPassed("ServiceTask_RegisterForMdt");
    assertThat(calls.of("milestoneListener")).doesNotContain("Gateway_ExtensionJoin:end");

    reportExam(pathway, "FDG_PET");
    assertThat(pathway)
        .isWaitingAtExactly("Task_PrepareMdtCase")
        .hasPassed("Gateway_ExtensionJoin", "ServiceTask_RegisterForMdt");
    // EXTENSION_WORKUP_COMPLETE: its end listener runs once per branch the join ends (here three),
    // all after the last
    // report; the milestone log gets one row each.
    assertThat(calls.of("milestoneListener"))
        .contains("Gateway_ExtensionJoin:end")
        .endsWith("ServiceTask_RegisterForMdt:end");
  }

  @Test
  @DisplayName(
      "U1, X1: the chest CT ordered at once with the operative-bed MRI is not ordered again; nothing left: straight to the MDT registration")
  void u1ChestCtOrderedAtOnceNothingLeft() {
    ProcessInstance pathway =
        atExtensionWorkup("SOFT_TISSUE", "NOT_APPLICABLE", "UNKNOWN", false, true);

    assertThat(pathway)
        .isWaitingAtExactly("Task_PrepareMdtCase")
        .hasPassed("Gateway_ExtensionJoin", "ServiceTask_RegisterForMdt")
        .hasNotPassed("CallActivity_ChestCt");
    assertThat(orders.placedModalities()).isEmpty();
  }

  @Test
  @DisplayName(
      "U1, X2: after an excision of a bone lesion, the chest CT already done, only the FDG-PET is ordered")
  void u1BoneOnlyPetLeft() {
    ProcessInstance pathway = atExtensionWorkup("BONE", "LYTIC", "UNKNOWN", false, true);

    assertThat(pathway).isWaitingAtExactly("CallActivity_FdgPet");
    assertThat(openOrderModalities(pathway)).containsExactly("FDG_PET");
  }

  /** The pathway at Decision_ExtensionWorkup with the characterisation report's answers. */
  private ProcessInstance atExtensionWorkup(
      String site,
      String lesionPattern,
      String suspectedType,
      boolean petRequested,
      boolean chestCtOrderedAtOnce) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("site", site);
    variables.put("lesionPattern", lesionPattern);
    variables.put("suspectedType", suspectedType);
    variables.put("petRequested", petRequested);
    variables.put("triage", triage(site, "ROUTINE", chestCtOrderedAtOnce ? "EXCISION" : "NONE"));
    if (chestCtOrderedAtOnce) {
      variables.put("chestCtOrderedAtOnce", true);
    }
    return startBefore("BusinessRuleTask_ExtensionWorkup", variables);
  }
}
