package fr.sarcoma.referral.platform.rest;

import fr.sarcoma.referral.platform.web.FieldProblem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;

/**
 * A password the engine's password policy refuses ({@code enable-password-policy}, on outside the demo), when an
 * administrator creates a user or changes a password (engine REST and the admin webapp: {@code POST /user/create},
 * {@code PUT /user/{id}/credentials}). Camunda 7.24's {@code SaveUserCmd} throws a bare ProcessEngineException that
 * its REST layer answers with a 500; here, a 400 that names the field and says what the policy asks, in French. The
 * password itself is never repeated.
 */
final class PasswordPolicyRefusal {

  /** {@code SaveUserCmd}'s message (7.24). */
  static final String ENGINE_MESSAGE = "Password does not match policy";

  private PasswordPolicyRefusal() {}

  static boolean matches(Throwable thrown) {
    return thrown instanceof ProcessEngineException && ENGINE_MESSAGE.equals(thrown.getMessage());
  }

  /**
   * @param field where the password is in the request's body: {@code credentials.password} on creation, {@code
   *     password} on a change of password
   * @param engineName the engine of the request ({@code /engine/{name}/…}), {@code null} for the default one
   */
  static EngineProblem problem(String field, String engineName) {
    String rules = rules(policy(engineName));
    return new EngineProblem(
        400,
        "InvalidPasswordException",
        "Mot de passe refusé (« "
            + field
            + " ») : il ne respecte pas la politique des mots de passe ("
            + rules
            + ").",
        List.of(
            new FieldProblem(field, "ne respecte pas la politique des mots de passe : " + rules)));
  }

  /** The field of the password in the body of the request to that path. */
  static String fieldOf(String path) {
    return path != null && path.endsWith("/credentials") ? "password" : "credentials.password";
  }

  static String rules(PasswordPolicy policy) {
    return policy.getRules().stream()
        .map(PasswordPolicyRefusal::rule)
        .collect(Collectors.joining(", "));
  }

  /** One rule, in French, from its placeholder and parameters (Camunda's admin webapp does the same in English). */
  static String rule(PasswordPolicyRule rule) {
    Map<String, String> parameters = rule.getParameters() == null ? Map.of() : rule.getParameters();
    String placeholder = rule.getPlaceholder() == null ? "" : rule.getPlaceholder();
    return switch (placeholder) {
      case "PASSWORD_POLICY_LENGTH" -> "au moins " + parameters.get("minLength") + " caractères";
      case "PASSWORD_POLICY_LOWERCASE" ->
          "au moins " + parameters.get("minLowerCase") + " minuscule(s)";
      case "PASSWORD_POLICY_UPPERCASE" ->
          "au moins " + parameters.get("minUpperCase") + " majuscule(s)";
      case "PASSWORD_POLICY_DIGIT" -> "au moins " + parameters.get("minDigit") + " chiffre(s)";
      case "PASSWORD_POLICY_SPECIAL" ->
          "au moins " + parameters.get("minSpecial") + " caractère(s) spécial(aux)";
      case "PASSWORD_POLICY_USER_DATA" ->
          "sans l'identifiant, le prénom, le nom ni l'adresse e-mail de l'utilisateur";
      default -> placeholder + (parameters.isEmpty() ? "" : " " + parameters);
    };
  }

  /** The engine's policy (Camunda's default one when the engine is not reachable from here). */
  private static PasswordPolicy policy(String engineName) {
    ProcessEngine engine =
        ProcessEngines.getProcessEngines()
            .get(engineName == null ? ProcessEngines.NAME_DEFAULT : engineName);
    return Optional.ofNullable(engine)
        .map(found -> found.getIdentityService().getPasswordPolicy())
        .orElseGet(DefaultPasswordPolicyImpl::new);
  }
}
