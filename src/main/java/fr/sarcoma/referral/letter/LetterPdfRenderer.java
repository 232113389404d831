package fr.sarcoma.referral.letter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import fr.sarcoma.referral.mdt.MdtDecision;
import fr.sarcoma.referral.referral.ReferralService.ReferralSummary;

/**
 * The letters as the referring physician reads them: French, A4, on the network's letterhead. M4,
 * the MDT decision letter: the decision in words (for a biopsy its technique, target zone, centre
 * and the S3 rule that the operating surgeon agrees the approach first), the rationale, who took
 * part and in which specialty, what happens next, and the chair's signature line. The closing
 * letters of referrals that end without the MDT get the same letterhead around their text.
 */
@Component
class LetterPdfRenderer {

  static final String NETWORK = "RCP de recours sarcomes — réseau régional";
  static final String NETWORK_SUBTITLE = "Réunion de concertation pluridisciplinaire de recours "
      + "— sarcomes de l'os et des tissus mous";
  static final String MDT_CHAIR = "Le président de la RCP";
  static final String COORDINATION = "La coordination de la RCP de recours sarcomes";

  private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
  private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRENCH);

  /** Who receives the letter: the referring physician, and a copy to the GP when one is known. */
  record Recipients(String referringPhysician, Optional<String> generalPractitioner) {
  }

  private final ZoneId zone;

  LetterPdfRenderer(@Value("${sarcoma.mdt.schedule.zone:Europe/Paris}") ZoneId zone) {
    this.zone = zone;
  }

  /** M4: the MDT decision letter. */
  byte[] mdtDecisionLetter(ReferralSummary referral, MdtDecision decision, Recipients recipients, Instant writtenAt) {
    String sex = referral.patientSex();
    LocalDate sessionDay = (decision.decidedAt() == null ? writtenAt : decision.decidedAt()).atZone(zone).toLocalDate();
    try (PdfLetterLayout page = new PdfLetterLayout(continuation(referral))) {
      opening(page, referral, recipients, writtenAt,
          "décision de la RCP de recours sarcomes du " + LONG_DATE.format(sessionDay));
      page.paragraph("Vous nous avez adressé " + referral.patientDisplayName() + about(referral)
          + ". Son dossier a été discuté lors de la réunion de concertation pluridisciplinaire (RCP) de recours "
          + "sarcomes du " + LONG_DATE.format(sessionDay) + ", qui a pris la décision suivante.");

      page.heading("Décision de la RCP");
      page.keyField("Décision :", FrenchLabels.outcome(decision.outcome()));
      if (decision.isBiopsy()) {
        page.field("Technique :", FrenchLabels.biopsyTechnique(decision.biopsyTechnique()));
        page.field("Zone cible :", decision.biopsyTargetZone());
        page.field("Centre :", decision.biopsyCentre());
        page.space(4);
        page.note(FrenchLabels.biopsyApproachSentence(sex));
      }

      page.heading("Argumentaire");
      page.paragraph(decision.rationale());

      page.heading("Participants");
      page.field("Présents :", decision.attendees());
      page.field("Spécialités :", specialties(decision.specialties()));

      page.heading("Suite de la prise en charge");
      page.bullets(FrenchLabels.nextSteps(decision.outcome(), sex));

      page.space(6);
      page.signature("Bien confraternellement,", MDT_CHAIR);
      return page.finish(footer(referral), "Décision de la RCP de recours sarcomes — " + referral.businessKey(),
          NETWORK, PdfLetterLayout.calendar(writtenAt));
    }
  }

  /** The closing letter of a referral that ends without the MDT (G0, ST2, ST4, ST5, B2). */
  byte[] outcomeLetter(ReferralSummary referral, String outcomeText, String reason, Recipients recipients,
      Instant writtenAt) {
    try (PdfLetterLayout page = new PdfLetterLayout(continuation(referral))) {
      opening(page, referral, recipients, writtenAt, "réponse à votre demande d'avis");
      page.paragraph("Vous nous avez adressé " + referral.patientDisplayName() + about(referral) + ".");
      page.paragraph(outcomeText);
      if (reason != null && !reason.isBlank()) {
        page.field("Motif :", reason);
        page.space(5);
      }
      page.paragraph("La coordination de la RCP reste à votre disposition pour toute question ; en cas "
          + "d'évolution clinique, vous pouvez nous adresser de nouveau " + FrenchLabels.thePatient(referral.patientSex())
          + ".");
      page.space(6);
      page.signature("Bien confraternellement,", COORDINATION);
      return page.finish(footer(referral), "Réponse à votre demande d'avis — " + referral.businessKey(), NETWORK,
          PdfLetterLayout.calendar(writtenAt));
    }
  }

  /** U1, U2 (M6): the first procedure's reports, slides and blocks requested from the referring physician. */
  byte[] materialRequestLetter(ReferralSummary referral, FrenchLabels.MaterialRequest request, Recipients recipients,
      Instant writtenAt) {
    try (PdfLetterLayout page = new PdfLetterLayout(continuation(referral))) {
      opening(page, referral, recipients, writtenAt, request.subject());
      page.paragraph("Vous nous avez adressé " + referral.patientDisplayName() + about(referral) + ".");
      page.paragraph(request.situation());

      page.heading("Documents demandés");
      page.paragraph("Afin que le premier geste soit relu et que le dossier soit discuté de façon complète, merci "
          + "de nous adresser :");
      page.bullets(request.requested());

      page.heading("Suite de la prise en charge");
      page.bullets(request.nextSteps());

      page.space(6);
      page.signature("Bien confraternellement,", COORDINATION);
      return page.finish(footer(referral), "Demande de documents — " + referral.businessKey(), NETWORK,
          PdfLetterLayout.calendar(writtenAt));
    }
  }

  /** Letterhead, recipient (and copy), date, subject, the patient, the greeting. */
  private void opening(PdfLetterLayout page, ReferralSummary referral, Recipients recipients, Instant writtenAt,
      String subject) {
    page.letterhead(NETWORK, NETWORK_SUBTITLE);
    List<String> address = new ArrayList<>();
    address.add(recipients.referringPhysician());
    address.add("Médecin adresseur");
    page.rightBlock(address);
    // No GP is recorded on referrals yet: the copy line appears once one is.
    recipients.generalPractitioner().filter(gp -> !gp.isBlank())
        .ifPresent(gp -> {
          page.space(4);
          page.rightBlock(List.of("Copie : médecin traitant", gp));
        });
    page.space(12);
    page.flushRight("Le " + LONG_DATE.format(writtenAt.atZone(zone).toLocalDate()));
    page.space(10);
    page.subject("Objet :", subject);
    page.space(6);
    String sex = referral.patientSex();
    page.field("FEMALE".equals(sex) ? "Patiente :" : "Patient :", referral.patientDisplayName() + ", "
        + FrenchLabels.born(sex) + " le "
        + (referral.patientBirthDate() == null ? "—" : SHORT_DATE.format(referral.patientBirthDate())));
    page.field("N° de demande :", referral.businessKey());
    page.field("Localisation :", referral.anatomicalLocation());
    page.space(10);
    page.paragraph("Cher confrère, chère consœur,");
  }

  private static String about(ReferralSummary referral) {
    return referral.anatomicalLocation() == null || referral.anatomicalLocation().isBlank() ? ""
        : " pour une lésion (" + referral.anatomicalLocation() + ")";
  }

  private static String specialties(List<String> codes) {
    return codes == null || codes.isEmpty() ? "—"
        : codes.stream().map(FrenchLabels::specialty).collect(Collectors.joining(", "));
  }

  private static String continuation(ReferralSummary referral) {
    return referral.patientDisplayName() + " — demande " + referral.businessKey() + " (suite)";
  }

  private static String footer(ReferralSummary referral) {
    return referral.patientDisplayName() + " — demande " + referral.businessKey() + " — document médical confidentiel";
  }
}
