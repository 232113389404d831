package fr.sarcoma.referral.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import fr.sarcoma.referral.letter.LetterContent.Recipients;
import fr.sarcoma.referral.mdt.MdtDecision;
import fr.sarcoma.referral.mdt.MdtRecordSheet;
import fr.sarcoma.referral.referral.ReferralService.ReferralSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.preflight.ValidationResult;
import org.apache.pdfbox.preflight.parser.PreflightParser;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;

/** The letters' PDFs without the application: wording (templates and bundle), PDF/A-1b, characters, wrapping, pages. */
class LetterPdfRendererTest {

  private static final Instant WRITTEN = Instant.parse("2026-03-12T15:30:00Z");
  private static final ReferralSummary REFERRAL =
      new ReferralSummary(
          UUID.randomUUID(),
          "SARC-2026-000042",
          "Dr Durand (Nancy)",
          "IPP123456",
          "Marie Exemple",
          LocalDate.of(1964, 5, 12),
          "FEMALE",
          "SOFT_TISSUE",
          "SWELLING_OR_PAIN",
          "cuisse gauche",
          8.5);
  private static final Recipients REFERRER_ONLY =
      new Recipients("Dr Durand (Nancy)", Optional.empty());

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final LetterTemplates templates = LetterTestTemplates.templates();
  private final LetterPdfRenderer renderer = new LetterPdfRenderer(templates, new PdfAWriter());
  private final MessageSource labels = LetterTestTemplates.messages();

