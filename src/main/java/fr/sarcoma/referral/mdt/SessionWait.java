package fr.sarcoma.referral.mdt;

import java.util.UUID;

/**
 * Whether a referral's pathway is waiting for its MDT session (M1): its case is being prepared or
 * the process waits for the session to open. The pathway knows its process and implements this;
 * the calendar asks before it moves a case, so that a case under discussion, already decided or not
 * registered at all is never put on another agenda.
 */
public interface SessionWait {

  boolean waitsForSession(UUID referralId);
}
