package fr.sarcoma.referral.orders;

/** Where an order stands; the names are the codes stored in {@code exam_order.status} and {@code order_outbox.status}. */
public enum OrderStatus {
  /** Written, not yet dispatched. */
  PLACED,
  /** Accepted by the hospital's order system (FHIR). */
  SENT,
  /** No order system configured, or a coordinator took it over: handled by hand from the worklist. */
  WORKLIST,
  /** The order system refused it (4xx); a coordinator decides. */
  REJECTED,
  /** A coordinator recorded the appointment. */
  SCHEDULED,
  REPORTED
}
