package fr.sarcoma.referral.orders;

/** The order system did not take the order (down, timeout, 5xx); the job retries, then raises an incident. */
public class ReceiverUnavailableException extends RuntimeException {

  public ReceiverUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
