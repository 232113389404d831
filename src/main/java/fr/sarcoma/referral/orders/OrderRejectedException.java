package fr.sarcoma.referral.orders;

/** The order system refused the order (4xx), with its reason: retrying would not help. */
public class OrderRejectedException extends RuntimeException {

  public OrderRejectedException(String message) {
    super(message);
  }
}
