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
    String resultConclusion,
    String resultReport,
    LocalDate resultPerformedOn,
    Instant resultReceivedAt) {

  /** A new order, as placed: no reference from the receiver, no appointment, no result yet. */
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
        null);
  }

  public boolean isBiopsy() {
    return modality == Modality.BIOPSY;
  }

  public boolean hasResult() {
    return resultReceivedAt != null;
  }
}
