package fr.sarcoma.referral.letter;

import fr.sarcoma.referral.mdt.MdtDecision;
import fr.sarcoma.referral.mdt.PathologyDiagnosis;
import fr.sarcoma.referral.referral.ReferralService.ReferralSummary;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One letter as its templates see it: which template ({@code templates/letters/<template>.html} for its PDF,
 * {@code templates/letters/text/<template>.txt} for its stored text) and the facts they show. The wording is in the
 * templates and in messages_fr.properties, never here.
 */
record LetterContent(String template, Map<String, Object> variables) {

  /** The prior procedures after which the first procedure's material is requested (U1 excision, U2 biopsy). */
  static final Set<String> MATERIAL_AFTER = Set.of("EXCISION", "BIOPSY");

  /**
   * Who receives the letter: the referring physician, and a copy to the GP when one is known; their postal
   * addresses when the intake recorded them (null otherwise).
   */
  record Recipients(
      String referringPhysician,
      Optional<String> generalPractitioner,
      String referringPhysicianAddress,
      String generalPractitionerAddress) {

    Recipients(String referringPhysician, Optional<String> generalPractitioner) {
      this(referringPhysician, generalPractitioner, null, null);
    }
  }

  /** M4: the MDT decision letter. */
  static LetterContent mdtDecision(
      ReferralSummary referral,
      MdtDecision decision,
      Recipients recipients,
      Instant writtenAt,
      ZoneId zone) {
    Map<String, Object> variables = common(referral, recipients, writtenAt, zone);
    variables.put("decision", decision);
    variables.put(
        "sessionDay", day(decision.decidedAt() == null ? writtenAt : decision.decidedAt(), zone));
    return new LetterContent("mdt-decision", variables);
  }

  /** M6: the diagnosis letter: the expert pathology diagnosis and the proposal of the MDT's proposal round. */
  static LetterContent diagnosis(
      ReferralSummary referral,
      PathologyDiagnosis diagnosis,
      MdtDecision proposal,
      Recipients recipients,
      Instant writtenAt,
      ZoneId zone) {
    Map<String, Object> variables = common(referral, recipients, writtenAt, zone);
    variables.put("diagnosis", diagnosis);
    variables.put("decision", proposal);
    variables.put(
        "sessionDay", day(proposal.decidedAt() == null ? writtenAt : proposal.decidedAt(), zone));
    return new LetterContent("diagnosis", variables);
  }

  /** The closing letter of a referral that ends without the MDT (G0, ST2, ST4, ST5, B2). */
  static LetterContent outcome(
      ReferralSummary referral,
      String outcome,
      String reason,
      Recipients recipients,
      Instant writtenAt,
      ZoneId zone) {
    Map<String, Object> variables = common(referral, recipients, writtenAt, zone);
    variables.put("outcome", outcome);
    variables.put("reason", reason == null || reason.isBlank() ? null : reason);
    return new LetterContent("outcome", variables);
  }

  /** U1, U2 (M6): the request for the material of a procedure done elsewhere; none without such a procedure. */
  static LetterContent materialRequest(
      ReferralSummary referral,
      String priorProcedure,
      Recipients recipients,
      Instant writtenAt,
      ZoneId zone) {
    if (!MATERIAL_AFTER.contains(priorProcedure)) {
      throw new IllegalArgumentException(
          "No material to request after prior procedure " + priorProcedure);
    }
    Map<String, Object> variables = common(referral, recipients, writtenAt, zone);
    variables.put("priorProcedure", priorProcedure);
    return new LetterContent("material-request", variables);
  }

  private static Map<String, Object> common(
      ReferralSummary referral, Recipients recipients, Instant writtenAt, ZoneId zone) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("referral", referral);
    // The sex picks the grammar (patientTitle.*, born.*, thePatient.*); none recorded reads as
    // UNKNOWN.
    variables.put("sex", referral.patientSex() == null ? "UNKNOWN" : referral.patientSex());
    variables.put("recipient", recipients.referringPhysician());
    variables.put(
        "copyTo", recipients.generalPractitioner().filter(gp -> !gp.isBlank()).orElse(null));
    variables.put("recipientAddress", recipients.referringPhysicianAddress());
    variables.put("copyToAddress", recipients.generalPractitionerAddress());
    variables.put("writtenOn", day(writtenAt, zone));
    return variables;
  }

  private static LocalDate day(Instant instant, ZoneId zone) {
    return instant.atZone(zone).toLocalDate();
  }
}
