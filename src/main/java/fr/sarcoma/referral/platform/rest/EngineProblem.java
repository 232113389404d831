package fr.sarcoma.referral.platform.rest;

import fr.sarcoma.referral.platform.web.FieldProblem;
import fr.sarcoma.referral.platform.web.RuleViolationException;
import fr.sarcoma.referral.platform.web.StorableText;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.pvm.PvmException;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * What an exception out of the engine's REST API means for the caller, in French. Camunda's REST layer wraps
 * everything a task listener throws into an "ENGINE-03051" 500; here the cause chain is read so that a
 * refusal is a 400 with its fields, an unknown or finished task a 404, a lost race a 409 and a missing
 * permission a 403 that names it. Anything else is not ours to reinterpret: Camunda's own mapping applies.
 */
record EngineProblem(
    int status,
    String type,
    String message,
    List<FieldProblem> errors,
    Map<String, Object> details) {

  EngineProblem(int status, String type, String message, List<FieldProblem> errors) {
    this(status, type, message, errors, Map.of());
  }

  private static final EngineProblem GONE =
      new EngineProblem(404, "NotFoundException", "Tâche introuvable ou déjà terminée.", List.of());
  private static final EngineProblem LOST_RACE =
      new EngineProblem(
          409,
          "OptimisticLockingException",
          "Quelqu'un vient de modifier ou de terminer cette tâche en même temps que vous : rechargez-la.",
          List.of());

  /** An engine message code, or a Java exception's class name, at the start of Camunda's own messages. */
  private static final Pattern ENGINE_CODE =
      Pattern.compile("ENGINE-\\d+\\s*|(?:[a-z]\\w*\\.)+\\w*Exception:\\s*");

  /** The PostgreSQL states of text it cannot store (a NUL character, a character outside UTF-8). */
  private static final List<String> UNSTORABLE_TEXT = List.of("22021", "22P05");

  static Optional<EngineProblem> of(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      Optional<EngineProblem> problem = classify(cause);
      if (problem.isPresent()) {
        return problem;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    if (thrown instanceof RestException rest
        && rest.getStatus() != null
        && rest.getStatus().getStatusCode() < 500) {
      return Optional.of(
          new EngineProblem(
              rest.getStatus().getStatusCode(),
              "InvalidRequestException",
              refused(rest.getMessage()),
              List.of()));
    }
    return Optional.empty();
  }

  private static Optional<EngineProblem> classify(Throwable cause) {
    if (cause instanceof RuleViolationException refused) {
      return Optional.of(
          new EngineProblem(
              400, "RuleViolationException", refused.getMessage(), refused.problems()));
    }
    if (cause instanceof AuthorizationException denied) {
      return Optional.of(
          TaskPresence.deniedOnATaskThatIsGone(denied)
              ? GONE
              : new EngineProblem(
                  403,
                  "AuthorizationException",
                  forbidden(denied),
                  List.of(),
                  authorizationDetails(denied)));
    }
    if (cause instanceof OptimisticLockingException
        || cause instanceof PvmException moved && movedOn(moved)) {
      return Optional.of(LOST_RACE);
    }
    if (cause instanceof NullValueException missing && isUnknownTask(missing)) {
      return Optional.of(GONE);
    }
    if (cause instanceof NotFoundException notFound) {
      return Optional.of(
          new EngineProblem(
              404,
              "NotFoundException",
              "Introuvable : " + withoutCode(notFound.getMessage()),
              List.of()));
    }
    if (cause instanceof SQLException sql && UNSTORABLE_TEXT.contains(sql.getSQLState())) {
      return Optional.of(
          new EngineProblem(
              400,
              "RuleViolationException",
              "Requête refusée : un texte " + StorableText.REASON + ".",
              List.of()));
    }
    if (cause instanceof BadUserRequestException bad) {
      return Optional.of(
          new EngineProblem(400, "BadUserRequestException", refused(bad.getMessage()), List.of()));
    }
    return Optional.empty();
  }

  /** Camunda's own refusals keep their (English) reason, without the engine's message code. */
  private static String refused(String reason) {
    return "Requête refusée : " + withoutCode(reason);
  }

  private static String withoutCode(String reason) {
    return reason == null ? "" : ENGINE_CODE.matcher(reason).replaceAll("");
  }

  /**
   * A completion that read the task before a concurrent one committed, then found its execution already gone on:
   * the engine's "cannot signal execution …: it has no current activity". The same lost race as an optimistic lock.
   */
  private static boolean movedOn(PvmException moved) {
    return moved.getMessage() != null && moved.getMessage().contains("has no current activity");
  }

  /** The engine's "Cannot find task with id …: task is null" of complete and submit-form. */
  private static boolean isUnknownTask(NullValueException missing) {
    String message = missing.getMessage();
    return message != null
        && (message.contains("Cannot find task") || message.contains("No task found"));
  }

  /** What Camunda's own 403 body gives clients (its AuthorizationExceptionDto), kept for them. */
  private static Map<String, Object> authorizationDetails(AuthorizationException denied) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("userId", denied.getUserId());
    List<MissingAuthorization> missing =
        denied.getMissingAuthorizations() == null ? List.of() : denied.getMissingAuthorizations();
    if (missing.size() == 1) {
      details.put("permissionName", missing.get(0).getViolatedPermissionName());
      details.put("resourceName", missing.get(0).getResourceType());
      details.put("resourceId", missing.get(0).getResourceId());
    }
    details.put(
        "missingAuthorizations",
        missing.stream()
            .map(
                needed -> {
                  Map<String, Object> one = new LinkedHashMap<>();
                  one.put("permissionName", needed.getViolatedPermissionName());
                  one.put("resourceName", needed.getResourceType());
                  one.put("resourceId", needed.getResourceId());
                  return one;
                })
            .toList());
    return details;
  }

  private static String forbidden(AuthorizationException denied) {
    List<MissingAuthorization> missing = denied.getMissingAuthorizations();
    if (missing == null || missing.isEmpty()) {
      return "Accès refusé : " + denied.getMessage();
    }
    return "Accès refusé à "
        + denied.getUserId()
        + " : il faut la permission "
        + missing.stream()
            .map(
                needed ->
                    needed.getViolatedPermissionName()
                        + " sur "
                        + needed.getResourceType()
                        + (needed.getResourceId() == null
                            ? ""
                            : " « " + needed.getResourceId() + " »"))
            .collect(Collectors.joining(" ou "))
        + ".";
  }
}
