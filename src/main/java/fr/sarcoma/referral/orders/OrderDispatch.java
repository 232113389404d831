package fr.sarcoma.referral.orders;

import java.time.Instant;

/**
 * How the sending of an order went (issue 15): every attempt is counted, a failed one too, with the
 * receiver's last error (down, timeout, 5xx, or its refusal) and when the last attempt was made.
 * Zero attempts and no error for an order not sent yet, or handled by hand without an order system.
 */
public record OrderDispatch(int attempts, String lastError, Instant lastAttemptAt) {

  public static final OrderDispatch NONE = new OrderDispatch(0, null, null);
}
