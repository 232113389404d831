package fr.sarcoma.referral.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An order of the pathway, with the guideline protocol it was placed with and its result once in. */
public record ExamOrder(
    UUID id,
    UUID referralId,
    Modality modality,
    String urgency,
    String protocol,
    OrderStatus status,
    Instant placedAt,
    String receiverReference,
    LocalDate scheduledFor,
    String scheduledPlace,
    String resultConclusion,
    String resultReport,
    LocalDate resultPerformedOn,
    Instant resultReceivedAt) {

  /** A new order, as placed: no reference from the receiver, no appointment (date, place), no result yet. */
  public static ExamOrder placed(
      UUID referralId, Modality modality, String urgency, String protocol, Instant placedAt) {
    return new ExamOrder(
        UUID.randomUUID(),
        referralId,
        modality,
        urgency,
        protocol,
        OrderStatus.PLACED,
        placedAt,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  public boolean isBiopsy() {
    return modality == Modality.BIOPSY;
  }

  /** Handled by hand by the coordination (no order system, or taken over after a rejection), booked or not. */
  public boolean isHandledByHand() {
    return status == OrderStatus.WORKLIST || status == OrderStatus.SCHEDULED;
  }

  public boolean hasResult() {
    return resultReceivedAt != null;
  }
}
