package fr.sarcoma.referral.letter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.sarcoma.referral.mdt.MdtService;
import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * M4: the MDT decision letter as a PDF, through the pathway and the API on PostgreSQL: listed on
 * its referral, downloaded by the clinical groups, read back with PDFBox.
 */
@PostgresIntegrationTest
class LetterPdfIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TODAY =
      java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris"))
          .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));

  @Autowired PathwayDriver pathway;
  @Autowired MdtService mdt;
  @Autowired LetterService letters;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  @DisplayName(
      "M4, fiche RCP: a surveillance decision → one letter on the referral, a French A4 PDF with the decision, participants, next steps, the chair's signature and the fiche RCP annexed, every item read back")
  void surveillanceDecisionLetterIsAPdf() throws IOException {
    Referral referral = pathway.atMdtSession(Site.SOFT_TISSUE);
    Map<String, Object> answers =
        decision(
            "SURVEILLANCE",
            List.of("surgeon", "radiologist", "pathologist", "oncologist"),
            "Lipome atypique probable, " + "surveillance IRM à 6 mois.");
    answers.put("guidelineConform", "NO");
    answers.put("nonConformityReason", "Patiente âgée, exérèse refusée après information.");
    answers.put("clinicalTrialConsidered", "YES");
    answers.put("clinicalTrialDetail", "Essai LIPO-SURV, critères non remplis");
    answers.put("patientInformedBy", "Dr Adresseur, en consultation");
    pathway.complete(referral, "Task_RecordMdtDecision", "mdtchair", answers);

    Call list = get("/api/referrals/" + referral.id() + "/letters", "coordinator");
    assertThat(list.status()).isEqualTo(200);
    JsonNode listed = JSON.readTree(list.body());
    assertThat(listed).hasSize(1);
    JsonNode letter = listed.get(0);
    assertThat(letter.get("kind").asText()).isEqualTo("MDT_DECISION");
    assertThat(letter.get("recipient").asText()).isEqualTo("Dr Adresseur");
    assertThat(letter.get("createdAt").asText()).isNotBlank();
    assertThat(letter.get("pdfAvailable").asBoolean()).isTrue();
    String download = letter.get("downloadUrl").asText();
    assertThat(download).isEqualTo("/api/letters/" + letter.get("id").asText() + ".pdf");

    Call pdf = get(download, "coordinator");
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
    assertThat(pdf.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"courrier-RCP-" + referral.businessKey() + ".pdf\"");
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

    Files.write(
        Files.createDirectories(Path.of("target", "letters"))
            .resolve("LetterPdfIT-surveillance.pdf"),
        pdf.body());
    String text = text(pdf.body());
    assertThat(text)
        .contains(
            "RCP de recours sarcomes — réseau régional",
            "N° de demande : " + referral.businessKey(),
            "IPP : " + ipp(referral),
            "Patiente : Patient Test, née le 01/01/1970",
            "Dr Adresseur",
            "Décision : Surveillance",
            "Lipome atypique probable, surveillance IRM à 6 mois.",
            "Suite de la prise en charge",
            "Une surveillance clinique et par imagerie est proposée",
            "nous réadresser la patiente sans délai",
            "La fiche RCP complète figure en annexe.",
            // Signed by the chair by name.
            "Bien confraternellement, Pr Marc Rousseau Président(e) de la RCP de recours sarcomes")
        .doesNotContain(
            "Technique :", "SURVEILLANCE", "MEDICAL_ONCOLOGIST", "Copie : médecin traitant");
    // The fiche RCP (PATHWAY.md), every item.
    String annex = text.substring(text.indexOf("Annexe : fiche RCP"));
    assertThat(annex)
        .contains(
            "Séance : RCP de recours sarcomes du ",
            "Patiente : Patient Test, née le 01/01/1970 — IPP " + ipp(referral),
            "N° de demande : " + referral.businessKey(),
            "Médecin adresseur : Dr Adresseur",
            "Médecin traitant : non renseigné",
            "Question posée : Biopsie ? Quelle voie d'abord ?",
            "Résumé clinique",
            "Présentation : Tuméfaction et/ou douleur ; parties molles",
            "; 9 cm ; profonde.",
            "Échographie du " + TODAY + " : Compte rendu disponible",
            "IRM du " + TODAY + " : Compte rendu disponible",
            "Scanner thoracique du " + TODAY + " : Compte rendu disponible",
            "Caractérisation : Lésion agressive",
            "Participants",
            "Dr Sophie Lefèvre — chirurgien",
            "Dr Raphaël Morel — radiologue",
            "Dr Paul Garnier — pathologiste",
            "Dr Olivia Fontaine — oncologue médical",
            "Pr Marc Rousseau — oncologue médical",
            "Décision : Surveillance",
            "Argumentaire : Lipome atypique probable, surveillance IRM à 6 mois.",
            "Référentiel suivi : Référentiel ONCOLOR 2019 : sarcomes des tissus mous et des os",
            "Conforme au référentiel : non",
            "Motif de non-conformité : Patiente âgée, exérèse refusée après information.",
            "Essai clinique envisagé : oui — Essai LIPO-SURV, critères non remplis",
            "Information du patient : Dr Adresseur, en consultation",
            "Validée par : Pr Marc Rousseau, président(e) de séance, le " + TODAY,
            "Version : 1");
  }

  @Test
  @DisplayName(
      "M4, S3: a biopsy decision letter names the technique, the target zone, the centre and the operating surgeon's say")
  void biopsyDecisionLetterShowsTheBiopsy() throws IOException {
    Referral referral = pathway.atMdtSession(Site.BONE);
    pathway.complete(
        referral,
        "Task_RecordMdtDecision",
        "mdtchair",
        decision("BIOPSY", PathwayDriver.QUORUM, "Lésion ostéolytique agressive du fémur distal."));

    Call pdf = get(onlyLetter(referral).get("downloadUrl").asText(), "surgeon");
    assertThat(pdf.status()).isEqualTo(200);
    // Kept for a look at the layout (pdftoppm -png target/letters/LetterPdfIT-biopsy.pdf).
    Files.write(
        Files.createDirectories(Path.of("target", "letters")).resolve("LetterPdfIT-biopsy.pdf"),
        pdf.body());
    String text = text(pdf.body());
    assertThat(text)
        .contains(
            "Décision : Biopsie",
            "Technique : biopsie percutanée au trocart, guidée par l'imagerie",
            "Zone cible : Portion charnue antéro-latérale",
            "Centre : Centre de référence sarcomes",
            "la voie d'abord de la biopsie sera définie avec le chirurgien qui opérera la patiente",
            "Dr Sophie Lefèvre (chirurgien) ; Dr Raphaël Morel (radiologue) ; Dr Paul Garnier (pathologiste)",
            "La biopsie sera programmée dans le centre indiqué ci-dessus",
            referral.businessKey());
  }

  @Test
  @DisplayName(
      "M6, fiche RCP: the diagnosis letter read back from its PDF: the expert diagnosis with type and grade, the proposal, the chair's signature and the proposal round's fiche RCP with the pathology in its summary")
  void diagnosisLetterIsReadBackWithItsFiche() throws IOException {
    Referral referral = pathway.atMdtSession(Site.SOFT_TISSUE);
    pathway.complete(
        referral,
        "Task_RecordMdtDecision",
        "mdtchair",
        decision("BIOPSY", PathwayDriver.QUORUM, "Lésion profonde de 9 cm : biopsie."));
    pathway.complete(referral, "Task_AgreeBiopsyApproach", "surgeon", PathwayDriver.approach(true));
    pathway.reportExam(referral, "BIOPSY");
    Map<String, Object> review = new HashMap<>();
    review.put("pathologyDiagnosis", "SARCOMA");
    review.put("histologicalType", "Liposarcome dédifférencié");
    review.put("fnclccGrade", "2");
    review.put("pathologyReview", "Relecture experte du réseau");
    pathway.complete(referral, "Task_ReviewBiopsyResult", "pathologist", review);
    pathway.complete(
        referral,
        "Task_PrepareMdtCase",
        "coordinator",
        Map.of("mdtQuestion", "Proposition thérapeutique ?", "fixationDeferred", false));
    pathway.fireTimer(referral, "TimerEvent_MdtSession");
    Map<String, Object> proposal =
        decision(
            "OTHER",
            List.of("surgeon", "radiologist", "pathologist", "oncologist"),
            "Chirurgie d'exérèse large après radiothérapie préopératoire.");
    proposal.put("clinicalTrialConsidered", "YES");
    proposal.put("clinicalTrialDetail", "Essai STRASS 2 proposé");
    pathway.complete(referral, "Task_RecordMdtDecision", "mdtchair", proposal);

    JsonNode letter =
        letterList(referral).stream()
            .filter(listed -> listed.get("kind").asText().equals("DIAGNOSIS"))
            .findFirst()
            .orElseThrow();
    Call pdf = get(letter.get("downloadUrl").asText(), "coordinator");
    assertThat(pdf.status()).isEqualTo(200);
    Files.write(
        Files.createDirectories(Path.of("target", "letters")).resolve("LetterPdfIT-diagnosis.pdf"),
        pdf.body());
    String text = text(pdf.body());
    assertThat(text)
        .contains(
            "IPP : " + ipp(referral),
            "N° de demande : " + referral.businessKey(),
            "Diagnostic : Sarcome",
            "Type histologique : Liposarcome dédifférencié",
            "Grade FNCLCC : 2",
            "Proposition : Autre décision",
            "Chirurgie d'exérèse large après radiothérapie préopératoire.",
            "Pr Marc Rousseau Président(e) de la RCP de recours sarcomes");
    String annex = text.substring(text.indexOf("Annexe : fiche RCP"));
    assertThat(annex)
        .contains(
            "Patiente : Patient Test, née le 01/01/1970 — IPP " + ipp(referral),
            "Médecin adresseur : Dr Adresseur",
            "Question posée : Proposition thérapeutique ?",
            "Biopsie du " + TODAY + " : Compte rendu disponible",
            "Anatomopathologie (relecture experte) : Sarcome, Liposarcome dédifférencié, grade FNCLCC 2.",
            "Dr Paul Garnier — pathologiste",
            "Pr Marc Rousseau — oncologue médical",
            "Décision : Autre décision",
            "Conforme au référentiel : oui",
            "Essai clinique envisagé : oui — Essai STRASS 2 proposé",
            "Information du patient : Le médecin adresseur, en consultation",
            "Validée par : Pr Marc Rousseau, président(e) de séance, le " + TODAY)
        .doesNotContain("Motif de non-conformité");
  }

  @Test
  @DisplayName("M4: the letter is written once per decision, however often its job runs")
  void oneLetterPerDecision() {
    Referral referral = pathway.atMdtSession(Site.SOFT_TISSUE);
    pathway.complete(
        referral,
        "Task_RecordMdtDecision",
        "mdtchair",
        decision("DISCHARGE_BENIGN", PathwayDriver.QUORUM, "Schwannome typique."));

    letters.sendMdtDecisionLetter(referral.id(), mdt.latestDecision(referral.id()).orElseThrow());

    assertThat(pathway.letters(referral)).containsExactly("MDT_DECISION");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from letter where referral_id = ? and pdf is not null",
                Integer.class,
                referral.id()))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("G0: the closing letter of a referral that ends without the MDT is a PDF too")
  void outcomeLetterIsAPdf() throws IOException {
    Referral referral =
        pathway.refer(
            Site.SPINE, Presentation.SWELLING_OR_PAIN, 3.0, Depth.DEEP, PriorProcedure.NONE);

    JsonNode letter = onlyLetter(referral);
    assertThat(letter.get("kind").asText()).isEqualTo("OUTCOME");
    Call pdf = get(letter.get("downloadUrl").asText(), "coordinator");
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"courrier-" + referral.businessKey() + ".pdf\"");
    assertThat(text(pdf.body()))
        .contains(
            "réponse à votre demande d'avis",
            "rachis exclu",
            "Motif :",
            "N° de demande : " + referral.businessKey());
  }

  @Test
  @DisplayName(
      "Letters: need-to-know (docs/security.md); managers never; anonymous → 401, unknown letter or referral → 404")
  void access() {
    Referral referral =
        pathway.refer(
            Site.SPINE, Presentation.SWELLING_OR_PAIN, 3.0, Depth.DEEP, PriorProcedure.NONE);
    String download = onlyLetter(referral).get("downloadUrl").asText();

    assertThat(get(download, "coordinator").status()).isEqualTo(200);
    assertThat(get(download, "surgeon").status())
        .as("no task of this referral, never on an MDT agenda (G0)")
        .isEqualTo(403);
    assertThat(get(download, "pathologist").status()).isEqualTo(403);
    assertThat(get(download, "manager").status()).as("managers never read a letter").isEqualTo(403);
    assertThat(get(download, null).status()).isEqualTo(401);
    assertThat(get("/api/referrals/" + referral.id() + "/letters", null).status()).isEqualTo(401);
    assertThat(get(download, "admin").status()).as("camunda-admin: to repair").isEqualTo(200);
    assertThat(get("/api/letters/" + UUID.randomUUID() + ".pdf", "coordinator").status())
        .isEqualTo(404);
    assertThat(get("/api/letters/not-a-letter.pdf", "coordinator").status()).isEqualTo(404);
    assertThat(get("/api/referrals/" + UUID.randomUUID() + "/letters", "coordinator").status())
        .isEqualTo(404);
  }

  private static Map<String, Object> decision(
      String outcome, List<String> participants, String rationale) {
    Map<String, Object> answers = new HashMap<>(PathwayDriver.decision(outcome, participants));
    answers.put("decisionRationale", rationale);
    return answers;
  }

  private String ipp(Referral referral) {
    return jdbc.queryForObject(
        "select p.identifier from patient p join referral r on r.patient_id = p.id where r.id = ?",
        String.class,
        referral.id());
  }

  private JsonNode onlyLetter(Referral referral) {
    List<JsonNode> letters = letterList(referral);
    assertThat(letters).hasSize(1);
    return letters.get(0);
  }

  private List<JsonNode> letterList(Referral referral) {
    Call list = get("/api/referrals/" + referral.id() + "/letters", "coordinator");
    assertThat(list.status()).isEqualTo(200);
    try {
      List<JsonNode> letters = new java.util.ArrayList<>();
      JSON.readTree(list.body()).forEach(letters::add);
      return letters;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The PDF's text, its line breaks and no-break spaces as plain spaces (wrapping puts them where it needs). */
  private static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document).replaceAll("[ \\u00A0\\r\\n]+", " ");
    }
  }

  record Call(int status, byte[] body, HttpResponse<byte[]> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  /** A GET whose body stays bytes (HttpCalls reads bodies as text); HTTP Basic with password "demo" unless anonymous. */
  private Call get(String path, String user) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
    try {
      HttpResponse<byte[]> response =
          http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Call(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
