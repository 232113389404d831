package fr.sarcoma.referral.mdt;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** M3/M4: what the sarcoma MDT decided, who was there, and why. */
public record MdtDecision(UUID id, UUID referralId, String outcome, String biopsyTechnique, String biopsyTargetZone,
    String biopsyCentre, String rationale, String attendees, List<String> specialties, String decidedBy,
    Instant decidedAt) {

  public static final String BIOPSY = "BIOPSY";

  public boolean isBiopsy() {
    return BIOPSY.equals(outcome);
  }
}
