package fr.sarcoma.referral.mdt;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * M3/M4: what the sarcoma MDT decided, who was there, and why; one version of it. The record is
 * never changed: a correction is a new version ({@link #version()} + 1) that {@link #supersedesId()
 * supersedes} the previous one and gives its {@link #correctionReason()}.
 *
 * <p>{@link #decidedAt()} and {@link #decidedBy()} are the MDT's decision (the session round, the
 * chair who recorded it there) and are the same for every version of it; {@link #recordedAt()} and
 * {@link #recordedBy()} are when and by whom this version was recorded (for version 1, the same).
 *
 * <p>{@link #participants()} are the participants chosen by name, with the specialty the identity store gave them
 * (the quorum, M2, is checked on them); {@link #attendees()} (their names) and {@link #specialties()} (their
 * specialties) are derived from them. {@link #sheet()} is the rest of the fiche RCP.
 */
public record MdtDecision(
    UUID id,
    UUID referralId,
    String outcome,
    String biopsyTechnique,
    String biopsyTargetZone,
    String biopsyCentre,
    String rationale,
    String attendees,
    List<String> specialties,
    String decidedBy,
    Instant decidedAt,
    int version,
    UUID supersedesId,
    String correctionReason,
    String recordedBy,
    Instant recordedAt,
    List<Participant> participants,
    MdtRecordSheet sheet) {

  /** A participant chosen by name: the user, their name (with title) and specialty code as recorded, or null. */
  public record Participant(String userId, String name, String specialty) {}

  /** The code of {@link MdtOutcome#BIOPSY}, as stored. */
  public static final String BIOPSY = MdtOutcome.BIOPSY.name();

  /** A first version, as recorded at the session. */
  public MdtDecision(
      UUID id,
      UUID referralId,
      String outcome,
      String biopsyTechnique,
      String biopsyTargetZone,
      String biopsyCentre,
      String rationale,
      String attendees,
      List<String> specialties,
      String decidedBy,
      Instant decidedAt) {
    this(
        id,
        referralId,
        outcome,
        biopsyTechnique,
        biopsyTargetZone,
        biopsyCentre,
        rationale,
        attendees,
        specialties,
        decidedBy,
        decidedAt,
        1,
        null,
        null,
        decidedBy,
        decidedAt,
        List.of(),
        MdtRecordSheet.NONE);
  }

  public boolean isBiopsy() {
    return BIOPSY.equals(outcome);
  }

  public boolean isCorrection() {
    return supersedesId != null;
  }
}
