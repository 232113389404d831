package fr.sarcoma.referral.dossier;

import static fr.sarcoma.referral.support.PathwayDriver.QUORUM;
import static fr.sarcoma.referral.support.PathwayDriver.approach;
import static fr.sarcoma.referral.support.PathwayDriver.decision;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.sarcoma.referral.referral.ReferralService;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GET /api/referrals/{id}/file: the patient's file as a clinician reads it on a task. */
@PostgresIntegrationTest
class PatientFileIT {

  @LocalServerPort int port;

  @Autowired PathwayDriver pathway;

  @Autowired ReferralService referrals;

  @Test
  void theFileHoldsThePatientTheExamsTheDecisionTheApproachAndTheLetters() {
    Referral referral = pathway.atMdtSession(Site.SOFT_TISSUE);
    pathway.complete(referral, "Task_RecordMdtDecision", "mdtchair", decision("BIOPSY", QUORUM));
    pathway.complete(referral, "Task_AgreeBiopsyApproach", "surgeon", approach(true));
    ReferralService.ReferralSummary summary = referrals.summary(referral.id()).orElseThrow();

    HttpCalls.Response response = radiologist().get("/api/referrals/" + referral.id() + "/file");

    assertThat(response.status()).isEqualTo(200);
    JsonNode file = response.json();
    assertThat(file.path("businessKey").asText()).isEqualTo(referral.businessKey());
    JsonNode patient = file.path("patient");
    assertThat(patient.path("displayName").asText()).isEqualTo("Patient Test");
    assertThat(patient.path("identifier").asText()).isEqualTo(summary.patientIdentifier());
    assertThat(patient.path("sex").asText()).isEqualTo("FEMALE");
    assertThat(patient.path("age").asInt())
        .isEqualTo(Period.between(summary.patientBirthDate(), LocalDate.now()).getYears());
    assertThat(file.path("urgency").asText()).isNotBlank();
    assertThat(file.path("site").asText()).isEqualTo("SOFT_TISSUE");
    assertThat(file.path("presentation").asText()).isEqualTo("SWELLING_OR_PAIN");
    assertThat(file.path("largestDimensionCm").asDouble()).isEqualTo(9.0);
    assertThat(file.path("depth").asText()).isEqualTo("DEEP");
    assertThat(file.path("priorProcedure").asText()).isEqualTo("NONE");

    List<String> reported = new ArrayList<>();
    List<String> awaited = new ArrayList<>();
    for (JsonNode exam : file.path("exams")) {
      assertThat(exam.path("protocol").asText()).as("protocol").isNotBlank();
      if (exam.path("status").asText().equals("REPORTED")) {
        reported.add(exam.path("modality").asText());
        assertThat(exam.path("conclusion").asText()).isEqualTo("Compte rendu disponible");
        assertThat(exam.path("report").asText()).isEqualTo("Voir compte rendu");
        assertThat(exam.path("performedOn").asText()).isEqualTo(LocalDate.now().toString());
      } else {
        awaited.add(exam.path("modality").asText());
        assertThat(exam.hasNonNull("conclusion")).as("no result yet").isFalse();
      }
    }
    assertThat(reported).containsExactly("ULTRASOUND", "MRI", "CHEST_CT");
    assertThat(awaited).as("S3: the biopsy, ordered after the approach").containsExactly("BIOPSY");

    // The biopsy's booking (no order system in the tests) names its order: its form shows that
    // exam.
    String biopsyOrderId = pathway.placedOrder(referral, "BIOPSY").id().toString();
    List<String> orderTasks = new ArrayList<>();
    for (JsonNode task : file.path("openTasks")) {
      if (task.hasNonNull("orderId")) {
        assertThat(task.path("orderId").asText()).isEqualTo(biopsyOrderId);
        orderTasks.add(task.path("key").asText());
      }
    }
    assertThat(orderTasks).containsExactly("Task_ScheduleExam");
    assertThat(file.hasNonNull("mdtCase")).as("discussed: on no session now").isFalse();

    JsonNode characterisations = file.path("characterisationReports");
    assertThat(characterisations).hasSize(1);
    JsonNode characterisation = characterisations.get(0);
    assertThat(characterisation.path("sizeLongAxisCm").decimalValue()).isEqualByComparingTo("8.2");
    assertThat(characterisation.path("biopsyTargetZone").asText())
        .isEqualTo("Portion charnue antéro-latérale, rehaussée");
    assertThat(characterisation.path("aggressiveSigns").toString())
        .isEqualTo("[\"OSTEOLYSIS\",\"PERIOSTEAL_REACTION\"]");
    assertThat(characterisation.path("conclusion").asText()).isEqualTo("AGGRESSIVE");
    assertThat(characterisation.path("reportedBy").asText()).isEqualTo("radiologist");

    JsonNode decisions = file.path("mdtDecisions");
    assertThat(decisions).hasSize(1);
    assertThat(decisions.get(0).path("outcome").asText()).isEqualTo("BIOPSY");
    assertThat(decisions.get(0).path("current").asBoolean()).isTrue();
    assertThat(decisions.get(0).path("biopsyCentre").asText())
        .isEqualTo("Centre de référence sarcomes");
    // The fiche RCP, for the Dossier tab: the chair by name, the question, the guideline.
    JsonNode sheet = decisions.get(0).path("sheet");
    assertThat(sheet.path("chairName").asText()).isEqualTo("Pr Marc Rousseau");
    assertThat(sheet.path("question").asText()).isEqualTo("Biopsie ? Quelle voie d'abord ?");
    assertThat(sheet.path("guidelineConform").asBoolean()).isTrue();
    assertThat(decisions.get(0).path("attendees").asText())
        .startsWith("Dr Sophie Lefèvre (chirurgien) ; Dr Raphaël Morel (radiologue)");
    assertThat(file.path("approach").path("decisionId").asText())
        .isEqualTo(decisions.get(0).path("id").asText());
    assertThat(file.path("approach").path("approach").asText()).startsWith("Voie antéro-latérale");

    JsonNode letters = file.path("letters");
    assertThat(letters).isNotEmpty();
    String pdfUrl = letters.get(letters.size() - 1).path("downloadUrl").asText();
    HttpCalls.Response pdf = radiologist().get(pdfUrl, "application/pdf");
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.header("Content-Type")).startsWith("application/pdf");
    HttpCalls.Response shown = radiologist().get(pdfUrl + "?inline=true", "application/pdf");
    assertThat(shown.header("Content-Disposition"))
        .as("opened in the browser")
        .startsWith("inline");

