package fr.sarcoma.referral.mdt;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One version of an MDT decision, as the API shows it. {@code current}: no correction superseded it;
 * {@code supersededBy}: the version that did. {@code participants}: chosen by name, with the specialty the quorum
 * (M2) was checked on; {@code attendees} and {@code specialties} are derived from them. {@code sheet}: the rest of
 * the fiche RCP (all null for a decision recorded before it).
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
    List<MdtDecision.Participant> participants,
    MdtRecordSheet sheet,
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
        decision.participants(),
        decision.sheet(),
        decision.decidedAt(),
        decision.decidedBy(),
        decision.recordedAt(),
        decision.recordedBy());
  }
}
