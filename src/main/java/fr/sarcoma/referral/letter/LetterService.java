package fr.sarcoma.referral.letter;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import fr.sarcoma.referral.mdt.MdtDecision;
import fr.sarcoma.referral.referral.ReferralService;
import fr.sarcoma.referral.referral.ReferralService.ReferralSummary;

/**
 * Letters to the referring physician, in French. Each is written once per reason (an idempotency
 * key), so a retried job never writes a second letter. Printing and sending them is the MDT
 * feature's; here the letter is the persisted record.
 */
@Service
public class LetterService {

  static final Map<String, String> OUTCOME_TEXT = Map.of(
      "OUT_OF_SCOPE", "Cette demande ne relève pas du référentiel « anomalie de l'os ou des tissus mous » (rachis exclu).",
      "TYPICAL_BENIGN_DISCHARGED", "L'imagerie montre une lésion bénigne typique : la prise en charge spécialisée s'arrête ici.",
      "NO_TOUCH_LESION_DISCHARGED", "L'imagerie montre une lésion osseuse bénigne typique (« no touch lesion ») : aucune biopsie ne doit être réalisée.");

  private final JdbcTemplate jdbc;
  private final ReferralService referrals;
  private final Clock clock;

  LetterService(JdbcTemplate jdbc, ReferralService referrals, Clock clock) {
    this.jdbc = jdbc;
    this.referrals = referrals;
    this.clock = clock;
  }

  /** The closing letter of a referral that ends without the MDT (G0, ST2, ST4, ST5, B2). */
  public void sendOutcomeLetter(UUID referralId, String outcome, String reason) {
    ReferralSummary referral = referral(referralId);
    String body = greeting(referral) + OUTCOME_TEXT.getOrDefault(outcome, outcome)
        + (reason == null ? "" : "\nMotif : " + reason) + closing();
    write(referral, "OUTCOME:" + referralId, "OUTCOME", body);
  }

  /** M4: the MDT's decision and its participants, once per decision. */
  public void sendMdtDecisionLetter(UUID referralId, MdtDecision decision) {
    ReferralSummary referral = referral(referralId);
    String body = greeting(referral)
        + "La RCP de recours sarcomes a examiné le dossier.\n"
        + "Décision : " + decision.outcome() + "\n"
        + (decision.isBiopsy() ? "Biopsie : " + decision.biopsyTechnique() + ", zone cible : " + decision.biopsyTargetZone()
            + ", lieu : " + decision.biopsyCentre() + ". La voie d'abord sera validée par le chirurgien qui opérera.\n" : "")
        + "Argumentaire : " + decision.rationale() + "\n"
        + "Participants : " + decision.attendees() + " (spécialités : " + String.join(", ", decision.specialties()) + ")"
        + closing();
    write(referral, "MDT_DECISION:" + decision.id(), "MDT_DECISION", body);
  }

  private ReferralSummary referral(UUID referralId) {
    return referrals.summary(referralId).orElseThrow(() -> new IllegalStateException("No referral " + referralId));
  }

  private void write(ReferralSummary referral, String idempotencyKey, String kind, String body) {
    if (jdbc.queryForObject("select count(*) from letter where idempotency_key = ?", Integer.class, idempotencyKey) > 0) {
      return;
    }
    jdbc.update("""
        insert into letter (id, referral_id, idempotency_key, kind, recipient, body, created_at)
        values (?, ?, ?, ?, ?, ?, ?)
        """, UUID.randomUUID(), referral.id(), idempotencyKey, kind, referral.referringPhysician(), body,
        Timestamp.from(clock.instant()));
  }

  private static String greeting(ReferralSummary referral) {
    return "Cher confrère, chère consœur,\n\nVous nous avez adressé " + referral.patientDisplayName()
        + " (demande " + referral.businessKey() + ", " + referral.anatomicalLocation() + ").\n";
  }

  private static String closing() {
    return "\n\nBien confraternellement,\nLa coordination de la RCP de recours sarcomes";
  }
}
