package fr.sarcoma.referral.imaging;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An order of the pathway, with the guideline protocol it was placed with and its result once in. */
public record ExamOrder(UUID id, UUID referralId, String modality, String urgency, String protocol, String status,
    Instant placedAt, String resultConclusion, String resultReport, LocalDate resultPerformedOn, Instant resultReceivedAt) {

  public static final String PLACED = "PLACED";
  public static final String REPORTED = "REPORTED";

  public boolean hasResult() {
    return resultReceivedAt != null;
  }
}
