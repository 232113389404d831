package fr.sarcoma.referral.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An order of the pathway, with the guideline protocol it was placed with and its result once in. */
public record ExamOrder(UUID id, UUID referralId, String modality, String urgency, String protocol, String status,
    Instant placedAt, String receiverReference, LocalDate scheduledFor, String resultConclusion, String resultReport,
    LocalDate resultPerformedOn, Instant resultReceivedAt) {

  /** Written, not yet dispatched. */
  public static final String PLACED = "PLACED";
  /** Accepted by the hospital's order system (FHIR). */
  public static final String SENT = "SENT";
  /** No order system configured, or a coordinator took it over: handled by hand from the worklist. */
  public static final String WORKLIST = "WORKLIST";
  /** The order system refused it (4xx); a coordinator decides. */
  public static final String REJECTED = "REJECTED";
  /** A coordinator recorded the appointment. */
  public static final String SCHEDULED = "SCHEDULED";
  public static final String REPORTED = "REPORTED";

  public static final String BIOPSY = "BIOPSY";

  public boolean hasResult() {
    return resultReceivedAt != null;
  }
}
