package fr.sarcoma.referral.platform.logging;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A copy of a throwable for the log: its message redacted ({@link LogRedaction}), its stack trace, causes and
 * suppressed ones alike, and printed under its original's class name.
 */
final class RedactedThrowable extends Throwable {

  private static final long serialVersionUID = 1L;

  private final String originalClassName;

  private RedactedThrowable(String originalClassName, String message) {
    super(message);
    this.originalClassName = originalClassName;
  }

  static RedactedThrowable of(Throwable original) {
    return copy(original, new IdentityHashMap<>());
  }

  private static RedactedThrowable copy(
      Throwable original, Map<Throwable, RedactedThrowable> copies) {
    RedactedThrowable done = copies.get(original);
    if (done != null) {
      return done;
    }
    RedactedThrowable copy =
        new RedactedThrowable(
            original.getClass().getName(), LogRedaction.redact(original.getMessage()));
    copies.put(original, copy);
    copy.setStackTrace(original.getStackTrace());
    Throwable cause = original.getCause();
    if (cause != null && cause != original) {
      RedactedThrowable causeCopy = copy(cause, copies);
      if (causeCopy != copy) {
        copy.initCause(causeCopy);
      }
    }
    for (Throwable suppressed : original.getSuppressed()) {
      RedactedThrowable suppressedCopy = copy(suppressed, copies);
      if (suppressedCopy != copy) {
        copy.addSuppressed(suppressedCopy);
      }
    }
    return copy;
  }

  String originalClassName() {
    return originalClassName;
  }

  /** The stack trace is the original's: none of its own to fill. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  @Override
  public String toString() {
    String message = getLocalizedMessage();
    return message == null ? originalClassName : originalClassName + ": " + message;
  }
}
