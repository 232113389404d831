package fr.sarcoma.referral.platform.logging;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of a log message or an exception's message may carry a process variable's value, hidden. Values reach log
 * lines inside error messages: a database driver's dump of a failed statement with its parameters ({@code ('…')}), a
 * database's "value too long" with the start of the value, an engine entity's fields ({@code textValue=…}), a parse
 * or conversion error quoting what it could not read. So:
 *
 * <ul>
 *   <li>a quoted text ({@code '…'}, SQL's {@code ''} inside) longer than {@value #MAX_QUOTED} characters, or any quoted
 *       text right after {@code (} (a statement's parameter), becomes {@code '<N chars hidden>'};
 *   <li>the value fields of the engine's variable entities ({@code textValue}, {@code textValue2}, {@code longValue},
 *       {@code doubleValue}, {@code byteArrayValue}, {@code serializedValue}) become {@code <hidden>};
 *   <li>whatever is left is cut after {@value #MAX_LENGTH} characters.
 * </ul>
 *
 * Short quoted words (ids, names of variables or activities) stay: they are what an operator needs to find the cause.
 */
public final class LogRedaction {

  /** Longer quoted texts are values, not ids (a UUID is 36 characters). */
  static final int MAX_QUOTED = 64;

  /** No log message or exception message is longer than this, once redacted. */
  static final int MAX_LENGTH = 2_000;

  private static final Pattern ENTITY_VALUE =
      Pattern.compile(
          "\\b(textValue2?|longValue|doubleValue|byteArrayValue|serializedValue)=(?!<hidden>).*?(?=, \\w+=|]|\\R|$)");

  private LogRedaction() {}

  /** The text with what may be a value hidden, and cut to {@value #MAX_LENGTH} characters; {@code null} stays. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String hidden = hideQuoted(text);
    if (hidden.indexOf('=') >= 0) {
      Matcher fields = ENTITY_VALUE.matcher(hidden);
      if (fields.find()) {
        hidden = fields.replaceAll("$1=<hidden>");
      }
    }
    if (hidden.length() > MAX_LENGTH) {
      hidden =
          hidden.substring(0, MAX_LENGTH) + "… [" + (hidden.length() - MAX_LENGTH) + " chars cut]";
    }
    return hidden;
  }

  /** Whether any message of the throwable, its causes or suppressed ones, would be redacted. */
  public static boolean changes(Throwable thrown) {
    return changes(thrown, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static boolean changes(Throwable thrown, Set<Throwable> seen) {
    if (thrown == null || !seen.add(thrown)) {
      return false;
    }
    String message = thrown.getMessage();
    if (message != null && !message.equals(redact(message))) {
      return true;
    }
    for (Throwable suppressed : thrown.getSuppressed()) {
      if (changes(suppressed, seen)) {
        return true;
      }
    }
    return changes(thrown.getCause(), seen);
  }

  /**
   * Quoted texts: an opening quote not inside a word (not the apostrophe of "can't"), up to the next single quote
   * (SQL doubles one inside a text), the end of the line or of the text.
   */
  private static String hideQuoted(String text) {
    if (text.indexOf('\'') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH + 64));
    int length = text.length();
    int i = 0;
    while (i < length) {
      char c = text.charAt(i);
      if (c != '\'' || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
        out.append(c);
        i++;
        continue;
      }
      int end = i + 1;
      boolean closed = false;
      while (end < length) {
        char d = text.charAt(end);
        if (d == '\n' || d == '\r') {
          break;
        }
        if (d == '\'') {
          if (end + 1 < length && text.charAt(end + 1) == '\'') {
            end += 2;
            continue;
          }
          closed = true;
          break;
        }
        end++;
      }
      int quoted = end - i - 1;
      boolean parameter = i > 0 && text.charAt(i - 1) == '(';
      if (quoted > MAX_QUOTED || (parameter && closed && quoted > 0)) {
        out.append("'<").append(quoted).append(" chars hidden>");
        if (closed) {
          out.append('\'');
        }
      } else {
        out.append(text, i, closed ? end + 1 : end);
      }
      i = closed ? end + 1 : end;
    }
    return out.toString();
  }
}
