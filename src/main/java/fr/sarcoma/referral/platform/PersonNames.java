package fr.sarcoma.referral.platform;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A person's name as the search and the duplicate check compare it: the same words whatever the case,
 * the accents, the punctuation and the order ("DUPONT Marie-Hélène" and "Marie Hélène Dupont" are one
 * name). The patient record keeps one "Nom et prénom" field, typed either way round by coordinators and
 * hospital systems, so names are compared word by word rather than as last name and first name.
 *
 * <p>Folding: Unicode decomposition with the accents dropped (é → e, ç → c), the ligatures of French
 * and its neighbours spelled out (œ → oe, æ → ae, ß → ss), lower case, and every character that is not
 * a letter a–z or a digit a word boundary (hyphens, apostrophes, spaces, dots).
 */
public final class PersonNames {

  /** The longest word kept: longer ones are cut (a name is at most 200 characters). */
  public static final int MAX_WORD = 100;

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9]+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private PersonNames() {}

  /** The folded words of a name, in their order, repeated ones once: "Le Gall-Hénaff" → le, gall, henaff. */
  public static List<String> words(String name) {
    Set<String> words = new LinkedHashSet<>();
    for (String chunk : chunks(name)) {
      words.addAll(parts(chunk));
    }
    return List.copyOf(words);
  }

  /**
   * The words a search finds the name by (each one by its beginning): its words, and each hyphenated or
   * apostrophised part joined up as well, so "Jean-Pierre d'Arc" is found by "jean", "pierre",
   * "jeanpierre", "arc" and "darc".
   */
  public static List<String> searchWords(String name) {
    Set<String> words = new LinkedHashSet<>();
    for (String chunk : chunks(name)) {
      List<String> parts = parts(chunk);
      words.addAll(parts);
      if (parts.size() > 1) {
        words.add(cut(String.join("", parts)));
      }
    }
    return List.copyOf(words);
  }

  /**
   * The name as one comparable value, its words sorted: two names with the same key are the same words
   * in any order ("exemple marie" for "Marie EXEMPLE" and "Exemple, Marie"); empty for a name without
   * letters or digits.
   */
  public static String key(String name) {
    return String.join(" ", new TreeSet<>(words(name)));
  }

  private static List<String> chunks(String name) {
    if (name == null || name.isBlank()) {
      return List.of();
    }
    String folded =
        MARKS
            .matcher(Normalizer.normalize(ligaturesSpelledOut(name), Normalizer.Form.NFKD))
            .replaceAll("")
            .toLowerCase(Locale.ROOT);
    return Arrays.stream(SPACES.split(folded.strip())).filter(chunk -> !chunk.isEmpty()).toList();
  }

  private static List<String> parts(String chunk) {
    List<String> parts = new ArrayList<>();
    for (String part : NOT_WORD.split(chunk)) {
      if (!part.isEmpty()) {
        parts.add(cut(part));
      }
    }
    return parts;
  }

  /** Letters that do not decompose into a base letter and an accent. */
  private static String ligaturesSpelledOut(String name) {
    return name.replace("œ", "oe")
        .replace("Œ", "OE")
        .replace("æ", "ae")
        .replace("Æ", "AE")
        .replace("ß", "ss")
        .replace("ø", "o")
        .replace("Ø", "O")
        .replace("ł", "l")
        .replace("Ł", "L")
        .replace("đ", "d")
        .replace("Đ", "D");
  }

  private static String cut(String word) {
    return word.length() > MAX_WORD ? word.substring(0, MAX_WORD) : word;
  }
}
