package fr.sarcoma.referral.pathway;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;

/** Typed reads of the pathway's variables (docs/pathway-contract.md). */
final class Variables {

  private Variables() {}

  static UUID referralId(VariableScope scope) {
    return UUID.fromString(string(scope, PathwayVariables.REFERRAL_ID));
  }

  static String string(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString();
  }

  static boolean isTrue(VariableScope scope, String name) {
    return Boolean.TRUE.equals(scope.getVariable(name));
  }

  static BigDecimal decimal(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value instanceof Number number ? new BigDecimal(number.toString()) : null;
  }

  /** A checklist answer (a JSON array from Camunda Forms, or a list) as "A,B,C". */
  static String joined(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value instanceof SpinJsonNode json && json.isArray()) {
      return String.join(",", json.elements().stream().map(SpinJsonNode::stringValue).toList());
    }
    if (value instanceof Collection<?> items) {
      return String.join(",", items.stream().map(Object::toString).toList());
    }
    return value == null ? null : value.toString();
  }
}
