package fr.sarcoma.referral.platform.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * JAX-RS exception mappers for the engine's REST API, at {@code /engine-rest} and behind Tasklist
 * ({@code /camunda/api/engine}). They take precedence over Camunda's mappers of the same types (a lower
 * {@link Priority} wins, Jakarta REST 3.1 §4.4) and fall back to them for what {@link EngineProblem} leaves
 * alone. The body keeps Camunda's shape ({@code type}, {@code message}) that Tasklist and clients read, plus
 * {@code errors}: each bad field and why.
 */
final class EngineProblemMappers {

  static final int PRECEDENCE = 100;

  private EngineProblemMappers() {
  }

  static Response toResponse(Throwable thrown) {
    return EngineProblem.of(thrown).map(EngineProblemMappers::response)
        .orElseGet(() -> ExceptionHandlerHelper.getInstance().getResponse(thrown));
  }

  private static Response response(EngineProblem problem) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.type());
    body.put("message", problem.message());
    body.put("errors", problem.errors());
    body.putAll(problem.details());
    return Response.status(problem.status()).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
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
    @Override
    public Response toResponse(ProcessEngineException exception) {
      return EngineProblemMappers.toResponse(exception);
    }
  }
}