  @Test
  @DisplayName(
      "M4, S3: a biopsy decision letter in French on A4, with technique, zone, centre, participants and next steps")
  void biopsyDecisionLetter() throws IOException {
    byte[] pdf =
        mdtDecision(
            REFERRAL,
            decision(
                "BIOPSY",
                "Masse profonde > 5 cm : biopsie indiquée.",
                List.of("SURGEON", "RADIOLOGIST", "PATHOLOGIST", "PAEDIATRIC_ONCOLOGIST")),
            REFERRER_ONLY,
            WRITTEN);
    save(pdf, "decision-biopsy.pdf");

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).as("the letter, then the fiche RCP").isEqualTo(2);
      PDRectangle page = document.getPage(0).getMediaBox();
      assertThat(page.getWidth()).isCloseTo(PDRectangle.A4.getWidth(), within(0.5f));
      assertThat(page.getHeight()).isCloseTo(PDRectangle.A4.getHeight(), within(0.5f));
      assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("fr-FR");
      String text = oneLine(new PDFTextStripper().getText(document));
      assertThat(text)
          .contains(
              "RCP de recours sarcomes — réseau régional",
              "Le 12 mars 2026",
              "Dr Durand (Nancy)",
              "Patiente : Marie Exemple, née le 12/05/1964",
              "N° de demande : SARC-2026-000042",
              "Décision : Biopsie",
              "Technique : biopsie percutanée au trocart, guidée par l'imagerie",
              "Zone cible : Portion charnue antéro-latérale",
              "Centre : Centre de référence sarcomes",
              "chirurgien qui opérera la patiente",
              "Masse profonde > 5 cm : biopsie indiquée.",
              "Dr Chir (chirurgien) ; Dr Radio (radiologue) ; Dr Patho (pathologiste) ; Dr Pédia (oncopédiatre)",
              "La biopsie sera programmée",
              "Pr Marc Rousseau Président(e) de la RCP de recours sarcomes",
              "Page 1/2",
              "Annexe : fiche RCP",
              "Question posée : Biopsie ? Quelle voie d'abord ?",
              "IRM du 02/03/2026 : lésion agressive",
              "Dr Pédia — oncopédiatre",
              "Essai clinique envisagé : non",
              "Page 2/2")
          .doesNotContain("Copie : médecin traitant", "BIOPSY", "PERCUTANEOUS");
    }
  }

  /** The start of each outcome's first next step, as the template words it. */
  private static final Map<String, String> FIRST_NEXT_STEP =
      Map.of(
          "FURTHER_IMAGING", "Des examens d'imagerie complémentaires sont demandés",
          "SURVEILLANCE", "Une surveillance clinique et par imagerie est proposée",
          "DISCHARGE_BENIGN", "La lésion est considérée comme bénigne",
          "OTHER", "La conduite à tenir retenue par la RCP est détaillée");

  @Test
  @DisplayName("M4: every outcome and specialty has its French label and next steps")
  void everyOutcomeInFrench() throws IOException {
    for (String outcome : List.of("FURTHER_IMAGING", "SURVEILLANCE", "DISCHARGE_BENIGN", "OTHER")) {
      byte[] pdf =
          mdtDecision(
              REFERRAL,
              decision(
                  outcome,
                  "Discussion collégiale",
                  List.of(
                      "SURGEON",
                      "RADIOLOGIST",
                      "PATHOLOGIST",
                      "MEDICAL_ONCOLOGIST",
                      "RADIOTHERAPIST",
                      "OTHER")),
              REFERRER_ONLY,
              WRITTEN);
      String text = text(pdf);
      assertThat(text)
          .as(outcome)
          .contains(
              "Décision : " + label("mdtOutcome." + outcome),
              "(chirurgien) ; Dr Radio (radiologue) ; Dr Patho (pathologiste) ; Dr Onco (oncologue médical) ;"
                  + " Dr Radiothé (radiothérapeute) ; Dr Autre (autre)",
              FIRST_NEXT_STEP.get(outcome))
          .doesNotContain("Technique :", outcome, "??");
    }
  }

  @Test
  @DisplayName("The GP gets a copy line only when one is known")
  void copyToTheGeneralPractitioner() throws IOException {
    String text =
        text(
            mdtDecision(
                REFERRAL,
                decision("SURVEILLANCE", "Surveillance IRM à 3 mois", List.of()),
                new Recipients("Dr Durand (Nancy)", Optional.of("Dr Martin (Épinal)")),
                WRITTEN));
    assertThat(text).contains("Copie : médecin traitant", "Dr Martin (Épinal)");
  }

  @Test
  @DisplayName(
      "The network's letterhead (sarcoma.network.*: name, address, telephone) and the recipients' addresses"
          + " recorded at intake are printed")
  void letterheadAndAddresses() throws IOException {
    LetterTemplates network =
        LetterTestTemplates.templates(
            new Letterhead(
                "Réseau sarcomes Grand Est",
                "CHRU de Nancy, rue du Morvan, 54500 Vandœuvre-lès-Nancy",
                "03 83 15 30 30"));
    byte[] pdf =
        new LetterPdfRenderer(network, new PdfAWriter())
            .pdf(
                LetterContent.mdtDecision(
                    REFERRAL,
                    decision("SURVEILLANCE", "Surveillance IRM à 3 mois", List.of()),
                    new Recipients(
                        "Dr Durand (Nancy)",
                        Optional.of("Dr Martin (Épinal)"),
                        "CHU de Nancy, 54000 Nancy",
                        "2 rue de la Gare, 88000 Épinal"),
                    WRITTEN,
                    PARIS));
    assertThat(text(pdf))
        .contains(
            "Réseau sarcomes Grand Est",
            "CHRU de Nancy, rue du Morvan, 54500 Vandœuvre-lès-Nancy",
            "Tél. : 03 83 15 30 30",
            "CHU de Nancy, 54000 Nancy",
            "2 rue de la Gare, 88000 Épinal")
        .doesNotContain("réseau régional");
  }

  @Test
  @DisplayName(
      "Any Unicode text shows as written (embedded DejaVu Sans); a long letter flows onto a second page "
          + "with the running header; no line runs past the right margin")
  void charactersPagesAndMargins() throws IOException {
    String rationale =
        ("Lésion de 8\u202Fcm ≥ 5 cm, contact vasculaire → avis chirurgical ; cœur du problème : "
                    + "l’œdème péri-lésionnel « marqué ». Ålesund, Łódź, β-HCG normal 😀. ")
                .repeat(25)
            + "Identifiant-tres-long-sans-espace-"
            + "x".repeat(200);
    byte[] pdf =
        mdtDecision(
            REFERRAL, decision("OTHER", rationale, List.of("SURGEON")), REFERRER_ONLY, WRITTEN);
    save(pdf, "decision-long.pdf");

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages())
          .as("the letter on two pages, the fiche RCP (the rationale again) on two more")
          .isEqualTo(4);
      String text = oneLine(new PDFTextStripper().getText(document));
      assertThat(text)
          .contains(
              "8 cm ≥ 5 cm, contact vasculaire → avis chirurgical",
              "cœur du problème",
              "l’œdème péri-lésionnel « marqué »",
              "Ålesund, Łódź, β-HCG normal",
              "Page 1/4",
              "Page 2/4",
              "Page 4/4",
              "Marie Exemple — demande SARC-2026-000042 (suite)",
              "Pr Marc Rousseau");
      assertThat(text.indexOf("(suite)"))
          .as("no running header on the first page")
          .isGreaterThan(text.indexOf("Page 1/4"));

      float rightMargin = PDRectangle.A4.getWidth() - 20 * 72 / 25.4f;
      List<Float> lineEnds = new ArrayList<>();
      PDFTextStripper rightEdges =
          new PDFTextStripper() {
            @Override
            protected void writeString(String line, List<TextPosition> positions) {
              TextPosition last = positions.get(positions.size() - 1);
              lineEnds.add(last.getXDirAdj() + last.getWidthDirAdj());
            }
          };
      rightEdges.getText(document);
      assertThat(lineEnds)
          .hasSizeGreaterThan(50)
          .allSatisfy(end -> assertThat(end).isLessThanOrEqualTo(rightMargin + 0.5f));
    }
  }

  @Test
  @DisplayName(
      "Every letter kind is PDF/A-1b (Apache PDFBox Preflight): fonts embedded, sRGB output intent, XMP metadata")
  void pdfA() throws IOException {
    Path directory = Files.createDirectories(Path.of("target", "letters"));
    List<byte[]> letters =
        List.of(
            mdtDecision(
                REFERRAL,
                decision(
                    "BIOPSY", "Masse profonde ≥ 5 cm → biopsie indiquée 😀", List.of("SURGEON")),
                new Recipients("Dr Durand", Optional.of("Dr Martin (Épinal)")),
                WRITTEN),
            renderer.pdf(
                LetterContent.outcome(
                    REFERRAL, "OUT_OF_SCOPE", "Rachis", REFERRER_ONLY, WRITTEN, PARIS)),
            renderer.pdf(
                LetterContent.materialRequest(
                    REFERRAL, "EXCISION", REFERRER_ONLY, WRITTEN, PARIS)));
    for (int i = 0; i < letters.size(); i++) {
      Path file = directory.resolve("pdfa-" + i + ".pdf");
      Files.write(file, letters.get(i));
      ValidationResult result = PreflightParser.validate(file.toFile());
      assertThat(result.getErrorsList())
          .as(file.toString())
          .extracting(error -> error.getErrorCode() + " " + error.getDetails())
          .isEmpty();
      assertThat(result.isValid()).isTrue();
    }
  }

  @Test
  @DisplayName("An outcome letter (without the MDT) is a PDF too, with its reason")
  void outcomeLetter() throws IOException {
    byte[] pdf =
        renderer.pdf(
            LetterContent.outcome(
                REFERRAL,
                "OUT_OF_SCOPE",
                "Lésion du rachis : hors du champ de ce référentiel (G0). Adresser à la filière rachis.",
                REFERRER_ONLY,
                WRITTEN,
                PARIS));
    save(pdf, "outcome-out-of-scope.pdf");
    String text = text(pdf);
    assertThat(text)
        .contains(
            "RCP de recours sarcomes — réseau régional",
            "réponse à votre demande d'avis",
            "« anomalie de l'os ou des tissus mous »",
            "Motif : Lésion du rachis : hors du champ",
            "La coordination de la RCP de recours sarcomes");
    assertThat(LetterService.fileName("OUTCOME", "SARC-2026-000042"))
        .isEqualTo("courrier-SARC-2026-000042.pdf");
    assertThat(LetterService.fileName("MDT_DECISION", "SARC-2026-000042"))
        .isEqualTo("courrier-RCP-SARC-2026-000042.pdf");
  }

  @Test
  @DisplayName(
      "U1, M6: after an excision elsewhere, the request for the operative and pathology reports, slides and "
          + "blocks, with the steps the pathway takes (urgent operative-bed MRI and chest CT, then the MDT)")
  void materialRequestAfterAnExcision() throws IOException {
    byte[] pdf =
        renderer.pdf(
            LetterContent.materialRequest(REFERRAL, "EXCISION", REFERRER_ONLY, WRITTEN, PARIS));
    save(pdf, "material-request-excision.pdf");
    String text = text(pdf);
    assertThat(text)
        .contains(
            "demande des comptes rendus, lames et blocs de l'exérèse",
            "Documents demandés",
            "le compte rendu opératoire de l'exérèse",
            "le compte rendu anatomopathologique",
            "les lames et les blocs d'inclusion",
            "IRM du lit opératoire avec injection de gadolinium",
            "scanner thoracique",
            "la coordination prendra contact avec la patiente",
            "RCP de recours sarcomes",
            "La coordination de la RCP de recours sarcomes");
  }

  @Test
  @DisplayName(
      "U2, S3, M6: after a biopsy elsewhere, the slides and blocks are requested and no new biopsy is announced "
          + "before the MDT")
  void materialRequestAfterABiopsy() throws IOException {
    ReferralSummary man =
        new ReferralSummary(
            REFERRAL.id(),
            REFERRAL.businessKey(),
            REFERRAL.referringPhysician(),
            REFERRAL.patientIdentifier(),
            "Jean Exemple",
            REFERRAL.patientBirthDate(),
            "MALE",
            REFERRAL.site(),
            REFERRAL.presentation(),
            REFERRAL.anatomicalLocation(),
            REFERRAL.largestDimensionCm());
    String text =
        text(
            renderer.pdf(
                LetterContent.materialRequest(man, "BIOPSY", REFERRER_ONLY, WRITTEN, PARIS)));
    assertThat(text)
        .contains(
            "demande des comptes rendus, lames et blocs de la biopsie",
            "le compte rendu de la biopsie",
            "les lames et les blocs d'inclusion",
            "avec le patient",
            "Aucune nouvelle biopsie ne sera réalisée avant la décision de la RCP",
            "Patient : Jean Exemple, né le")
        .doesNotContain("lit opératoire", "la patiente");
  }

  @Test
  @DisplayName(
      "G0, M4, U1: each letter's stored text comes from its text template, in French with the bundle's labels")
  void storedText() {
    assertThat(
            templates.text(
                LetterContent.mdtDecision(
                    REFERRAL,
                    decision("BIOPSY", "Masse profonde", List.of("SURGEON", "PATHOLOGIST")),
                    REFERRER_ONLY,
                    WRITTEN,
                    PARIS)))
        .startsWith(
            "Cher confrère, chère consœur,\n\nVous nous avez adressé Marie Exemple (demande SARC-2026-000042, "
                + "cuisse gauche).\n")
        .contains(
            "Décision : Biopsie\n",
            "Biopsie : biopsie percutanée au trocart, guidée par l'imagerie, zone cible : "
                + "Portion charnue antéro-latérale",
            "Argumentaire : Masse profonde\n",
            "Participants : Dr Chir (chirurgien) ; Dr Patho (pathologiste)\n",
            "Fiche RCP : question : Biopsie ? Quelle voie d'abord ? ; référentiel : Référentiel ONCOLOR 2019"
                + " (conforme) ; essai clinique envisagé : non ; information du patient : Le médecin adresseur ;"
                + " validée par Pr Marc Rousseau.\n")
        .endsWith("Bien confraternellement,\nLa coordination de la RCP de recours sarcomes");
    assertThat(
            templates.text(
                LetterContent.outcome(
                    REFERRAL, "OUT_OF_SCOPE", "Lésion du rachis", REFERRER_ONLY, WRITTEN, PARIS)))
        .contains("(rachis exclu).\nMotif : Lésion du rachis\n\nBien confraternellement");
    assertThat(
            templates.text(
                LetterContent.outcome(
                    REFERRAL, "NO_TOUCH_LESION_DISCHARGED", null, REFERRER_ONLY, WRITTEN, PARIS)))
        .contains("aucune biopsie ne doit être réalisée")
        .doesNotContain("Motif");
    assertThat(
            templates.text(
                LetterContent.materialRequest(REFERRAL, "EXCISION", REFERRER_ONLY, WRITTEN, PARIS)))
        .contains("- le compte rendu opératoire de l'exérèse ;", "IRM du lit opératoire");
  }

  @Test
  @DisplayName("M6: no request letter without a procedure done elsewhere")
  void noMaterialRequestWithoutAPriorProcedure() {
    assertThatThrownBy(
            () -> LetterContent.materialRequest(REFERRAL, "NONE", REFERRER_ONLY, WRITTEN, PARIS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NONE");
  }

  private byte[] mdtDecision(
      ReferralSummary referral, MdtDecision decision, Recipients recipients, Instant writtenAt) {
    return renderer.pdf(
        LetterContent.mdtDecision(referral, decision, recipients, writtenAt, PARIS));
  }

  private String label(String code) {
    return labels.getMessage(code, null, Locale.FRENCH);
  }

  /** Who took part, by specialty code, as the fiche RCP names them. */
  private static final Map<String, String> NAMES =
      Map.of(
          "SURGEON", "Dr Chir",
          "RADIOLOGIST", "Dr Radio",
          "PATHOLOGIST", "Dr Patho",
          "MEDICAL_ONCOLOGIST", "Dr Onco",
          "RADIOTHERAPIST", "Dr Radiothé",
          "PAEDIATRIC_ONCOLOGIST", "Dr Pédia",
          "OTHER", "Dr Autre");

  /**
   * A decision with its fiche RCP: one participant per specialty (attendees derived from them as MdtService does),
   * chaired and validated by Pr Marc Rousseau.
   */
  private MdtDecision decision(String outcome, String rationale, List<String> specialties) {
    boolean biopsy = "BIOPSY".equals(outcome);
    Instant decidedAt = Instant.parse("2026-03-12T13:00:00Z");
    List<MdtDecision.Participant> participants =
        specialties.stream()
            .map(code -> new MdtDecision.Participant(code.toLowerCase(), NAMES.get(code), code))
            .toList();
    return new MdtDecision(
        UUID.randomUUID(),
        REFERRAL.id(),
        outcome,
        biopsy ? "PERCUTANEOUS_CORE_NEEDLE" : null,
        biopsy ? "Portion charnue antéro-latérale" : null,
        biopsy ? "Centre de référence sarcomes" : null,
        rationale,
        String.join(
            " ; ",
            participants.stream()
                .map(who -> who.name() + " (" + label("specialty." + who.specialty()) + ")")
                .toList()),
        specialties,
        "mdtchair",
        decidedAt,
        1,
        null,
        null,
        "mdtchair",
        decidedAt,
        participants,
        new MdtRecordSheet(
            "Biopsie ? Quelle voie d'abord ?",
            "Présentation : Tuméfaction et/ou douleur ; parties molles (cuisse gauche) ; 9 cm.\n"
                + "IRM du 02/03/2026 : lésion agressive",
            "Référentiel ONCOLOR 2019",
            true,
            null,
            false,
            null,
            "Le médecin adresseur",
            "Pr Marc Rousseau"));
  }

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return oneLine(new PDFTextStripper().getText(document));
    }
  }

  /** The text with its line breaks and no-break spaces as spaces (wrapping and French spacing put them). */
  private static String oneLine(String text) {
    return text.replaceAll("[ \\u00A0\\u202F\\r\\n]+", " ");
  }

  /** For a look at the layout: target/letters/*.pdf. */
  private static void save(byte[] pdf, String name) throws IOException {
    Path directory = Files.createDirectories(Path.of("target", "letters"));
    Files.write(directory.resolve(name), pdf);
  }
}
