package fr.sarcoma.referral.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import fr.sarcoma.referral.letter.LetterPdfRenderer.Recipients;
import fr.sarcoma.referral.mdt.MdtDecision;
import fr.sarcoma.referral.referral.ReferralService.ReferralSummary;

/** The letters' PDFs without the application: wording, characters, wrapping, pages. */
class LetterPdfRendererTest {

  private static final Instant WRITTEN = Instant.parse("2026-03-12T15:30:00Z");
  private static final ReferralSummary REFERRAL = new ReferralSummary(UUID.randomUUID(), "SARC-2026-000042",
      "Dr Durand (Nancy)", "IPP123456", "Marie Exemple", LocalDate.of(1964, 5, 12), "FEMALE", "SOFT_TISSUE",
      "SWELLING_OR_PAIN", "cuisse gauche", 8.5);
  private static final Recipients REFERRER_ONLY = new Recipients("Dr Durand (Nancy)", Optional.empty());

  private final LetterPdfRenderer renderer = new LetterPdfRenderer(ZoneId.of("Europe/Paris"));

  @Test
  @DisplayName("M4, S3: a biopsy decision letter in French on A4, with technique, zone, centre, participants and next steps")
  void biopsyDecisionLetter() throws IOException {
    byte[] pdf = renderer.mdtDecisionLetter(REFERRAL, decision("BIOPSY", "Masse profonde > 5 cm : biopsie indiquée.",
        List.of("SURGEON", "RADIOLOGIST", "PATHOLOGIST", "PAEDIATRIC_ONCOLOGIST")), REFERRER_ONLY, WRITTEN);
    save(pdf, "decision-biopsy.pdf");

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      PDRectangle page = document.getPage(0).getMediaBox();
      assertThat(page.getWidth()).isEqualTo(PDRectangle.A4.getWidth());
      assertThat(page.getHeight()).isEqualTo(PDRectangle.A4.getHeight());
      assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("fr-FR");
      String text = oneLine(new PDFTextStripper().getText(document));
      assertThat(text).contains("RCP de recours sarcomes — réseau régional", "Le 12 mars 2026", "Dr Durand (Nancy)",
          "Patiente : Marie Exemple, née le 12/05/1964", "N° de demande : SARC-2026-000042",
          "Décision : Biopsie",
          "Technique : biopsie percutanée sous guidage radiologique (carotte)",
          "Zone cible : Portion charnue antéro-latérale", "Centre : Centre de référence sarcomes",
          "chirurgien qui opérera la patiente", "Masse profonde > 5 cm : biopsie indiquée.",
          "Spécialités : chirurgien, radiologue, pathologiste, oncopédiatre",
          "La biopsie sera programmée", "Le président de la RCP", "Page 1/1")
          .doesNotContain("Copie : médecin traitant", "BIOPSY", "PERCUTANEOUS");
    }
  }

  @Test
  @DisplayName("M4: every outcome and specialty has its French label and next steps")
  void everyOutcomeInFrench() throws IOException {
    for (String outcome : List.of("FURTHER_IMAGING", "SURVEILLANCE", "DISCHARGE_BENIGN", "OTHER")) {
      byte[] pdf = renderer.mdtDecisionLetter(REFERRAL, decision(outcome, "Discussion collégiale",
          List.of("SURGEON", "RADIOLOGIST", "PATHOLOGIST", "MEDICAL_ONCOLOGIST", "RADIOTHERAPIST", "OTHER")),
          REFERRER_ONLY, WRITTEN);
      String text = text(pdf);
      assertThat(text).as(outcome).contains("Décision : " + FrenchLabels.outcome(outcome),
          "chirurgien, radiologue, pathologiste, oncologue médical, radiothérapeute, autre",
          FrenchLabels.nextSteps(outcome, "FEMALE").get(0).substring(0, 40))
          .doesNotContain("Technique :", outcome);
    }
    assertThat(FrenchLabels.OUTCOMES).containsOnlyKeys(FrenchLabels.NEXT_STEPS.keySet());
  }

  @Test
  @DisplayName("The GP gets a copy line only when one is known")
  void copyToTheGeneralPractitioner() throws IOException {
    String text = text(renderer.mdtDecisionLetter(REFERRAL, decision("SURVEILLANCE", "Surveillance IRM à 3 mois", List.of()),
        new Recipients("Dr Durand (Nancy)", Optional.of("Dr Martin (Épinal)")), WRITTEN));
    assertThat(text).contains("Copie : médecin traitant", "Dr Martin (Épinal)");
  }

  @Test
  @DisplayName("Characters outside WinAnsi are replaced, never refused; a long letter flows onto a second page")
  void charactersAndPages() throws IOException {
    String rationale = ("Lésion de 8\u202Fcm ≥ 5 cm, contact vasculaire → avis chirurgical ; cœur du problème : "
        + "l’œdème péri-lésionnel « marqué ». Ålesund, Łódź, β-HCG normal 😀. ").repeat(25)
        + "Identifiant-tres-long-sans-espace-" + "x".repeat(200);
    byte[] pdf = renderer.mdtDecisionLetter(REFERRAL, decision("OTHER", rationale, List.of("SURGEON")), REFERRER_ONLY,
        WRITTEN);
    save(pdf, "decision-long.pdf");

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(2);
      String text = oneLine(new PDFTextStripper().getText(document));
      assertThat(text).contains("8 cm >= 5 cm, contact vasculaire -> avis chirurgical", "cœur du problème",
          "l’œdème péri-lésionnel « marqué »", "Ålesund, Lódz, bêta-HCG normal ?", "Page 2/2",
          "Marie Exemple — demande SARC-2026-000042 (suite)", "Le président de la RCP");
    }
  }

  @Test
  @DisplayName("Wrapped lines never run past the text width")
  void wrapping() {
    PDType1Font font = new PDType1Font(FontName.HELVETICA);
    List<String> lines = PdfLetterLayout.wrap("Première ligne\n" + "mot ".repeat(80) + "a".repeat(300), font, 10.5f, 300);
    assertThat(lines.get(0)).isEqualTo("Première ligne");
    assertThat(lines).hasSizeGreaterThan(5)
        .allSatisfy(line -> assertThat(WinAnsiText.width(font, 10.5f, line)).isLessThanOrEqualTo(300f));
    assertThat(String.join("", lines).replace(" ", "")).isEqualTo("Premièreligne" + "mot".repeat(80) + "a".repeat(300));
    assertThat(PdfLetterLayout.wrap("lésion « no touch » : oui", font, 10.5f, 500))
        .as("French spacing: no break after « nor before » and :").containsExactly("lésion «\u00A0no touch\u00A0»\u00A0: oui");
  }

  @Test
  @DisplayName("WinAnsi: French text kept as is, the rest replaced")
  void winAnsi() {
    assertThat(WinAnsiText.showable("Évaluée à l’hôpital : « cœur » — Œdème, ça… 10 €"))
        .isEqualTo("Évaluée à l’hôpital : « cœur » — Œdème, ça… 10 €");
    assertThat(WinAnsiText.showable("a\u202Fb\u00A0c\td\ne\u0007f")).isEqualTo("a\u00A0b\u00A0c d ef");
    assertThat(WinAnsiText.showable("≤ ≥ → ≠ ﬁ ā ș 中")).isEqualTo("<= >= -> != fi a s ?");
    assertThat(WinAnsiText.REPLACEMENTS.values()).as("every replacement is itself showable")
        .allSatisfy(replacement -> assertThat(WinAnsiText.showable(replacement)).isEqualTo(replacement));
  }

  @Test
  @DisplayName("An outcome letter (without the MDT) is a PDF too, with its reason")
  void outcomeLetter() throws IOException {
    byte[] pdf = renderer.outcomeLetter(REFERRAL, LetterService.OUTCOME_TEXT.get("OUT_OF_SCOPE"),
        "Lésion du rachis : hors du champ de ce référentiel (G0). Adresser à la filière rachis.", REFERRER_ONLY, WRITTEN);
    save(pdf, "outcome-out-of-scope.pdf");
    String text = text(pdf);
    assertThat(text).contains("RCP de recours sarcomes — réseau régional", "réponse à votre demande d'avis",
        "« anomalie de l'os ou des tissus mous »", "Motif : Lésion du rachis : hors du champ",
        "La coordination de la RCP de recours sarcomes");
    assertThat(LetterService.fileName("OUTCOME", "SARC-2026-000042")).isEqualTo("courrier-SARC-2026-000042.pdf");
    assertThat(LetterService.fileName("MDT_DECISION", "SARC-2026-000042")).isEqualTo("courrier-RCP-SARC-2026-000042.pdf");
  }

  @Test
  @DisplayName("U1, M6: after an excision elsewhere, the request for the operative and pathology reports, slides and "
      + "blocks, with the steps the pathway takes (urgent operative-bed MRI and chest CT, then the MDT)")
  void materialRequestAfterAnExcision() throws IOException {
    byte[] pdf = renderer.materialRequestLetter(REFERRAL, FrenchLabels.materialRequest("EXCISION", "FEMALE"),
        REFERRER_ONLY, WRITTEN);
    save(pdf, "material-request-excision.pdf");
    String text = text(pdf);
    assertThat(text).contains("demande des comptes rendus, lames et blocs de l'exérèse", "Documents demandés",
        "le compte rendu opératoire de l'exérèse", "le compte rendu anatomopathologique",
        "les lames et les blocs d'inclusion", "IRM du lit opératoire avec injection de gadolinium",
        "scanner thoracique", "la coordination prendra contact avec la patiente", "RCP de recours sarcomes",
        "La coordination de la RCP de recours sarcomes");
  }

  @Test
  @DisplayName("U2, S3, M6: after a biopsy elsewhere, the slides and blocks are requested and no new biopsy is announced "
      + "before the MDT")
  void materialRequestAfterABiopsy() throws IOException {
    String text = text(renderer.materialRequestLetter(REFERRAL, FrenchLabels.materialRequest("BIOPSY", "MALE"),
        REFERRER_ONLY, WRITTEN));
    assertThat(text).contains("demande des comptes rendus, lames et blocs de la biopsie",
        "le compte rendu de la biopsie", "les lames et les blocs d'inclusion", "avec le patient",
        "Aucune nouvelle biopsie ne sera réalisée avant la décision de la RCP")
        .doesNotContain("lit opératoire", "{le patient}");
  }

  @Test
  @DisplayName("M6: no request letter without a procedure done elsewhere")
  void noMaterialRequestWithoutAPriorProcedure() {
    assertThatThrownBy(() -> FrenchLabels.materialRequest("NONE", "FEMALE"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NONE");
  }

  private static MdtDecision decision(String outcome, String rationale, List<String> specialties) {
    boolean biopsy = "BIOPSY".equals(outcome);
    return new MdtDecision(UUID.randomUUID(), REFERRAL.id(), outcome, biopsy ? "PERCUTANEOUS_CORE_NEEDLE" : null,
        biopsy ? "Portion charnue antéro-latérale" : null, biopsy ? "Centre de référence sarcomes" : null, rationale,
        "Dr Chir, Dr Radio, Dr Patho, Dr Onco", specialties, "mdtchair", Instant.parse("2026-03-12T13:00:00Z"));
  }

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return oneLine(new PDFTextStripper().getText(document));
    }
  }

  /** The text with its line breaks and no-break spaces as spaces (wrapping and French spacing put them). */
  private static String oneLine(String text) {
    return text.replaceAll("[ \\u00A0\\r\\n]+", " ");
  }

  /** For a look at the layout: target/letters/*.pdf. */
  private static void save(byte[] pdf, String name) throws IOException {
    Path directory = Files.createDirectories(Path.of("target", "letters"));
    Files.write(directory.resolve(name), pdf);
  }
}
