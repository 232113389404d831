package fr.sarcoma.referral.mdt;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One version of an MDT decision, as the API shows it. {@code current}: no correction superseded it;
 * {@code supersededBy}: the version that did.
 */
public record MdtDecisionView(
    UUID id,
    UUID referralId,
    int version,
    boolean current,
    UUID supersedes,
    UUID supersededBy,
    String correctionReason,
    String outcome,
    String biopsyTechnique,
    String biopsyTargetZone,
    String biopsyCentre,
    String rationale,
    String attendees,
    List<String> specialties,
    Instant decidedAt,
    String decidedBy,
    Instant recordedAt,
    String recordedBy) {

  static MdtDecisionView of(MdtDecision decision, UUID supersededBy) {
    return new MdtDecisionView(
        decision.id(),
        decision.referralId(),
        decision.version(),
        supersededBy == null,
        decision.supersedesId(),
        supersededBy,
        decision.correctionReason(),
        decision.outcome(),
        decision.biopsyTechnique(),
        decision.biopsyTargetZone(),
        decision.biopsyCentre(),
        decision.rationale(),
        decision.attendees(),
        decision.specialties(),
        decision.decidedAt(),
        decision.decidedBy(),
        decision.recordedAt(),
        decision.recordedBy());
  }
}
