package fr.sarcoma.referral.mdt;

import java.time.Instant;
import java.util.UUID;

/** A session of the sarcoma MDT (M1): when, until when cases can be registered, how many it can discuss. */
public record MdtSession(
    UUID id,
    Instant startsAt,
    Instant endsAt,
    Instant registrationCutoffAt,
    int capacity,
    String kind,
    String note,
    Instant cancelledAt,
    String cancellationReason,
    int registeredCases) {

  public static final String RECURRING = "RECURRING";
  public static final String ONE_OFF = "ONE_OFF";

  public boolean isCancelled() {
    return cancelledAt != null;
  }
}
