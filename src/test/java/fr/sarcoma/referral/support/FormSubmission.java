package fr.sarcoma.referral.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task form's answers as Tasklist submits them to the engine's REST API ({@code POST …/submit-form}): each a
 * typed variable, a list (a checklist, a tag list) as a Json variable.
 */
public final class FormSubmission {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FormSubmission() {}

  /** The request body: {@code {"variables": {name: {value, type}}}}. */
  public static String body(Map<String, Object> answers) {
    Map<String, Object> variables = new LinkedHashMap<>();
    answers.forEach(
        (name, value) -> {
          Map<String, Object> typed = new LinkedHashMap<>();
          if (value instanceof List<?> list) {
            typed.put("value", json(list));
            typed.put("type", "Json");
          } else {
            typed.put("value", value);
            typed.put("type", type(value));
          }
          variables.put(name, typed);
        });
    return json(Map.of("variables", variables));
  }

  private static String type(Object value) {
    return value instanceof Boolean
        ? "Boolean"
        : value instanceof Integer ? "Integer" : value instanceof Double ? "Double" : "String";
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
