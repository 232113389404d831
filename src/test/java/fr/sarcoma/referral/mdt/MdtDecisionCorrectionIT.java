package fr.sarcoma.referral.mdt;

import static fr.sarcoma.referral.support.PathwayDriver.QUORUM;
import static fr.sarcoma.referral.support.PathwayDriver.characterisation;
import static fr.sarcoma.referral.support.PathwayDriver.decision;
import static fr.sarcoma.referral.support.PathwayDriver.mdtCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * M4 on PostgreSQL: an MDT decision is never changed; a correction is a new version that keeps the old one, and
 * the version that counts is the newest version of the newest decision. The surgeon's approach follows the version
 * it was agreed for (S3c), and a technique that differs from the MDT's needs a reason.
 */
@PostgresIntegrationTest
class MdtDecisionCorrectionIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired PathwayDriver pathway;
  @Autowired MdtService mdt;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  @Test
  @DisplayName(
      "M4: a correction is a new version; the first is kept unchanged, both are listed, the newest counts")
  void aCorrectedDecisionKeepsItsHistory() {
    Referral referral = decided("BIOPSY");
    UUID first = onlyVersion(referral);
    Map<String, Object> firstRow = row(first);

    HttpCalls.Response corrected =
        as("mdtchair")
            .postJson(
                corrections(first),
                correction(
                    "BIOPSY",
                    "SURGICAL",
                    QUORUM,
                    "Technique mal saisie en séance : la RCP a retenu une biopsie chirurgicale"));

    assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
    JsonNode second = corrected.json();
    UUID secondId = UUID.fromString(second.path("id").asText());
    assertThat(corrected.header("Location")).isEqualTo("/api/mdt/decisions/" + secondId);
    assertThat(second.path("version").asInt()).isEqualTo(2);
    assertThat(second.path("supersedes").asText()).isEqualTo(first.toString());
    assertThat(second.path("current").asBoolean()).isTrue();
    assertThat(second.path("biopsyTechnique").asText()).isEqualTo("SURGICAL");
    assertThat(second.path("recordedBy").asText()).isEqualTo("mdtchair");

    assertThat(row(first)).as("the first version is never changed").isEqualTo(firstRow);
    Map<String, Object> secondRow = row(secondId);
    assertThat(secondRow)
        .containsEntry("version", 2)
        .containsEntry("supersedes_id", first)
        .containsEntry(
            "correction_reason",
            "Technique mal saisie en séance : la RCP a retenu une biopsie chirurgicale")
        .containsEntry("biopsy_technique", "SURGICAL")
        .containsEntry("recorded_by", "mdtchair")
        .containsEntry("decided_at", firstRow.get("decided_at"));
    assertThat(mdt.latestDecision(referral.id()).orElseThrow().id()).isEqualTo(secondId);

    // Read by the chair who recorded them (need-to-know: a task of the referral completed lately).
    HttpCalls.Response history =
        as("mdtchair").get("/api/referrals/" + referral.id() + "/mdt-decisions");
    assertThat(history.status()).isEqualTo(200);
    assertThat(history.json()).hasSize(2);
    assertThat(history.json().get(0).path("id").asText()).isEqualTo(secondId.toString());
    assertThat(history.json().get(1).path("id").asText()).isEqualTo(first.toString());
    assertThat(history.json().get(1).path("version").asInt()).isEqualTo(1);
    assertThat(history.json().get(1).path("current").asBoolean()).isFalse();
    assertThat(history.json().get(1).path("supersededBy").asText()).isEqualTo(secondId.toString());
    assertThat(history.json().get(1).path("biopsyTechnique").asText())
        .isEqualTo("PERCUTANEOUS_CORE_NEEDLE");
    assertThat(
            as("mdtchair").get("/api/mdt/decisions/" + first).json().path("supersededBy").asText())
        .isEqualTo(secondId.toString());

    // The process did not move; the surgeon agrees the approach for the corrected version, whose
    // technique it is.
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_AgreeBiopsyApproach");
    pathway.complete(referral, "Task_AgreeBiopsyApproach", "surgeon", approach("SURGICAL", null));
    assertThat(
            jdbc.queryForObject(
                "select mdt_decision_id from biopsy_approach where referral_id = ?",
                UUID.class,
                referral.id()))
        .isEqualTo(secondId);
    assertThat(pathway.orderedModalities(referral)).contains("BIOPSY");
  }

  @Test
  @DisplayName(
      "M4, S3c: a correction after the approach was agreed needs the approach again; the gate holds until then")
  void aCorrectionAfterTheApproachNeedsTheApproachAgain() {
    Referral referral = decided("BIOPSY");
    UUID first = onlyVersion(referral);
    pathway.complete(
        referral,
        "Task_AgreeBiopsyApproach",
        "surgeon",
        approach("PERCUTANEOUS_CORE_NEEDLE", null));
    assertThat(pathway.orderedModalities(referral)).containsOnlyOnce("BIOPSY");

    HttpCalls.Response corrected =
        as("mdtchair")
            .postJson(
                corrections(first),
                correction(
                    "BIOPSY", "PERCUTANEOUS_CORE_NEEDLE", QUORUM, "Centre de biopsie erroné"));
    assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
    UUID second = UUID.fromString(corrected.json().path("id").asText());

    assertThat(mdt.approachAgreedFor(first)).isTrue();
    assertThat(mdt.approachAgreedFor(second))
        .as("the approach belongs to the version it was agreed for")
        .isFalse();
    runtimeService
        .createProcessInstanceModification(pathway.mainProcessInstanceId(referral))
        .startBeforeActivity("CallActivity_Biopsy")
        .execute();
    pathway.runJobs(referral);
    assertThat(pathway.orderedModalities(referral))
        .as("no second biopsy order")
        .containsOnlyOnce("BIOPSY");
    assertThat(
            runtimeService
                .getVariable(pathway.mainProcessInstanceId(referral), "gateRefusalReason")
                .toString())
        .contains("S3c");
  }

  @Test
  @DisplayName(
      "M4: a late correction of an earlier MDT round does not displace the later round's decision")
  void aCorrectionOfAnEarlierRoundDoesNotDisplaceTheLaterOne() {
    Referral referral = decided("FURTHER_IMAGING");
    UUID firstRound = onlyVersion(referral);
    pathway.reportExam(referral, "MRI");
    pathway.complete(
        referral,
        "Task_ReportCharacterisation",
        "radiologist",
        characterisation("INDETERMINATE", false, "NOT_APPLICABLE", "SOFT_TISSUE_SARCOMA", false));
    pathway.reportExam(referral, "CHEST_CT");
    pathway.complete(referral, "Task_PrepareMdtCase", "coordinator", mdtCase(false));
    pathway.fireTimer(referral, "TimerEvent_MdtSession");
    pathway.complete(
        referral, "Task_RecordMdtDecision", "mdtchair", decision("SURVEILLANCE", QUORUM));
    UUID secondRound = mdt.latestDecision(referral.id()).orElseThrow().id();

    HttpCalls.Response corrected =
        as("mdtchair")
            .postJson(
                corrections(firstRound),
                correction("FURTHER_IMAGING", null, QUORUM, "Argumentaire incomplet"));
    assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);

    assertThat(mdt.latestDecision(referral.id()).orElseThrow().id()).isEqualTo(secondRound);
    JsonNode history =
        as("mdtchair").get("/api/referrals/" + referral.id() + "/mdt-decisions").json();
    assertThat(history)
        .extracting(version -> version.path("id").asText())
        .containsExactly(
            secondRound.toString(), corrected.json().path("id").asText(), firstRound.toString());
  }

  @Test
  @DisplayName(
      "M4: only the current version can be corrected (409 otherwise); a correction can itself be corrected")
  void aSupersededVersionCannotBeCorrected() {
    Referral referral = decided("SURVEILLANCE");
    UUID first = onlyVersion(referral);
    String second =
        as("mdtchair")
            .postJson(
                corrections(first),
                correction("SURVEILLANCE", null, QUORUM, "Participants incomplets"))
            .json()
            .path("id")
            .asText();

    HttpCalls.Response again =
        as("mdtchair")
            .postJson(corrections(first), correction("OTHER", null, QUORUM, "Autre correction"));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("supersededBy").asText()).isEqualTo(second);
    assertThat(versions(referral)).isEqualTo(2);

    HttpCalls.Response third =
        as("admin")
            .postJson(
                corrections(UUID.fromString(second)),
                correction("OTHER", null, QUORUM, "Décision reformulée"));
    assertThat(third.status()).as(third.body()).isEqualTo(201);
    assertThat(third.json().path("version").asInt()).isEqualTo(3);
    assertThat(third.json().path("supersedes").asText()).isEqualTo(second);
  }

  @Test
  @DisplayName(
      "M2: a correction without quorum is refused with the quorum message; nothing is stored")
  void aCorrectionWithoutQuorumIsRefused() {
    Referral referral = decided("SURVEILLANCE");
    UUID first = onlyVersion(referral);

    HttpCalls.Response refused =
        as("mdtchair")
            .postJson(
                corrections(first),
                correction(
                    "SURVEILLANCE",
                    null,
                    List.of("surgeon", "radiologist", "oncologist"),
                    "Participants incomplets"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("detail").asText())
        .contains("Quorum de RCP non atteint (M2)", "pathologiste");
    assertThat(refused.json().path("errors").get(0).path("field").asText())
        .isEqualTo("participants");
    assertThat(versions(referral)).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "M4: only MDT chairs correct (403 otherwise); bad fields are named (400); an unknown decision is 404")
  void whoMayCorrectAndWhatIsRefused() {
    Referral referral = decided("SURVEILLANCE");
    UUID first = onlyVersion(referral);
    String valid = correction("SURVEILLANCE", null, QUORUM, "Participants incomplets");

    assertThat(as("coordinator").postJson(corrections(first), valid).status()).isEqualTo(403);
    assertThat(as("surgeon").postJson(corrections(first), valid).status()).isEqualTo(403);
    assertThat(HttpCalls.to(port).postJson(corrections(first), valid).status()).isEqualTo(401);
    assertThat(as("coordinator").get("/api/referrals/" + referral.id() + "/mdt-decisions").status())
        .isEqualTo(200);

    HttpCalls.Response bad =
        as("mdtchair")
            .postJson(
                corrections(first),
                """
        {"outcome": "BIOPSY", "biopsyTechnique": "NEEDLE", "biopsyTargetZone": "Portion charnue", "rationale": "",
         "participants": [], "guideline": "ONCOLOR 2019", "guidelineConform": false,
         "clinicalTrialConsidered": false, "patientInformedBy": "Le médecin adresseur", "correctionReason": " "}
        """);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("errors"))
        .extracting(error -> error.path("field").asText())
        .contains(
            "biopsyTechnique",
            "biopsyCentre",
            "rationale",
            "participants",
            "nonConformityReason",
            "correctionReason");
    HttpCalls.Response notBiopsy =
        as("mdtchair")
            .postJson(corrections(first), correction("SURVEILLANCE", "SURGICAL", QUORUM, "Motif"));
    assertThat(notBiopsy.status()).isEqualTo(400);
    assertThat(notBiopsy.json().path("errors"))
        .extracting(error -> error.path("field").asText())
        .containsExactly("biopsyTechnique");
    assertThat(versions(referral)).isEqualTo(1);

    assertThat(as("mdtchair").postJson(corrections(UUID.randomUUID()), valid).status())
        .isEqualTo(404);
    assertThat(as("manager").get("/api/referrals/" + UUID.randomUUID() + "/mdt-decisions").status())
        .isEqualTo(404);
  }

  @Test
  @DisplayName(
      "M4, S3c: a technique that differs from the MDT's is refused without a reason, and stored with it")
  void aDifferentTechniqueNeedsAReason() {
    Referral referral = decided("BIOPSY");

    assertThatThrownBy(
            () ->
                pathway.complete(
                    referral, "Task_AgreeBiopsyApproach", "surgeon", approach("SURGICAL", "  ")))
        .hasMessageContaining("diffère de celle décidée en RCP")
        .hasMessageContaining("motif")
        .satisfies(
            refused ->
                assertThat(causes(refused))
                    .as("a refusal Tasklist shows, not a failure")
                    .hasAtLeastOneElementOfType(BadUserRequestException.class));
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_AgreeBiopsyApproach");
    assertThat(pathway.orderedModalities(referral)).doesNotContain("BIOPSY");

    pathway.complete(
        referral,
        "Task_AgreeBiopsyApproach",
        "surgeon",
        approach(
            "SURGICAL",
            "Lésion profonde au contact du paquet vasculaire : biopsie chirurgicale plus sûre"));

    Map<String, Object> approach =
        jdbc.queryForMap(
            "select technique, deviation_reason, mdt_decision_id from biopsy_approach where referral_id = ?",
            referral.id());
    assertThat(approach)
        .containsEntry("technique", "SURGICAL")
        .containsEntry(
            "deviation_reason",
            "Lésion profonde au contact du paquet vasculaire : biopsie chirurgicale plus sûre")
        .containsEntry("mdt_decision_id", onlyVersion(referral));
    assertThat(mdt.agreedApproach(onlyVersion(referral)).orElseThrow().deviationReason())
        .startsWith("Lésion profonde");
    assertThat(pathway.orderedModalities(referral)).contains("BIOPSY");
  }

  /** A soft-tissue referral whose work-up is complete, decided by the MDT with that outcome. */
  private Referral decided(String outcome) {
    Referral referral = pathway.atMdtSession(Site.SOFT_TISSUE);
    pathway.complete(referral, "Task_RecordMdtDecision", "mdtchair", decision(outcome, QUORUM));
    return referral;
  }

  private static List<Throwable> causes(Throwable thrown) {
    List<Throwable> chain = new java.util.ArrayList<>();
    for (Throwable cause = thrown;
        cause != null && !chain.contains(cause);
        cause = cause.getCause()) {
      chain.add(cause);
    }
    return chain;
  }

  private UUID onlyVersion(Referral referral) {
    return jdbc.queryForObject(
        "select id from mdt_decision where referral_id = ? and version = 1",
        UUID.class,
        referral.id());
  }

  private int versions(Referral referral) {
    return jdbc.queryForObject(
        "select count(*) from mdt_decision where referral_id = ?", Integer.class, referral.id());
  }

  private Map<String, Object> row(UUID decisionId) {
    return jdbc.queryForMap("select * from mdt_decision where id = ?", decisionId);
  }

  private HttpCalls as(String user) {
    return HttpCalls.to(port).as(user, "demo");
  }

  private static String corrections(UUID decisionId) {
    return "/api/mdt/decisions/" + decisionId + "/corrections";
  }

  private static String correction(
      String outcome, String technique, List<String> participants, String reason) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("outcome", outcome);
    body.put("biopsyTechnique", technique);
    if ("BIOPSY".equals(outcome)) {
      body.put("biopsyTargetZone", "Portion charnue antéro-latérale");
      body.put("biopsyCentre", "Centre de référence sarcomes (site 2)");
    }
    body.put("rationale", "Discussion collégiale, argumentaire complété");
    body.put("participants", participants);
    body.put("guideline", "Référentiel ONCOLOR 2019 : sarcomes des tissus mous et des os");
    body.put("guidelineConform", true);
    body.put("clinicalTrialConsidered", false);
    body.put("patientInformedBy", "Le médecin adresseur, en consultation");
    body.put("correctionReason", reason);
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> approach(String technique, String deviationReason) {
    Map<String, Object> answers = new LinkedHashMap<>();
    answers.put("operatingSurgeon", true);
    answers.put(
        "biopsyApproach", "Voie antéro-latérale, trajet inclus dans la future voie d'exérèse");
    answers.put("biopsyTechnique", technique);
    if (deviationReason != null) {
      answers.put("deviationReason", deviationReason);
    }
    return answers;
  }
}
