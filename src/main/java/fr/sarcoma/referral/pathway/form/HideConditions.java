package fr.sarcoma.referral.pathway.form;

import java.util.Date;
import java.util.Map;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Evaluates a field's {@code conditional.hide} FEEL expression as form-js does in the browser, so that the
 * server checks exactly the fields the user was shown (form-js neither validates nor submits a hidden field).
 * Uses the FEEL engine the process engine ships for DMN.
 */
final class HideConditions {

  private static final FeelEngine FEEL = new ScalaFeelEngineFactory().createInstance();

  private HideConditions() {}

  /**
   * Whether the field is hidden for these answers. An expression that cannot be evaluated counts as shown:
   * the field is then checked, the stricter choice.
   */
  static boolean hidden(String hideWhen, Map<String, Object> answers) {
    if (hideWhen == null || hideWhen.isBlank()) {
      return false;
    }
    String expression = hideWhen.startsWith("=") ? hideWhen.substring(1) : hideWhen;
    VariableMap context = Variables.createVariables();
    answers.forEach(
        (name, value) -> {
          if (value == null
              || value instanceof String
              || value instanceof Number
              || value instanceof Boolean
              || value instanceof Date) {
            context.putValue(name, value);
          }
        });
    try {
      return Boolean.TRUE.equals(
          FEEL.evaluateSimpleExpression(expression, context.asVariableContext()));
    } catch (RuntimeException unevaluable) {
      return false;
    }
  }
}
