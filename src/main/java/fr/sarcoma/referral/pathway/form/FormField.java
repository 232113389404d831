package fr.sarcoma.referral.pathway.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.spin.json.SpinJsonNode;

/**
 * One answer field of a Camunda Form, with every constraint its {@code .form} declares, and the same check
 * form-js runs in the browser, run again on the server. Reasons are French, for the clinician.
 *
 * <p>{@code readInProcessBy} is what the form declares, in its custom property {@code keptInProcess}: the model
 * elements (a decision table, a gateway, a later task's form) that read the answer once the task is done. Such an
 * answer is a routing fact and stays a process variable; every other answer leaves the engine when the task
 * completes (docs/pathway-contract.md, "What stays in the process").
 */
public record FormField(
    String key,
    Kind kind,
    String label,
    boolean required,
    Integer minLength,
    Integer maxLength,
    BigDecimal min,
    BigDecimal max,
    Integer decimalDigits,
    Pattern pattern,
    List<Object> allowedValues,
    String hideWhen,
    List<String> readInProcessBy) {

  /**
   * The longest text answer any field takes, whatever its form declares: what our tables keep
   * ({@code task_answer.answer}, the reports' text columns).
   */
  public static final int LONGEST_TEXT = 4000;

  /** How form-js submits each field type. */
  public enum Kind {
    /** textfield, textarea: a string. */
    TEXT,
    /** number: a number. */
    NUMBER,
    /** checkbox: a Boolean; "required" means ticked. */
    BOOLEAN,
    /** radio, select: one of the declared values. */
    CHOICE,
    /** checklist: a list of declared values. */
    CHOICES,
    /**
     * taglist with {@code valuesKey}: a list of ids offered by a task variable (the network's users); the service
     * that records the answer checks each against its source (the identity store), here only their shape.
     */
    LISTED_IDS
  }

  /** The longest id a {@link Kind#LISTED_IDS} answer holds (a Camunda user id). */
  static final int LONGEST_ID = 64;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A routing fact: the process reads it after the task (a gateway, a decision, a later form); it stays a variable. */
  public boolean keptInProcess() {
    return !readInProcessBy.isEmpty();
  }

  /** What is wrong with this answer, empty when it passes (the field is shown: see {@link #hideWhen}). */
  public Optional<String> problemWith(Object value) {
    if (isEmpty(value)) {
      return required
          ? Optional.of(kind == Kind.BOOLEAN ? "case à cocher obligatoire" : "champ obligatoire")
          : Optional.empty();
    }
    return switch (kind) {
      case TEXT ->
          value instanceof String text ? textProblem(text) : Optional.of("doit être un texte");
      case NUMBER -> numberProblem(value);
      case BOOLEAN ->
          value instanceof Boolean ticked
              ? (required && !ticked ? Optional.of("case à cocher obligatoire") : Optional.empty())
              : Optional.of("doit valoir vrai ou faux");
      case CHOICE -> allowedValues.contains(value) ? Optional.empty() : Optional.of(oneOf());
      case CHOICES -> choicesProblem(value);
      case LISTED_IDS -> idsProblem(value);
    };
  }

  /** Whether this is no answer at all (nothing, an empty text, an empty checklist). */
  public boolean isEmpty(Object value) {
    return value == null
        || "".equals(value)
        || ((kind == Kind.CHOICES || kind == Kind.LISTED_IDS)
            && elements(value).map(List::isEmpty).orElse(false));
  }

  private Optional<String> textProblem(String text) {
    int longest = maxLength == null ? LONGEST_TEXT : Math.min(maxLength, LONGEST_TEXT);
    if (text.length() > longest) {
      return Optional.of("au plus " + longest + " caractères (" + text.length() + " reçus)");
    }
    if (minLength != null && text.length() < minLength) {
      return Optional.of("au moins " + minLength + " caractères");
    }
    if (pattern != null && !pattern.matcher(text).find()) {
      return Optional.of("ne respecte pas le format attendu");
    }
    return Optional.empty();
  }

  private Optional<String> numberProblem(Object value) {
    if (!(value instanceof Number number) || !isFinite(number)) {
      return Optional.of("doit être un nombre");
    }
    BigDecimal decimal = new BigDecimal(number.toString());
    if ((min != null && decimal.compareTo(min) < 0)
        || (max != null && decimal.compareTo(max) > 0)) {
      return Optional.of(range());
    }
    if (decimalDigits != null
        && Math.max(decimal.stripTrailingZeros().scale(), 0) > decimalDigits) {
      return Optional.of(
          decimalDigits == 0
              ? "doit être un nombre entier"
              : "au plus "
                  + decimalDigits
                  + " chiffre"
                  + (decimalDigits > 1 ? "s" : "")
                  + " après la virgule");
    }
    return Optional.empty();
  }

  private Optional<String> choicesProblem(Object value) {
    Optional<List<Object>> chosen = elements(value);
    if (chosen.isEmpty()) {
      return Optional.of("doit être une liste de valeurs parmi : " + values());
    }
    return chosen.get().stream().allMatch(allowedValues::contains)
        ? Optional.empty()
        : Optional.of("chaque valeur doit être l'une de : " + values());
  }

  private static Optional<String> idsProblem(Object value) {
    Optional<List<Object>> chosen = elements(value);
    if (chosen.isEmpty()) {
      return Optional.of("doit être une liste d'identifiants");
    }
    return chosen.get().stream()
            .allMatch(
                id -> id instanceof String text && !text.isBlank() && text.length() <= LONGEST_ID)
        ? Optional.empty()
        : Optional.of(
            "chaque valeur doit être un identifiant d'au plus " + LONGEST_ID + " caractères");
  }

  /**
   * An answer as one line of text, as our tables keep it: a checklist as its codes joined by commas ("A,B"), a
   * number without exponent, anything else as written.
   */
  public String asText(Object value) {
    if (kind == Kind.CHOICES || kind == Kind.LISTED_IDS) {
      Optional<List<Object>> chosen = elements(value);
      if (chosen.isPresent()) {
        return chosen.get().stream().map(String::valueOf).collect(Collectors.joining(","));
      }
    }
    if (value instanceof Number number && isFinite(number)) {
      return new BigDecimal(number.toString()).toPlainString();
    }
    return String.valueOf(value);
  }

  /** A checklist answer as form-js (a JSON array), the Java API (a list) or a client (a JSON string) sends it. */
  private static Optional<List<Object>> elements(Object value) {
    if (value instanceof Collection<?> items) {
      return Optional.of(new ArrayList<>(items));
    }
    if (value instanceof SpinJsonNode json) {
      return json.isArray()
          ? Optional.of(json.elements().stream().map(FormField::scalar).toList())
          : Optional.empty();
    }
    if (value instanceof String text && text.trim().startsWith("[")) {
      try {
        JsonNode array = JSON.readTree(text);
        List<Object> items = new ArrayList<>();
        array.forEach(item -> items.add(item.isTextual() ? item.textValue() : item.toString()));
        return Optional.of(items);
      } catch (JsonProcessingException notJson) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Object scalar(SpinJsonNode node) {
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean()) {
      return node.boolValue();
    }
    return node.toString();
  }

  private static boolean isFinite(Number number) {
    return !(number instanceof Double d && (d.isNaN() || d.isInfinite()))
        && !(number instanceof Float f && (f.isNaN() || f.isInfinite()));
  }

  private String range() {
    if (min != null && max != null) {
      return "doit être compris entre " + min.toPlainString() + " et " + max.toPlainString();
    }
    return min != null
        ? "doit être au moins " + min.toPlainString()
        : "doit être au plus " + max.toPlainString();
  }

  private String oneOf() {
    return "doit être l'une des valeurs : " + values();
  }

  private String values() {
    return allowedValues.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
