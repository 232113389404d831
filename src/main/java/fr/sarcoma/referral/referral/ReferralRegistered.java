package fr.sarcoma.referral.referral;

import java.util.UUID;

/**
 * A referral was stored. Published in the intake's transaction, so whatever its listeners do (the pathway
 * starts the process, insight opens the referral's timeline) commits with the record or not at all.
 * {@code processInstanceId} is null when the referral came through the API and waits for its pathway; it is
 * set when the pathway was started from Tasklist and the record is written from inside it.
 */
public record ReferralRegistered(
    UUID referralId, String businessKey, ReferralRequest request, String processInstanceId) {

  public boolean awaitsItsPathway() {
    return processInstanceId == null;
  }
}
