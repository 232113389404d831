package fr.sarcoma.referral.mdt;

import static fr.sarcoma.referral.support.PathwayDriver.decision;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.FormSubmission;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The fiche RCP (PATHWAY.md) on PostgreSQL, through the doors a client uses: the participants are chosen by name
 * from the network's users and the quorum (M2) is checked on the specialties the identity store gives them, never
 * on ticked boxes; the record holds the question, the clinical summary from our records, the guideline and
 * conformity, the trial, who informs the patient and the chair who validated it.
 */
@PostgresIntegrationTest
class MdtRecordIT {

  @Autowired PathwayDriver pathway;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  @Test
  @DisplayName(
      "M2: named participants without a pathologist are refused even when the old boxes tick all three specialties; nothing is written, the task stays open")
  void m2QuorumIsCheckedOnTheNamedParticipantsNotOnBoxes() {
    Referral referral = pathway.atMdtSession(Site.SOFT_TISSUE);
    Task task = claimedDecisionTask(referral);
    Map<String, Object> answers =
        new LinkedHashMap<>(decision("SURVEILLANCE", List.of("surgeon", "radiologist")));
    // The boxes of the former form, ticked as a client could still send them: the server ignores
    // them.
    answers.put("attendingSpecialties", List.of("SURGEON", "RADIOLOGIST", "PATHOLOGIST"));

    HttpCalls.Response refused = submit(task, answers);

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("message").asText())
        .startsWith("Quorum de RCP non atteint (M2)")
        .contains("spécialité requise absente : pathologiste")
        .doesNotContain("chirurgien", "radiologue");
    assertThat(refused.json().path("errors").findValuesAsText("field"))
        .containsExactly("participants");
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_RecordMdtDecision");
    assertThat(decisions(referral)).isZero();

