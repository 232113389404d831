package fr.sarcoma.referral.platform.web;

/**
 * Text that PostgreSQL can store and that is Unicode: no NUL character (a {@code text} column refuses it,
 * which would surface as a 500) and no lone UTF-16 surrogate (not a character at all: the driver would write
 * a '?' in its place). Checked where text enters our API: JSON bodies, request parameters, FHIR reports.
 */
public final class StorableText {

  /** Why such a value is refused, in the French of our error messages. */
  public static final String REASON =
      "contient un caractère non autorisé (caractère nul ou demi-caractère Unicode isolé)";

  private StorableText() {}

  public static boolean isStorable(CharSequence text) {
    if (text == null) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
