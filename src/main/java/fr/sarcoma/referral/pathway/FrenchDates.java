package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.platform.web.RuleViolationException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * A date typed in a Camunda Form as a French clinician writes it, jj/mm/aaaa (the forms' pattern checks the
 * shape; whether the day exists is checked here, strictly: never 31/02).
 */
final class FrenchDates {

  static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);

  private FrenchDates() {}

  /** The date of a required form field; a refusal naming the field when it is missing or impossible. */
  static LocalDate required(Object value, String field) {
    if (value == null || value.toString().isBlank()) {
      throw RuleViolationException.of(field, "champ obligatoire");
    }
    try {
      return LocalDate.parse(value.toString().trim(), FORMAT);
    } catch (DateTimeParseException e) {
      throw RuleViolationException.of(
          field, "date impossible ou illisible (attendu jj/mm/aaaa) : " + value);
    }
  }

  static String format(LocalDate date) {
    return date.format(FORMAT);
  }
}