    // The chair's own specialty counts (Pr Rousseau, oncologist), but only that of the people
    // named.
    answers.put("participants", List.of("surgeon", "radiologist", "oncologist"));
    assertThat(submit(task, answers).status()).isEqualTo(400);
    assertThat(decisions(referral)).isZero();
  }

  @Test
  @DisplayName(
      "M2: a participant unknown to the network's identity store is refused, by name of the field")
  void m2AnUnknownParticipantIsRefused() {
    Referral referral = pathway.atMdtSession(Site.SOFT_TISSUE);
    Task task = claimedDecisionTask(referral);
    Map<String, Object> answers =
        new LinkedHashMap<>(
            decision("SURVEILLANCE", List.of("surgeon", "radiologist", "pathologist", "dr-x")));

    HttpCalls.Response refused = submit(task, answers);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("message").asText())
        .contains("participant inconnu de l'annuaire du réseau : dr-x");
    assertThat(refused.json().path("errors").findValuesAsText("field"))
        .containsExactly("participants");
    assertThat(decisions(referral)).isZero();
  }

  @Test
  @DisplayName(
      "M2, identity store: a user's specialty and title are the administrator's entry in the store, and the quorum counts them")
  void m2TheSpecialtyComesFromTheIdentityStore() {
    String userId = "patho" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
    User user = identityService.newUser(userId);
    user.setFirstName("Jeanne");
    user.setLastName("Vidal");
    user.setPassword("Un-mot-de-passe-long-2026");
    identityService.saveUser(user);
    Referral referral = pathway.atMdtSession(Site.SOFT_TISSUE);
    Task task = claimedDecisionTask(referral);
    Map<String, Object> answers =
        new LinkedHashMap<>(decision("SURVEILLANCE", List.of("surgeon", "radiologist", userId)));

    assertThat(submit(task, answers).status())
        .as("no specialty in the store yet: no pathologist")
        .isEqualTo(400);

    HttpCalls admin = HttpCalls.to(port).as("admin", "demo");
    assertThat(
            HttpCalls.to(port)
                .as("mdtchair", "demo")
                .putJson(
                    "/api/network/members/" + userId,
                    "{\"title\": \"Dr\", \"specialty\": \"PATHOLOGIST\"}")
                .status())
        .as("only administrators describe users")
        .isEqualTo(403);
    HttpCalls.Response bad =
        admin.putJson("/api/network/members/" + userId, "{\"specialty\": \"CARDIOLOGIST\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("errors").findValuesAsText("field")).containsExactly("specialty");
    assertThat(
            admin
                .putJson("/api/network/members/nobody" + userId, "{\"specialty\": \"SURGEON\"}")
                .status())
        .isEqualTo(404);
    HttpCalls.Response described =
        admin.putJson(
            "/api/network/members/" + userId,
            "{\"title\": \"Dr\", \"specialty\": \"PATHOLOGIST\"}");
    assertThat(described.status()).as(described.body()).isEqualTo(200);
    assertThat(described.json().path("name").asText()).isEqualTo("Dr Jeanne Vidal");
    assertThat(
            HttpCalls.to(port)
                .as("coordinator", "demo")
                .get("/api/network/members")
                .json()
                .findValuesAsText("userId"))
        .contains(userId, "surgeon", "mdtchair")
        .doesNotContain("coordinator", "manager");

    HttpCalls.Response accepted = submit(task, answers);

    assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
    assertThat(
            jdbc.queryForList(
                """
                select p.display_name || ' / ' || coalesce(p.specialty, '-') from mdt_participant p
                join mdt_decision d on d.id = p.decision_id where d.referral_id = ? order by p.position
                """,
                String.class,
                referral.id()))
        .containsExactly(
            "Dr Sophie Lefèvre / SURGEON",
            "Dr Raphaël Morel / RADIOLOGIST",
            "Dr Jeanne Vidal / PATHOLOGIST",
            "Pr Marc Rousseau / MEDICAL_ONCOLOGIST");
  }

  @Test
  @DisplayName(
      "Fiche RCP: every item is recorded and shown by the API: question, clinical summary from our records, participants, proposal, guideline and conformity, trial, who informs, the chair by name")
  void theWholeRecordIsKeptWithTheDecision() {
    Referral referral = pathway.atMdtSession(Site.BONE);
    Task task = claimedDecisionTask(referral);
    Map<String, Object> answers =
        new LinkedHashMap<>(decision("BIOPSY", List.of("surgeon", "radiologist", "pathologist")));
    answers.put("guidelineConform", "NO");

    HttpCalls.Response noReason = submit(task, answers);
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().path("errors").findValuesAsText("field"))
        .as("a proposal that does not conform says why")
        .containsExactly("nonConformityReason");

    answers.put("nonConformityReason", "Biopsie chirurgicale préférée par le patient");
    answers.put("clinicalTrialConsidered", "YES");
    answers.put("clinicalTrialDetail", "Aucun essai ouvert pour ce type");
    assertThat(submit(task, answers).status()).isEqualTo(204);

    JsonNode decision =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .get("/api/referrals/" + referral.id() + "/mdt-decisions")
            .json()
            .get(0);
    JsonNode sheet = decision.path("sheet");
    assertThat(sheet.path("question").asText()).isEqualTo("Biopsie ? Quelle voie d'abord ?");
    assertThat(sheet.path("clinicalSummary").asText().lines().toList())
        .containsExactly(
            "Présentation : Tuméfaction et/ou douleur ; os (cuisse) ; 9 cm ; profonde.",
            "Radiographies du " + today() + " : Compte rendu disponible",
            "IRM du " + today() + " : Compte rendu disponible",
            "Scanner thoracique du " + today() + " : Compte rendu disponible",
            "TEP-TDM au FDG du " + today() + " : Compte rendu disponible",
            "Caractérisation : Lésion agressive ; hypothèse : Autre ; grand axe 8,2 cm.");
    assertThat(sheet.path("guideline").asText())
        .isEqualTo("Référentiel ONCOLOR 2019 : sarcomes des tissus mous et des os");
    assertThat(sheet.path("guidelineConform").asBoolean()).isFalse();
    assertThat(sheet.path("nonConformityReason").asText())
        .isEqualTo("Biopsie chirurgicale préférée par le patient");
    assertThat(sheet.path("clinicalTrialConsidered").asBoolean()).isTrue();
    assertThat(sheet.path("clinicalTrialDetail").asText())
        .isEqualTo("Aucun essai ouvert pour ce type");
    assertThat(sheet.path("patientInformedBy").asText())
        .isEqualTo("Le médecin adresseur, en consultation");
    assertThat(sheet.path("chairName").asText()).isEqualTo("Pr Marc Rousseau");
    assertThat(decision.path("participants").findValuesAsText("name"))
        .containsExactly(
            "Dr Sophie Lefèvre", "Dr Raphaël Morel", "Dr Paul Garnier", "Pr Marc Rousseau");
    assertThat(decision.path("specialties").toString())
        .isEqualTo("[\"SURGEON\",\"RADIOLOGIST\",\"PATHOLOGIST\",\"MEDICAL_ONCOLOGIST\"]");
    assertThat(decision.path("attendees").asText())
        .isEqualTo(
            "Dr Sophie Lefèvre (chirurgien) ; Dr Raphaël Morel (radiologue) ;"
                + " Dr Paul Garnier (pathologiste) ; Pr Marc Rousseau (oncologue médical)");
  }

  private Task claimedDecisionTask(Referral referral) {
    Task task = pathway.task(referral, "Task_RecordMdtDecision");
    taskService.claim(task.getId(), "mdtchair");
    return task;
  }

  /** The chair submits the form through the engine's REST API, variables typed as Tasklist types them. */
  private HttpCalls.Response submit(Task task, Map<String, Object> answers) {
    return HttpCalls.to(port)
        .as("mdtchair", "demo")
        .postJson(
            "/engine-rest/task/" + task.getId() + "/submit-form", FormSubmission.body(answers));
  }

  private int decisions(Referral referral) {
    return jdbc.queryForObject(
        "select count(*) from mdt_decision where referral_id = ?", Integer.class, referral.id());
  }

  private static String today() {
    return java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris"))
        .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
  }
}
