package fr.sarcoma.referral.pathway.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.sarcoma.referral.pathway.form.FormField.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The answer fields of one Camunda Form ({@code bpmn/forms/*.form}, form-js schema) and their constraints:
 * the one source of a form's rules, read by the browser and by the server alike.
 *
 * <p>A field may declare one custom property, {@code keptInProcess}: the model elements that read its answer after
 * the task (see {@link FormField#readInProcessBy()}). A field without it is clinical content that leaves the engine
 * when its task completes; free text cannot declare it.
 *
 * <p>Reading is strict on purpose: a field type, a constraint or a property that could change what the
 * browser accepts and that the server does not know is an error at deployment, never silently ignored, so
 * the two sides cannot drift.
 */
public record FormContract(String id, List<FormField> fields) {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, Kind> KINDS =
      Map.of(
          "textfield",
          Kind.TEXT,
          "textarea",
          Kind.TEXT,
          "number",
          Kind.NUMBER,
          "checkbox",
          Kind.BOOLEAN,
          "radio",
          Kind.CHOICE,
          "select",
          Kind.CHOICE,
          "checklist",
          Kind.CHOICES,
          "taglist",
          Kind.LISTED_IDS);

  /** Component types that hold no answer. */
  private static final Set<String> LAYOUT =
      Set.of("text", "spacer", "separator", "image", "html", "group");

  /** What a keyed field may declare besides its constraints: presentation only. */
  private static final Set<String> PRESENTATION =
      Set.of(
          "type",
          "id",
          "key",
          "label",
          "description",
          "layout",
          "appearance",
          "validate",
          "values",
          "decimalDigits",
          "conditional",
          "text",
          "properties",
          "defaultValue",
          "valuesKey");

  /**
   * The one custom property a field may declare: the model elements that read its answer after the task, which
   * keeps it in the process (a routing fact). Without it, the answer leaves the engine on completion.
   */
  static final String KEPT_IN_PROCESS = "keptInProcess";

  private static final Set<String> CONSTRAINTS =
      Set.of("required", "minLength", "maxLength", "min", "max", "pattern");

  public static FormContract read(InputStream form) {
    try {
      JsonNode root = JSON.readTree(form);
      String id = root.path("id").asText();
      List<FormField> fields = new ArrayList<>();
      collect(id, root.path("components"), fields);
      return new FormContract(id, List.copyOf(fields));
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable Camunda Form", e);
    }
  }

  private static void collect(String formId, JsonNode components, List<FormField> fields) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      if (LAYOUT.contains(type)) {
        if (component.has("key")) {
          throw unsupported(formId, component, "a '" + type + "' with a key");
        }
        collect(formId, component.path("components"), fields);
        continue;
      }
      Kind kind = KINDS.get(type);
      if (kind == null) {
        throw unsupported(formId, component, "the component type '" + type + "'");
      }
      fields.add(field(formId, component, kind));
    }
  }

  private static FormField field(String formId, JsonNode component, Kind kind) {
    for (Iterator<String> names = component.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!PRESENTATION.contains(name)) {
        throw unsupported(formId, component, "the property '" + name + "'");
      }
    }
    JsonNode validate = component.path("validate");
    for (Iterator<String> names = validate.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!CONSTRAINTS.contains(name)) {
        throw unsupported(formId, component, "the constraint '" + name + "'");
      }
    }
    String key = component.path("key").asText(null);
    if (key == null || key.isBlank() || key.contains(".")) {
      throw unsupported(formId, component, "a missing or nested key");
    }
    List<Object> values = new ArrayList<>();
    component
        .path("values")
        .forEach(
            option ->
                values.add(
                    option.path("value").isBoolean()
                        ? (Object) option.path("value").booleanValue()
                        : option.path("value").asText()));
    boolean listedByTask = component.hasNonNull("valuesKey");
    if (listedByTask != (kind == Kind.LISTED_IDS)) {
      throw unsupported(
          formId,
          component,
          kind == Kind.LISTED_IDS
              ? "a taglist without valuesKey"
              : "options that are not listed in the form (valuesKey)");
    }
    if ((kind == Kind.CHOICE || kind == Kind.CHOICES) && values.isEmpty()) {
      throw unsupported(
          formId, component, "options that are not listed in the form (valuesExpression)");
    }
    String hide = component.path("conditional").path("hide").asText(null);
    List<String> readers = readers(formId, component);
    if (kind == Kind.TEXT && !readers.isEmpty()) {
      throw new IllegalArgumentException(
          "Form '"
              + formId
              + "', field '"
              + key
              + "': free text never stays in the process (keptInProcess); a gateway or a decision"
              + " reads a coded answer (radio, select, checkbox, number).");
    }
    return new FormField(
        key,
        kind,
        component.path("label").asText(key),
        validate.path("required").asBoolean(false),
        integer(validate, "minLength"),
        integer(validate, "maxLength"),
        decimal(validate, "min"),
        decimal(validate, "max"),
        integer(component, "decimalDigits"),
        validate.hasNonNull("pattern") ? Pattern.compile(validate.get("pattern").asText()) : null,
        List.copyOf(values),
        hide,
        readers);
  }

  /** The readers a field's {@code keptInProcess} custom property names, comma-separated. */
  private static List<String> readers(String formId, JsonNode component) {
    JsonNode properties = component.path("properties");
    for (Iterator<String> names = properties.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KEPT_IN_PROCESS.equals(name)) {
        throw unsupported(formId, component, "the custom property '" + name + "'");
      }
    }
    String declared = properties.path(KEPT_IN_PROCESS).asText("");
    List<String> readers =
        Arrays.stream(declared.split(",")).map(String::trim).filter(id -> !id.isEmpty()).toList();
    if (properties.has(KEPT_IN_PROCESS) && readers.isEmpty()) {
      throw unsupported(formId, component, "a 'keptInProcess' that names no reader");
    }
    return readers;
  }

  private static Integer integer(JsonNode node, String name) {
    return node.hasNonNull(name) ? node.get(name).asInt() : null;
  }

  private static BigDecimal decimal(JsonNode node, String name) {
    return node.hasNonNull(name) ? new BigDecimal(node.get(name).asText()) : null;
  }

  private static IllegalArgumentException unsupported(
      String formId, JsonNode component, String what) {
    return new IllegalArgumentException(
        "Form '"
            + formId
            + "', component '"
            + component.path("id").asText()
            + "': the server-side check of the form does not know "
            + what
            + "; teach FormContract before using it.");
  }
}