    List<String> milestones = new ArrayList<>();
    file.path("milestones").forEach(milestone -> milestones.add(milestone.path("name").asText()));
    assertThat(milestones).contains("REFERRAL_RECEIVED", "MDT_DECIDED", "APPROACH_AGREED");

    JsonNode labels = file.path("labels");
    assertThat(labels.path("site.SOFT_TISSUE").asText()).isEqualTo("Parties molles");
    assertThat(labels.path("sex.FEMALE").asText()).isEqualTo("Femme");
    assertThat(labels.path("modality.MRI").asText()).isEqualTo("IRM");
    assertThat(labels.path("mdtOutcome.BIOPSY").asText()).isEqualTo("Biopsie");
    assertThat(labels.path("aggressiveSign.OSTEOLYSIS").asText()).isEqualTo("Ostéolyse");
    assertThat(labels.path("imagingConclusion.AGGRESSIVE").asText()).isEqualTo("Lésion agressive");
    assertThat(labels.path("milestone.MDT_DECIDED").asText()).isEqualTo("Décision de RCP");
    assertThat(labels.path("urgency." + file.path("urgency").asText()).asText()).isNotBlank();
  }

  @Test
  void atItsSessionTheFileSaysWhenAndTheQuestionPutToTheMdt() {
    Referral referral = pathway.atMdtSession(Site.BONE);

    JsonNode file =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .get("/api/referrals/" + referral.id() + "/file")
            .json();

    JsonNode mdtCase = file.path("mdtCase");
    assertThat(mdtCase.path("question").asText()).isEqualTo("Biopsie ? Quelle voie d'abord ?");
    assertThat(mdtCase.path("sessionId").asText()).isNotBlank();
    assertThat(mdtCase.path("sessionStartsAt").asText()).isNotBlank();
    for (JsonNode task : file.path("openTasks")) {
      assertThat(task.path("key").asText()).isEqualTo("Task_RecordMdtDecision");
      assertThat(task.hasNonNull("orderId")).as("the pathway's own task").isFalse();
    }
  }

  @Test
  void anUnknownReferralIsAFrench404() {
    HttpCalls.Response response =
        radiologist().get("/api/referrals/" + UUID.randomUUID() + "/file");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).contains("Aucun dossier");
  }

  @Test
  void theFileIsNotOpenToAnonymousCallers() {
    assertThat(HttpCalls.to(port).get("/api/referrals/" + UUID.randomUUID() + "/file").status())
        .isEqualTo(401);
  }

  private HttpCalls radiologist() {
    return HttpCalls.to(port).as("radiologist", "demo");
  }
}
