package fr.sarcoma.referral.orders;

/** The sender of a result is not in the group that reads that modality, nor in the coordination (French message). */
public class ResultSenderNotAllowedException extends RuntimeException {

  private final String requiredGroup;

  ResultSenderNotAllowedException(String requiredGroup, String message) {
    super(message);
    this.requiredGroup = requiredGroup;
  }

  /** The group that reads this modality ({@code radiologists}, {@code pathologists}); null: coordinators only. */
  public String requiredGroup() {
    return requiredGroup;
  }
}
