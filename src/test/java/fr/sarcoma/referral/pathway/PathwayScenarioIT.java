package fr.sarcoma.referral.pathway;

import static fr.sarcoma.referral.support.PathwayDriver.QUORUM;
import static fr.sarcoma.referral.support.PathwayDriver.approach;
import static fr.sarcoma.referral.support.PathwayDriver.characterisation;
import static fr.sarcoma.referral.support.PathwayDriver.classification;
import static fr.sarcoma.referral.support.PathwayDriver.decision;
import static fr.sarcoma.referral.support.PathwayDriver.mdtCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import fr.sarcoma.referral.orders.ExamOrder;
import fr.sarcoma.referral.platform.web.FieldProblem;
import fr.sarcoma.referral.platform.web.RuleViolationException;
import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.FlowCoverage;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One scenario per path of the guideline, through the engine on PostgreSQL. After the last one,
 * every flow node and sequence flow of the main model must have been passed; the figure goes to
 * {@code target/bpmn-coverage.txt}.
 */
@PostgresIntegrationTest
class PathwayScenarioIT {

  private static final String MAIN = PathwayVariables.PROCESS_ID;
  private static BpmnModelInstance mainModel;

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired RepositoryService repositoryService;
  @Autowired JdbcTemplate jdbc;

  @Autowired PathwayDriver pathway;
  @LocalServerPort int port;

  @BeforeEach
  void mainModel() {
    mainModel =
        repositoryService.getBpmnModelInstance(
            repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey(MAIN)
                .latestVersion()
                .singleResult()
                .getId());
  }

