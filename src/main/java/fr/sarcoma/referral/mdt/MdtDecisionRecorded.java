package fr.sarcoma.referral.mdt;

import java.util.UUID;

/**
 * A version of an MDT decision was recorded: the first (version 1, from the chair's task) or a
 * correction (M4). Published in the transaction that wrote it; the audit records who did it.
 */
public record MdtDecisionRecorded(
    UUID decisionId, UUID referralId, int version, String recordedBy) {

  public boolean isCorrection() {
    return version > 1;
  }
}
