package fr.sarcoma.referral.letter;

/** Where a letter stands with one of its recipients (see {@link LetterDispatcher}). */
public enum DeliveryStatus {
  /** To send by secure e-mail, at the next attempt. */
  PENDING,
  /** Accepted by the relay. */
  SENT,
  /** The relay refused it for good (a 5xx answer): a coordinator checks the address. */
  REFUSED,
  /** Every attempt failed (the relay down, or a temporary 4xx answer each time). */
  FAILED,
  /** No relay configured, or no secure e-mail for this recipient: a coordinator prints and posts it. */
  TO_PRINT,
  /**
   * A coordinator completed the letter's task: printed and posted (TO_PRINT), or sent another way after REFUSED or
   * FAILED ({@link LetterTaskCompletion}).
   */
  HANDLED
}