  @Test
  @DisplayName(
      "ST1, ST2: superficial soft tissue < 5 cm, typical benign on ultrasound → discharged with a letter")
  void softTissueTypicalBenignSuperficialSmallIsDischarged() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            3.0,
            Depth.SUPERFICIAL,
            PriorProcedure.NONE);
    pathway.reportExam(referral, "ULTRASOUND");

    pathway.complete(
        referral,
        "Task_ClassifyInitialImaging",
        "radiologist",
        classification("TYPICAL_BENIGN", false));

    assertThat(pathway.passed(referral, "EndEvent_TypicalBenignDischarged")).isTrue();
    assertThat(pathway.outcome(referral)).isEqualTo("TYPICAL_BENIGN_DISCHARGED");
    assertThat(pathway.orderedModalities(referral)).containsExactly("ULTRASOUND");
    assertThat(pathway.letters(referral)).containsExactly("OUTCOME");
    assertThat(pathway.isEnded(referral)).isTrue();
  }

  @Test
  @DisplayName(
      "S1, ST5: deep soft tissue > 5 cm called benign on ultrasound → MRI before any STOP; benign on MRI → discharged")
  void deepLargeSoftTissueCalledBenignOnUltrasoundGetsAnMriFirst() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE, Presentation.SWELLING_OR_PAIN, 7.5, Depth.DEEP, PriorProcedure.NONE);
    pathway.reportExam(referral, "ULTRASOUND");
    pathway.complete(
        referral,
        "Task_ClassifyInitialImaging",
        "radiologist",
        classification("TYPICAL_BENIGN", false));

    assertThat(pathway.passed(referral, "EndEvent_TypicalBenignDischarged")).isFalse();
    assertThat(pathway.orderedModalities(referral)).containsExactly("ULTRASOUND", "MRI");

    pathway.reportExam(referral, "MRI");
    pathway.complete(
        referral,
        "Task_ReportCharacterisation",
        "radiologist",
        characterisation("TYPICAL_BENIGN", false, "NOT_APPLICABLE", "OTHER", false));

    assertThat(pathway.outcome(referral)).isEqualTo("TYPICAL_BENIGN_DISCHARGED");
    assertThat(
            pathway.passed(referral, "SequenceFlow_AfterCharacterisationBenign")
                || pathway.isEnded(referral))
        .isTrue();
  }

  @Test
  @DisplayName(
      "ST4: negative initial work-up but the concern persists → MRI; indeterminate → chest CT → MDT")
  void negativeWorkupWithPersistingConcernGetsAnMri() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            2.0,
            Depth.SUPERFICIAL,
            PriorProcedure.NONE);
    pathway.reportExam(referral, "ULTRASOUND");
    pathway.complete(
        referral, "Task_ClassifyInitialImaging", "radiologist", classification("NO_LESION", true));
    pathway.reportExam(referral, "MRI");
    pathway.complete(
        referral,
        "Task_ReportCharacterisation",
        "radiologist",
        characterisation("INDETERMINATE", true, "NOT_APPLICABLE", "SOFT_TISSUE_SARCOMA", false));

    assertThat(pathway.orderedModalities(referral))
        .containsExactly("ULTRASOUND", "MRI", "CHEST_CT");
    pathway.reportExam(referral, "CHEST_CT");
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_PrepareMdtCase");
  }

  @Test
  @DisplayName(
      "ST3, X1, X2, M3: soft tissue indeterminate → MRI + chest CT + PET → MDT → surveillance")
  void softTissueIndeterminateGoesToTheMdtAfterExtension() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            4.0,
            Depth.SUPERFICIAL,
            PriorProcedure.NONE);
    pathway.reportExam(referral, "ULTRASOUND");
    pathway.complete(
        referral,
        "Task_ClassifyInitialImaging",
        "radiologist",
        classification("INDETERMINATE", false));
    pathway.reportExam(referral, "MRI");
    pathway.complete(
        referral,
        "Task_ReportCharacterisation",
        "radiologist",
        characterisation("INDETERMINATE", true, "NOT_APPLICABLE", "SOFT_TISSUE_SARCOMA", true));

    assertThat(pathway.orderedModalities(referral))
        .containsExactlyInAnyOrder("ULTRASOUND", "MRI", "CHEST_CT", "FDG_PET");
    pathway.reportExam(referral, "CHEST_CT");
    assertThat(pathway.openTaskKeys(referral))
        .as("the MDT waits for the whole work-up: only the PET's booking is open")
        .containsExactly("Task_ScheduleExam");
    pathway.reportExam(referral, "FDG_PET");

    reachDecision(referral, "SURVEILLANCE");

    assertThat(pathway.outcome(referral)).isEqualTo("MDT_SURVEILLANCE");
    assertThat(pathway.letters(referral)).containsExactly("MDT_DECISION");
  }

  @Test
  @DisplayName("B1, B2: bone no-touch lesion → discharged, and no biopsy is possible")
  void boneNoTouchLesionIsDischargedWithoutBiopsy() {
    Referral referral =
        pathway.refer(
            Site.BONE, Presentation.INCIDENTAL_FINDING, null, Depth.UNKNOWN, PriorProcedure.NONE);
    assertThat(pathway.orderedModalities(referral)).containsExactly("XRAY");
    pathway.reportExam(referral, "XRAY");
    pathway.complete(
        referral,
        "Task_ClassifyInitialImaging",
        "radiologist",
        classification("TYPICAL_BENIGN", false));

    assertThat(pathway.outcome(referral)).isEqualTo("NO_TOUCH_LESION_DISCHARGED");
    assertThat(pathway.letterBody(referral, "OUTCOME")).contains("aucune biopsie");
    assertThat(pathway.isEnded(referral)).isTrue();
    assertThat(pathway.orderedModalities(referral)).doesNotContain("BIOPSY");
  }

  @Test
  @DisplayName(
      "B3, X1-X3, M2-M6, S3: bone aggressive → MRI + chest CT + PET + bone scan → MDT → approach → biopsy → expert review: sarcoma → proposal round → diagnosis letter → closed")
  void boneAggressiveGoesThroughTheMdtToABiopsyThenTheProposal() {
    Referral referral = atBiopsyReview();

    // M6: a sarcoma without its histological type is refused, with the field named; nothing is
    // written.
    assertThatThrownBy(
            () ->
                pathway.complete(
                    referral,
                    "Task_ReviewBiopsyResult",
                    "pathologist",
                    java.util.Map.of(
                        "pathologyDiagnosis",
                        "SARCOMA",
                        "fnclccGrade",
                        "3",
                        "pathologyReview",
                        "Relecture experte")))
        .isInstanceOfSatisfying(
            RuleViolationException.class,
            refused ->
                assertThat(refused.problems())
                    .extracting(FieldProblem::field)
                    .containsExactly("histologicalType"));
    assertThat(diagnosisCategories(referral)).isEmpty();

    review(referral, "SARCOMA");
    assertThat(pathway.isEnded(referral)).as("M6: the review does not end the referral").isFalse();
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_PrepareMdtCase");
    assertThat(diagnosisCategories(referral)).containsExactly("SARCOMA");

    // M6, M2: the proposal round, same registration, session, quorum and record as the first.
    reachDecision(referral, "OTHER");

    assertThat(pathway.outcome(referral)).isEqualTo("MDT_PROPOSAL_RECORDED");
    assertThat(pathway.isEnded(referral)).isTrue();
    assertThat(pathway.letters(referral))
        .containsExactly("MDT_DECISION", "MDT_DECISION", "DIAGNOSIS");
    assertThat(pathway.letterBody(referral, "DIAGNOSIS"))
        .contains("Diagnostic anatomopathologique : Sarcome")
        .contains("type histologique : Ostéosarcome conventionnel, grade FNCLCC 3")
        .contains("Proposition de la RCP : Autre décision");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from mdt_decision where referral_id = ?",
                Integer.class,
                referral.id()))
        .isEqualTo(2);
  }

  @Test
  @DisplayName(
      "M6: expert review benign → proposal round (discharge) → diagnosis letter without type or grade → closed")
  void benignDiagnosisGoesToTheProposalRound() {
    Referral referral = atBiopsyReview();
    review(referral, "BENIGN");
    reachDecision(referral, "DISCHARGE_BENIGN");

    assertThat(pathway.outcome(referral)).isEqualTo("MDT_PROPOSAL_RECORDED");
    assertThat(pathway.isEnded(referral)).isTrue();
    assertThat(pathway.letterBody(referral, "DIAGNOSIS"))
        .contains("Diagnostic anatomopathologique : Lésion bénigne")
        .doesNotContain("FNCLCC");
    assertThat(
            jdbc.queryForObject(
                "select histological_type from pathology_diagnosis where referral_id = ?",
                String.class,
                referral.id()))
        .isNull();
  }

  @Test
  @DisplayName(
      "M6, S3, M5: expert review not conclusive → proposal round decides a new biopsy → surgeon's approach and the S3 gate again → second review → proposal → closed")
  void notConclusiveLeadsToANewBiopsyThroughS3() {
    Referral referral = atBiopsyReview();
    review(referral, "NOT_CONCLUSIVE");
    reachDecision(referral, "BIOPSY");

    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_AgreeBiopsyApproach");
    assertThat(pathway.orderedModalities(referral).stream().filter("BIOPSY"::equals))
        .as(
            "S3: no new biopsy before the operating surgeon agrees the approach of the new decision")
        .hasSize(1);
    assertThat(pathway.letters(referral)).doesNotContain("DIAGNOSIS");

    pathway.complete(referral, "Task_AgreeBiopsyApproach", "surgeon", approach(true));
    assertThat(pathway.orderedModalities(referral).stream().filter("BIOPSY"::equals)).hasSize(2);
    pathway.reportExam(referral, "BIOPSY");
    review(referral, "SARCOMA");
    reachDecision(referral, "SURVEILLANCE");

    assertThat(pathway.outcome(referral)).isEqualTo("MDT_PROPOSAL_RECORDED");
    assertThat(diagnosisCategories(referral)).containsExactly("NOT_CONCLUSIVE", "SARCOMA");
    assertThat(pathway.letters(referral))
        .containsExactly("MDT_DECISION", "MDT_DECISION", "MDT_DECISION", "DIAGNOSIS");
  }

  /** B3: a bone aggressive lesion through its work-up, the MDT's biopsy and the biopsy: the review task open. */
  private Referral atBiopsyReview() {
    Referral referral =
        pathway.refer(
            Site.BONE, Presentation.SWELLING_OR_PAIN, null, Depth.UNKNOWN, PriorProcedure.NONE);
    pathway.reportExam(referral, "XRAY");
    pathway.complete(
        referral,
        "Task_ClassifyInitialImaging",
        "radiologist",
        classification("AGGRESSIVE", false));
    pathway.reportExam(referral, "MRI");
    pathway.complete(
        referral,
        "Task_ReportCharacterisation",
        "radiologist",
        characterisation("AGGRESSIVE", true, "CONDENSING", "OSTEOSARCOMA", false));
    assertThat(pathway.orderedModalities(referral))
        .containsExactlyInAnyOrder("XRAY", "MRI", "CHEST_CT", "FDG_PET", "BONE_SCINTIGRAPHY");
    pathway.reportExam(referral, "CHEST_CT");
    pathway.reportExam(referral, "FDG_PET");
    pathway.reportExam(referral, "BONE_SCINTIGRAPHY");

    reachDecision(referral, "BIOPSY");
    assertThat(pathway.orderedModalities(referral))
        .as("no biopsy before the approach")
        .doesNotContain("BIOPSY");
    pathway.complete(referral, "Task_AgreeBiopsyApproach", "surgeon", approach(true));

    assertThat(pathway.orderedModalities(referral)).contains("BIOPSY");
    pathway.reportExam(referral, "BIOPSY");
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_ReviewBiopsyResult");
    return referral;
  }

  /** M6: the expert pathologist's diagnosis (a sarcoma with its type and grade). */
  private void review(Referral referral, String category) {
    java.util.Map<String, Object> answers = new java.util.HashMap<>();
    answers.put("pathologyDiagnosis", category);
    answers.put("pathologyReview", "Relecture par le réseau d'expertise");
    if ("SARCOMA".equals(category)) {
      answers.put("histologicalType", "Ostéosarcome conventionnel");
      answers.put("fnclccGrade", "3");
    }
    pathway.complete(referral, "Task_ReviewBiopsyResult", "pathologist", answers);
  }

  private List<String> diagnosisCategories(Referral referral) {
    return jdbc.queryForList(
        "select category from pathology_diagnosis where referral_id = ? order by reviewed_at",
        String.class,
        referral.id());
  }

  @Test
  @DisplayName(
      "B4, M2: pathological fracture → urgent X-rays + CT; no MDT preparation without 'no fixation'; quorum enforced; discharged benign")
  void pathologicalFracture() {
    Referral referral =
        pathway.refer(
            Site.BONE,
            Presentation.PATHOLOGICAL_FRACTURE,
            null,
            Depth.UNKNOWN,
            PriorProcedure.NONE);
    assertThat(pathway.orderedModalities(referral)).containsExactly("XRAY_AND_CT");
    assertThat(
            jdbc.queryForObject(
                "select urgency from referral where id = ?", String.class, referral.id()))
        .isEqualTo("URGENT");
    pathway.reportExam(referral, "XRAY_AND_CT");
    pathway.complete(
        referral,
        "Task_ClassifyInitialImaging",
        "radiologist",
        classification("INDETERMINATE", false));
    pathway.reportExam(referral, "MRI");
    pathway.complete(
        referral,
        "Task_ReportCharacterisation",
        "radiologist",
        characterisation("INDETERMINATE", true, "LYTIC", "OTHER", false));
    pathway.reportExam(referral, "CHEST_CT");
    pathway.reportExam(referral, "FDG_PET");

    assertThatThrownBy(
            () -> pathway.complete(referral, "Task_PrepareMdtCase", "coordinator", mdtCase(false)))
        .isInstanceOfSatisfying(
            RuleViolationException.class,
            refused ->
                assertThat(refused.problems())
                    .extracting(FieldProblem::field)
                    .containsExactly("fixationDeferred"))
        .hasMessageContaining("Fracture pathologique : pas d'ostéosynthèse avant l'avis de la RCP");
    pathway.complete(referral, "Task_PrepareMdtCase", "coordinator", mdtCase(true));
    pathway.fireTimer(referral, "TimerEvent_MdtSession");
    assertThatThrownBy(
            () ->
                pathway.complete(
                    referral,
                    "Task_RecordMdtDecision",
                    "mdtchair",
                    decision("DISCHARGE_BENIGN", List.of("surgeon", "radiologist", "oncologist"))))
        .isInstanceOf(RuleViolationException.class)
        .hasMessageContaining("Quorum")
        .hasMessageContaining("pathologiste");
    pathway.complete(
        referral, "Task_RecordMdtDecision", "mdtchair", decision("DISCHARGE_BENIGN", QUORUM));

    assertThat(pathway.outcome(referral)).isEqualTo("MDT_DISCHARGED_BENIGN");
  }

  @Test
  @DisplayName("G1, M3, M4: incidental soft-tissue finding → MDT → other decision, reason recorded")
  void incidentalFindingWithOtherDecision() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.INCIDENTAL_FINDING,
            6.0,
            Depth.SUPERFICIAL,
            PriorProcedure.NONE);
    pathway.reportExam(referral, "ULTRASOUND");
    pathway.complete(
        referral,
        "Task_ClassifyInitialImaging",
        "radiologist",
        classification("AGGRESSIVE", false));
    pathway.reportExam(referral, "MRI");
    pathway.complete(
        referral,
        "Task_ReportCharacterisation",
        "radiologist",
        characterisation("AGGRESSIVE", true, "NOT_APPLICABLE", "SOFT_TISSUE_SARCOMA", false));
    pathway.reportExam(referral, "CHEST_CT");

    reachDecision(referral, "OTHER");

    assertThat(pathway.outcome(referral)).isEqualTo("MDT_OTHER_DECISION");
    assertThat(pathway.letterBody(referral, "MDT_DECISION"))
        .contains("Décision : Autre décision", "Discussion collégiale");
  }

  @Test
  @DisplayName("G0: spine → out of scope, with the reason in the letter to the referrer")
  void spineIsRoutedOutWithAReason() {
    Referral referral =
        pathway.refer(
            Site.SPINE, Presentation.SWELLING_OR_PAIN, 3.0, Depth.DEEP, PriorProcedure.NONE);

    assertThat(pathway.outcome(referral)).isEqualTo("OUT_OF_SCOPE");
    assertThat(pathway.letterBody(referral, "OUTCOME")).contains("rachis");
    assertThat(pathway.orderedModalities(referral)).isEmpty();
    JsonNode view = referralView(referral);
    assertThat(view.path("outOfScopeReason").asText())
        .as("G0: the reason is kept on the referral")
        .isEqualTo(
            "Lésion du rachis : hors du champ de ce référentiel (G0). Adresser à la filière rachis.");
    assertThat(view.path("priorProcedureReview").asBoolean()).isFalse();
  }

  @Test
  @DisplayName(
      "U1, X1, M6: 6 cm soft tissue excised elsewhere → operative-bed MRI and chest CT ordered at once, urgent, "
          + "no ultrasound; material requested by letter; one chest CT only; to the MDT")
  void u1ExcisedElsewhereGetsTheOperativeBedWorkupAtOnceAndGoesToTheMdt() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            6.0,
            Depth.DEEP,
            PriorProcedure.EXCISION);

    assertThat(pathway.orderedModalities(referral))
        .as("both at once, never ultrasound first")
        .containsExactlyInAnyOrder("MRI", "CHEST_CT");
    assertThat(pathway.orders(referral)).extracting(ExamOrder::urgency).containsOnly("URGENT");
    assertThat(pathway.placedOrder(referral, "MRI").protocol())
        .contains("lit opératoire", "gadolinium");
    assertThat(pathway.passed(referral, "CallActivity_InitialImaging")).isFalse();
    assertThat(pathway.letters(referral)).containsExactly("PRIOR_PROCEDURE_MATERIAL");
    assertThat(pathway.letterBody(referral, "PRIOR_PROCEDURE_MATERIAL"))
        .contains(
            "compte rendu opératoire",
            "compte rendu anatomopathologique",
            "lames",
            "blocs",
            "IRM du lit opératoire",
            "scanner thoracique",
            "RCP de recours sarcomes");
    JsonNode view = referralView(referral);
    assertThat(view.path("priorProcedureReview").asBoolean()).isTrue();
    assertThat(view.path("outOfScopeReason").asText(null)).isNull();
    assertThat(view.path("milestones").findValuesAsText("name"))
        .containsSubsequence(
            "REFERRAL_RECEIVED", "FIRST_IMAGING_ORDERED", "CHARACTERISATION_ORDERED")
        .contains("PRIOR_PROCEDURE_MATERIAL_REQUESTED");
    assertThat(view.path("stage").asText())
        .as("the request, logged beside the steps, does not move the stage")
        .isEqualTo("CHARACTERISATION");

    pathway.reportExam(referral, "MRI");
    assertThat(pathway.openTaskKeys(referral))
        .as("the report waits for the chest CT ordered with the MRI: only its booking is open")
        .containsExactly("Task_ScheduleExam");
    pathway.reportExam(referral, "CHEST_CT");
    pathway.complete(
        referral,
        "Task_ReportCharacterisation",
        "radiologist",
        characterisation("INDETERMINATE", true, "NOT_APPLICABLE", "SOFT_TISSUE_SARCOMA", true));

    assertThat(pathway.orderedModalities(referral))
        .as("X1 done at once: no second chest CT; the PET asked for (X2)")
        .containsExactlyInAnyOrder("MRI", "CHEST_CT", "FDG_PET");
    pathway.reportExam(referral, "FDG_PET");
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_PrepareMdtCase");
    assertThat(
            jdbc.queryForMap(
                "select first_imaging_reported_at, characterisation_reported_at, chest_ct_reported_at"
                    + " from pathway_timeline where referral_id = ?",
                referral.id()))
        .doesNotContainValue(null);

    reachDecision(referral, "SURVEILLANCE");

    assertThat(pathway.outcome(referral)).isEqualTo("MDT_SURVEILLANCE");
    assertThat(pathway.letters(referral))
        .containsExactly("PRIOR_PROCEDURE_MATERIAL", "MDT_DECISION");
  }

  @Test
  @DisplayName(
      "U1: 4 cm superficial lesion excised elsewhere → no ultrasound to discharge it on; an operative-bed MRI "
          + "showing only the scar, MDT not asked for → still the MDT, never discharged")
  void u1SmallSuperficialExcisedLesionIsNeverDischargedBeforeTheMdt() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            4.0,
            Depth.SUPERFICIAL,
            PriorProcedure.EXCISION);
    assertThat(pathway.orderedModalities(referral))
        .doesNotContain("ULTRASOUND")
        .containsExactlyInAnyOrder("MRI", "CHEST_CT");
    pathway.reportExam(referral, "CHEST_CT");
    pathway.reportExam(referral, "MRI");

    pathway.complete(
        referral,
        "Task_ReportCharacterisation",
        "radiologist",
        characterisation("NO_LESION", false, "NOT_APPLICABLE", "OTHER", false));

    assertThat(pathway.passed(referral, "EndEvent_TypicalBenignDischarged")).isFalse();
    assertThat(pathway.outcome(referral)).isNull();
    assertThat(pathway.passed(referral, "Gateway_ExtensionJoin"))
        .as("work-up complete, nothing left to order")
        .isTrue();
    assertThat(pathway.orderedModalities(referral)).containsExactlyInAnyOrder("MRI", "CHEST_CT");
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_PrepareMdtCase");
    assertThat(pathway.letters(referral)).containsExactly("PRIOR_PROCEDURE_MATERIAL");
  }

  @Test
  @DisplayName(
      "U2, S3, M6: biopsy elsewhere → slides and blocks requested; usual imaging, never discharged on it; "
          + "to the MDT; no new biopsy ordered before the MDT has decided and the surgeon agreed the approach")
  void u2BiopsiedElsewhereGoesToTheMdtBeforeAnyNewBiopsy() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            3.0,
            Depth.SUPERFICIAL,
            PriorProcedure.BIOPSY);
    assertThat(pathway.letters(referral)).containsExactly("PRIOR_PROCEDURE_MATERIAL");
    assertThat(pathway.letterBody(referral, "PRIOR_PROCEDURE_MATERIAL"))
        .contains(
            "compte rendu de la biopsie",
            "lames",
            "blocs",
            "Aucune nouvelle biopsie ne sera réalisée avant la décision de la RCP")
        .doesNotContain("IRM du lit opératoire");
    assertThat(referralView(referral).path("priorProcedureReview").asBoolean()).isTrue();
    assertThat(pathway.orderedModalities(referral)).containsExactly("ULTRASOUND");
    assertThat(pathway.placedOrder(referral, "ULTRASOUND").urgency()).isEqualTo("URGENT");

    pathway.reportExam(referral, "ULTRASOUND");
    pathway.complete(
        referral,
        "Task_ClassifyInitialImaging",
        "radiologist",
        classification("TYPICAL_BENIGN", false));
    assertThat(pathway.passed(referral, "EndEvent_TypicalBenignDischarged")).isFalse();
    pathway.reportExam(referral, "MRI");
    pathway.complete(
        referral,
        "Task_ReportCharacterisation",
        "radiologist",
        characterisation("TYPICAL_BENIGN", false, "NOT_APPLICABLE", "OTHER", false));
    pathway.reportExam(referral, "CHEST_CT");
    assertThat(pathway.outcome(referral)).isNull();
    assertThat(pathway.orderedModalities(referral)).doesNotContain("BIOPSY");

    pathway.complete(referral, "Task_PrepareMdtCase", "coordinator", mdtCase(false));
    assertThat(pathway.orderedModalities(referral))
        .as("no biopsy while the case waits for its session")
        .doesNotContain("BIOPSY");
    pathway.fireTimer(referral, "TimerEvent_MdtSession");
    pathway.complete(referral, "Task_RecordMdtDecision", "mdtchair", decision("BIOPSY", QUORUM));
    assertThat(pathway.orderedModalities(referral))
        .as("S3c: not before the approach")
        .doesNotContain("BIOPSY");
    pathway.complete(referral, "Task_AgreeBiopsyApproach", "surgeon", approach(true));

    assertThat(pathway.orderedModalities(referral)).contains("BIOPSY");
    assertThat(
            jdbc.queryForObject(
                "select mdt_decided_at < biopsy_ordered_at from pathway_timeline"
                    + " where referral_id = ?",
                Boolean.class,
                referral.id()))
        .isTrue();
  }

  private JsonNode referralView(Referral referral) {
    HttpCalls.Response response =
        HttpCalls.to(port).as("coordinator", "demo").get("/api/referrals/" + referral.id());
    assertThat(response.status()).isEqualTo(200);
    return response.json();
  }

  @Test
  @DisplayName("M3: the MDT asks for further imaging → characterisation again → back to the MDT")
  void furtherImagingLoopsBackToCharacterisation() {
    Referral referral = pathway.atMdtSession(Site.SOFT_TISSUE);
    pathway.complete(
        referral, "Task_RecordMdtDecision", "mdtchair", decision("FURTHER_IMAGING", QUORUM));

    assertThat(pathway.placedOrder(referral, "MRI")).isNotNull();
    pathway.reportExam(referral, "MRI");
    pathway.complete(
        referral,
        "Task_ReportCharacterisation",
        "radiologist",
        characterisation("INDETERMINATE", false, "NOT_APPLICABLE", "SOFT_TISSUE_SARCOMA", false));
    pathway.reportExam(referral, "CHEST_CT");
    assertThat(runtimeService.getVariable(pathway.mainProcessInstanceId(referral), "mdtOutcome"))
        .as("the new round's decision form is not pre-filled with the last decision")
        .isNull();
    reachDecision(referral, "SURVEILLANCE");

    assertThat(pathway.outcome(referral)).isEqualTo("MDT_SURVEILLANCE");
    assertThat(pathway.letters(referral)).containsExactly("MDT_DECISION", "MDT_DECISION");
  }

  @Test
  @DisplayName(
      "M1: a case not discussed at its session rolls over to the next session, then is decided")
  void anUndiscussedCaseRollsOverToTheNextSession() {
    Referral referral = pathway.atMdtSession(Site.SOFT_TISSUE);
    java.util.Date firstSession =
        (java.util.Date)
            runtimeService.getVariable(pathway.mainProcessInstanceId(referral), "mdtSessionAt");

    pathway.fireTimer(referral, "BoundaryEvent_MdtSessionOver");

    assertThat(pathway.openTaskKeys(referral)).isEmpty();
    java.util.Date nextSession = pathway.timerDue(referral, "TimerEvent_MdtSession");
    assertThat(nextSession).isAfter(firstSession);
    assertThat(
            jdbc.queryForList(
                "select status from mdt_registration where referral_id = ? order by registered_at",
                String.class,
                referral.id()))
        .containsExactly("ROLLED_OVER", "REGISTERED");

    pathway.fireTimer(referral, "TimerEvent_MdtSession");
    pathway.complete(
        referral, "Task_RecordMdtDecision", "mdtchair", decision("SURVEILLANCE", QUORUM));

    assertThat(pathway.outcome(referral)).isEqualTo("MDT_SURVEILLANCE");
    assertThat(
            jdbc.queryForList(
                "select status from mdt_registration where referral_id = ? order by registered_at",
                String.class,
                referral.id()))
        .containsExactly("ROLLED_OVER", "DISCUSSED");
  }

  @Test
  @DisplayName(
      "SLA: an overdue order raises a coordinator task with a due date; the late report still moves on and closes it")
  void overdueOrderRaisesACoordinatorTask() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            3.0,
            Depth.SUPERFICIAL,
            PriorProcedure.NONE);
    pathway.fireTimer(referral, "BoundaryEvent_ReportOverdue");

    Task overdue = pathway.task(referral, "Task_HandleOverdueExam");
    assertThat(taskService.getIdentityLinksForTask(overdue.getId()))
        .anyMatch(link -> "coordinators".equals(link.getGroupId()));
    assertThat(overdue.getDueDate()).isNotNull();
    pathway.complete(
        referral,
        "Task_HandleOverdueExam",
        "coordinator",
        java.util.Map.of(
            "overdueAction", "CHASED", "overdueNote", "Service de radiologie relancé"));

    pathway.reportExam(referral, "ULTRASOUND");
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_ClassifyInitialImaging");
  }

  @Test
  @DisplayName(
      "S3: a process modification that starts right before the biopsy order produces no order")
  void biopsyGateBypassIsRefused() {
    Referral referral = pathway.atMdtSession(Site.BONE);

    runtimeService
        .createProcessInstanceModification(pathway.mainProcessInstanceId(referral))
        .startBeforeActivity("CallActivity_Biopsy")
        .execute();
    pathway.runJobs(referral);

    assertThat(pathway.orderedModalities(referral)).doesNotContain("BIOPSY");
    assertThat(pathway.openTaskKeys(referral)).contains("Task_ResolveBiopsyGateRefusal");
    assertThat(
            runtimeService
                .getVariable(pathway.mainProcessInstanceId(referral), "gateRefusalReason")
                .toString())
        .contains("S3b");
    pathway.complete(
        referral,
        "Task_ResolveBiopsyGateRefusal",
        "coordinator",
        java.util.Map.of("gateRefusalNote", "Dossier remis en RCP"));
    assertThat(pathway.openTaskKeys(referral)).contains("Task_PrepareMdtCase");
  }

  @Test
  @DisplayName(
      "S3c: the approach is refused unless the surgeon states they will operate; the gate holds until then")
  void approachNeedsTheOperatingSurgeon() {
    Referral referral = pathway.atMdtSession(Site.BONE);
    pathway.complete(referral, "Task_RecordMdtDecision", "mdtchair", decision("BIOPSY", QUORUM));

    assertThatThrownBy(
            () ->
                pathway.complete(referral, "Task_AgreeBiopsyApproach", "surgeon", approach(false)))
        .isInstanceOfSatisfying(
            RuleViolationException.class,
            refused ->
                assertThat(refused.problems())
                    .extracting(FieldProblem::field)
                    .containsExactly("operatingSurgeon"))
        .hasMessageContaining("chirurgien qui opérera");
    assertThat(pathway.orderedModalities(referral)).doesNotContain("BIOPSY");
  }

  private void reachDecision(Referral referral, String outcome) {
    pathway.complete(referral, "Task_PrepareMdtCase", "coordinator", mdtCase(false));
    pathway.fireTimer(referral, "TimerEvent_MdtSession");
    pathway.complete(referral, "Task_RecordMdtDecision", "mdtchair", decision(outcome, QUORUM));
  }

  @AfterAll
  static void everyFlowNodeAndSequenceFlowOfTheMainModelWasPassed() throws IOException {
    List<String> elements = new ArrayList<>();
    Collection<FlowNode> nodes = mainModel.getModelElementsByType(FlowNode.class);
    Collection<SequenceFlow> flows = mainModel.getModelElementsByType(SequenceFlow.class);
    nodes.forEach(node -> elements.add(node.getId()));
    flows.forEach(flow -> elements.add(flow.getId()));
    List<String> missed =
        elements.stream().filter(id -> !FlowCoverage.passed(MAIN, id)).sorted().toList();
    String report =
        "%s: %d/%d flow nodes and sequence flows passed (%d flow nodes, %d sequence flows)%s%n"
            .formatted(
                MAIN,
                elements.size() - missed.size(),
                elements.size(),
                nodes.size(),
                flows.size(),
                missed.isEmpty() ? "" : "; not passed: " + missed);
    Files.writeString(Path.of("target", "bpmn-coverage.txt"), report);
    System.out.print(report);
    assertThat(missed).as("elements of " + MAIN + " no test passes").isEmpty();
  }
}
