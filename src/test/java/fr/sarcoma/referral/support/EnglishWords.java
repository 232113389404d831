package fr.sarcoma.referral.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * English on a French screen: the words of {@code english-ui-words.txt} (Camunda's English Tasklist,
 * form-js's English messages, less the words French spells the same way; see its header) found in
 * a text, as whole words, whatever their case. Words are runs of letters and digits, accents
 * included, so a French word is never split into an English one ("détail" holds no "tail", "1re"
 * no "re").
 *
 * <p>French clinicians use a few English terms as their own: the ONCOLOR 2019 guideline writes
 * "no touch lesion" for the typical benign bone lesions that must not be biopsied (B2). Those
 * terms, listed in {@link #FRENCH_CLINICAL_TERMS}, are not English here. Nor are e-mail and web
 * addresses, which are names ({@code nadia.chevalier@demo.invalid}).
 */
public final class EnglishWords {

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Pattern ADDRESSES = Pattern.compile("\\S+@\\S+|\\bhttps?://\\S+");
  private static final Pattern FRENCH_CLINICAL_TERMS =
      Pattern.compile("\\bno touch\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Set<String> ENGLISH = load();

  private EnglishWords() {}

  /** The English words of the text, once each, in order of appearance. */
  public static List<String> in(String text) {
    String words = ADDRESSES.matcher(text).replaceAll(" ");
    return WORD.matcher(FRENCH_CLINICAL_TERMS.matcher(words).replaceAll(" "))
        .results()
        .map(word -> word.group().toLowerCase(Locale.ROOT))
        .filter(ENGLISH::contains)
        .distinct()
        .toList();
  }

  public static int count() {
    return ENGLISH.size();
  }

  private static Set<String> load() {
    try (InputStream words = EnglishWords.class.getResourceAsStream("/english-ui-words.txt")) {
      if (words == null) {
        throw new IllegalStateException("english-ui-words.txt is missing from the test classpath");
      }
      return new String(words.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
