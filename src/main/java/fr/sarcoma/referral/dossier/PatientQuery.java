package fr.sarcoma.referral.dossier;

import fr.sarcoma.referral.platform.web.InvalidFieldException;
import fr.sarcoma.referral.platform.web.PlausibleDate;
import fr.sarcoma.referral.referral.PatientRegistry;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a clinician types in the patient search, one box as at the hospital's front desk: a name (or part
 * of it), an IPP, a birth date (jj/mm/aaaa as a French user types it, or aaaa-mm-jj) or a referral number,
 * alone or together ("dupont 12/05/1964"). Read word by word: a date is the birth date, a referral number
 * (SARC-2026-000123) the referral, the rest the IPP or the name. A query that cannot be read is a 400
 * naming {@code q}, in French.
 */
final class PatientQuery {

  static final String FIELD = "q";
  static final int MAX_LENGTH = 200;

  /** At least this many letters or digits in the name or IPP part: "d" would list half the network. */
  static final int MIN_TEXT = 2;

  static final String EXPECTED =
      "saisissez un nom, un IPP, une date de naissance (jj/mm/aaaa) ou un numéro de dossier";

  private static final Pattern REFERRAL_NUMBER =
      Pattern.compile("SARC-\\d{4}-\\d{6}", Pattern.CASE_INSENSITIVE);

  /** Digits around / . or -, as a date is typed; an IPP such as "IPP-12" is not one. */
  private static final Pattern DATE_LIKE = Pattern.compile("\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4}");

  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final DateTimeFormatter FRENCH_DATE =
      DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern LETTER_OR_DIGIT = Pattern.compile("[\\p{L}\\p{N}]");

  private PatientQuery() {}

  static PatientRegistry.Criteria parse(String query) {
    if (query == null || query.isBlank()) {
      throw new InvalidFieldException(FIELD, "recherche vide : " + EXPECTED);
    }
    if (query.length() > MAX_LENGTH) {
      throw new InvalidFieldException(FIELD, "au plus " + MAX_LENGTH + " caractères");
    }
    LocalDate birthDate = null;
    String businessKey = null;
    List<String> text = new ArrayList<>();
    for (String word : query.strip().split("\\s+")) {
      if (REFERRAL_NUMBER.matcher(word).matches()) {
        if (businessKey != null) {
          throw new InvalidFieldException(FIELD, "un seul numéro de dossier à la fois");
        }
        businessKey = word.toUpperCase(Locale.ROOT);
      } else if (DATE_LIKE.matcher(word).matches()) {
        if (birthDate != null) {
          throw new InvalidFieldException(FIELD, "une seule date de naissance à la fois");
        }
        birthDate = date(FIELD, word);
      } else {
        text.add(word);
      }
    }
    String joined = text.isEmpty() ? null : String.join(" ", text);
    if (joined != null && LETTER_OR_DIGIT.matcher(joined).results().count() < MIN_TEXT) {
      throw new InvalidFieldException(
          FIELD,
          "recherche trop courte : au moins "
              + MIN_TEXT
              + " lettres ou chiffres du nom ou de l'IPP ("
              + EXPECTED
              + ")");
    }
    return new PatientRegistry.Criteria(joined, birthDate, businessKey);
  }

  /**
   * A birth date as typed: jj/mm/aaaa (day first, never month first; 3/11/1958 too, and with dots or
   * hyphens) or aaaa-mm-jj; a 400 naming {@code field} when it is neither, does not exist or lies outside
   * 1900–2199.
   */
  static LocalDate date(String field, String typed) {
    String value = typed.strip();
    LocalDate date;
    try {
      date =
          ISO_DATE.matcher(value).matches()
              ? LocalDate.parse(value)
              : LocalDate.parse(value.replace('.', '/').replace('-', '/'), FRENCH_DATE);
    } catch (DateTimeParseException unreadable) {
      throw new InvalidFieldException(
          field,
          "date de naissance illisible ou impossible : « "
              + value
              + " » (attendu jj/mm/aaaa, par exemple 03/11/1958)");
    }
    if (date.getYear() < PlausibleDate.FIRST_YEAR || date.getYear() > PlausibleDate.LAST_YEAR) {
      throw new InvalidFieldException(
          field,
          "date de naissance hors de la période "
              + PlausibleDate.FIRST_YEAR
              + "–"
              + PlausibleDate.LAST_YEAR
              + " : « "
              + value
              + " »");
    }
    return date;
  }
}
