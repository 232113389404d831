package fr.sarcoma.referral.platform.web;

/**
 * Text PostgreSQL can store: no NUL character (refused by every text column) and no lone UTF-16 surrogate
 * (not encodable in UTF-8). Checked before a write, so that such input is a 400 naming its field.
 */
public final class StorableText {

  public static final String REASON = "contient un caractère non autorisé (caractère nul ou invalide)";

  private StorableText() {
  }

  public static boolean isStorable(String text) {
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
