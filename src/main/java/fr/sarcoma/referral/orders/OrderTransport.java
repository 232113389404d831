package fr.sarcoma.referral.orders;

/**
 * Where orders go: the hospital's order system (FHIR), when one is configured. Without a
 * transport, orders go to the coordinators' worklist.
 */
public interface OrderTransport {

  /**
   * Delivers the order; safe to call again for the same order (the receiver deduplicates on the
   * order's identifier). Returns the receiver's reference for it.
   *
   * @throws ReceiverUnavailableException the receiver is down or failing (5xx): try again later
   * @throws OrderRejectedException the receiver refused this order (4xx): a person must look
   */
  String deliver(ExamOrder order);
}
