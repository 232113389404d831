package fr.sarcoma.referral.mdt;

import java.time.Instant;
import java.util.UUID;

/**
 * M6: the expert pathologist's diagnosis after the second reading of a biopsy. {@link #histologicalType()} and
 * {@link #fnclccGrade()} are given for a sarcoma only.
 */
public record PathologyDiagnosis(
    UUID id,
    UUID referralId,
    Category category,
    String histologicalType,
    Integer fnclccGrade,
    String review,
    String reviewedBy,
    Instant reviewedAt) {

  /** The categories of the diagnosis (M6), as stored and as the form codes them. */
  public enum Category {
    BENIGN,
    SARCOMA,
    OTHER_MALIGNANCY,
    NOT_CONCLUSIVE
  }

  public boolean sarcoma() {
    return category == Category.SARCOMA;
  }
}
