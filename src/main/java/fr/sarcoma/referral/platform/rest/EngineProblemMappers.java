package fr.sarcoma.referral.platform.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import fr.sarcoma.referral.platform.web.DatabaseUnavailable;
import fr.sarcoma.referral.platform.web.FieldProblem;
import fr.sarcoma.referral.platform.web.HttpReasons;
import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAX-RS exception mappers for the engine's REST API, at {@code /engine-rest} and behind Tasklist
 * ({@code /camunda/api/engine}). They take precedence over Camunda's mappers of the same types (a lower
 * {@link Priority} wins, Jakarta REST 3.1 §4.4) and fall back to them for what {@link EngineProblem} leaves
 * alone. The body keeps Camunda's shape ({@code type}, {@code message}) that Tasklist and clients read, plus
 * {@code errors}: each bad field and why.
 */
final class EngineProblemMappers {

  static final int PRECEDENCE = 100;

  private static final Logger LOG = LoggerFactory.getLogger(EngineProblemMappers.class);

  /** What to send instead: the engine's API reads and answers JSON only. */
  private static final Map<Integer, String> HINTS =
      Map.of(
          406,
          " : acceptez application/json",
          415,
          " : envoyez du JSON (Content-Type: application/json)");

  private EngineProblemMappers() {}

  static Response toResponse(Throwable thrown) {
    if (DatabaseUnavailable.isCause(thrown)) {
      return databaseUnavailable(thrown);
    }
    return EngineProblem.of(thrown)
        .map(EngineProblemMappers::response)
        .orElseGet(() -> ExceptionHandlerHelper.getInstance().getResponse(thrown));
  }

  /**
   * The database could not be reached: 503 with the French problem detail of our API (its {@code message} is
   * what Tasklist shows) and {@code Retry-After}, instead of Camunda's 500 after the pool's timeout.
   */
  private static Response databaseUnavailable(Throwable thrown) {
    LOG.warn("Database unavailable: the engine's REST API answered 503 ({})", rootMessage(thrown));
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .type(DatabaseUnavailable.PROBLEM_JSON)
        .entity(DatabaseUnavailable.body(null))
        .build();
  }

  private static String rootMessage(Throwable thrown) {
    Throwable root = thrown;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static String reason(int status) {
    String reason = HttpReasons.of(status);
    return reason == null
        ? "Requête refusée (HTTP " + status + ")."
        : reason + HINTS.getOrDefault(status, "") + ".";
  }

  static Response response(EngineProblem problem) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.type());
    body.put("message", problem.message());
    body.put("errors", problem.errors());
    body.putAll(problem.details());
    return Response.status(problem.status())
        .entity(body)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .build();
  }

  @Priority(PRECEDENCE)
  public static class RestExceptions implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException exception) {
      return EngineProblemMappers.toResponse(exception);
    }
  }

  @Priority(PRECEDENCE)
  public static class EngineExceptions implements ExceptionMapper<ProcessEngineException> {

    /** The request's path and engine, for a refused password (Jersey's per-request proxy). */
    @Context private UriInfo request;

    @Override
    public Response toResponse(ProcessEngineException exception) {
      if (PasswordPolicyRefusal.matches(exception)) {
        return response(
            request == null
                ? PasswordPolicyRefusal.problem(PasswordPolicyRefusal.fieldOf(null), null)
                : PasswordPolicyRefusal.problem(
                    PasswordPolicyRefusal.fieldOf(request.getPath()),
                    request.getPathParameters().getFirst("name")));
      }
      return EngineProblemMappers.toResponse(exception);
    }
  }

  /**
   * Whatever else reaches the REST API: what Camunda's own mapper of {@link Throwable} answers (its {@code
   * ExceptionHandler} is {@code ExceptionHandlerHelper.getResponse}), unless the database could not be reached;
   * Spring's exception for a transaction that could not begin ({@code CannotCreateTransactionException}), for
   * one, is no engine exception.
   */
  @Priority(PRECEDENCE)
  public static class AnyFailure implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable exception) {
      return EngineProblemMappers.toResponse(exception);
    }
  }

  /** What Jersey answers itself (unknown path, wrong method or media type), in French, with its headers (Allow). */
  @Priority(PRECEDENCE)
  public static class HttpErrors implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException exception) {
      Response original = exception.getResponse();
      Response.ResponseBuilder french =
          Response.fromResponse(original)
              .type(MediaType.APPLICATION_JSON_TYPE)
              .entity(
                  Map.of(
                      "type",
                      exception.getClass().getSimpleName(),
                      "message",
                      reason(original.getStatus()),
                      "errors",
                      List.of()));
      return french.build();
    }
  }

  /** A body that is not JSON, or not of the expected shape: Camunda's mappers answer Jackson's English. */
  @Priority(PRECEDENCE)
  public static class UnreadableJson implements ExceptionMapper<JsonParseException> {
    @Override
    public Response toResponse(JsonParseException exception) {
      return response(
          new EngineProblem(
              400,
              "InvalidRequestException",
              "Requête refusée : le corps n'est pas un JSON valide.",
              List.of()));
    }
  }

  @Priority(PRECEDENCE)
  public static class UnmappableJson implements ExceptionMapper<JsonMappingException> {
    @Override
    public Response toResponse(JsonMappingException exception) {
      List<String> path =
          exception.getPath().stream()
              .map(
                  reference ->
                      reference.getFieldName() != null
                          ? reference.getFieldName()
                          : "[" + reference.getIndex() + "]")
              .toList();
      // Inside a map of variables, the field is the variable ("variables.imagingConclusion.value":
      // imagingConclusion).
      String field =
          path.size() >= 2 && VariableValueCheck.VARIABLE_MAPS.contains(path.get(0))
              ? path.get(1)
              : String.join(".", path);
      return response(
          new EngineProblem(
              400,
              "InvalidRequestException",
              "Requête refusée : le corps ne suit pas le format attendu"
                  + (field.isEmpty() ? "." : " (" + field + ")."),
              field.isEmpty()
                  ? List.of()
                  : List.of(new FieldProblem(field, "valeur illisible ou de mauvais type"))));
    }
  }
}
