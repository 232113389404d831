package fr.sarcoma.referral.platform.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.sarcoma.referral.platform.web.FieldProblem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.rest.dto.VariableValueDto;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;

/**
 * A variable sent to the engine's REST API whose value does not fit its declared type ({@code "type":"Boolean"}
 * with {@code "value":"peut-être"}, an unknown type) is refused before the resource runs, with a 400 that names
 * the variable: Camunda's own conversion would answer an English message that names none. Each variable is
 * converted alone by Camunda's conversion ({@link VariableValueDto#toTypedValue}), so both agree on what fits.
 */
public class VariableValueCheck implements ContainerRequestFilter {

  /** Where variables travel in the engine's request bodies (complete, submit-form, start, message, …). */
  static final Set<String> VARIABLE_MAPS =
      Set.of(
          "variables",
          "processVariables",
          "processVariablesLocal",
          "localVariables",
          "correlationKeys",
          "localCorrelationKeys",
          "modifications");

  private static final String JAVA_SERIALIZATION = "application/x-java-serialized-object";
  private static final ObjectMapper JSON =
      JacksonConfigurator.configureObjectMapper(new ObjectMapper());

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (!request.hasEntity()
        || request.getMediaType() == null
        || !request.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
      return;
    }
    byte[] body = request.getEntityStream().readAllBytes();
    request.setEntityStream(new ByteArrayInputStream(body));
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException unreadable) {
      return; // the resource's own reading answers it (a 400)
    }
    List<FieldProblem> problems = root != null && root.isObject() ? problems(root) : List.of();
    if (!problems.isEmpty()) {
      Map<String, Object> refusal = new LinkedHashMap<>();
      refusal.put("type", "InvalidVariableException");
      refusal.put(
          "message",
          "Requête refusée : "
              + problems.stream()
                  .map(problem -> "« " + problem.field() + " » " + problem.reason())
                  .collect(Collectors.joining(" ; "))
              + ".");
      refusal.put("errors", problems);
      request.abortWith(
          Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(refusal).build());
    }
  }

  private static List<FieldProblem> problems(JsonNode root) {
    ProcessEngine engine = ProcessEngines.getDefaultProcessEngine();
    List<FieldProblem> problems = new ArrayList<>();
    for (String map : VARIABLE_MAPS) {
      JsonNode variables = root.get(map);
      if (variables == null || !variables.isObject()) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> entries = variables.fields();
          entries.hasNext(); ) {
        Map.Entry<String, JsonNode> variable = entries.next();
        problemWith(variable.getValue(), engine)
            .ifPresent(reason -> problems.add(new FieldProblem(variable.getKey(), reason)));
      }
    }
    return problems;
  }

  private static java.util.Optional<String> problemWith(JsonNode variable, ProcessEngine engine) {
    if (!variable.isObject()) {
      return java.util.Optional.of("doit être un objet {\"value\", \"type\"}");
    }
    String type = variable.path("type").asText(null);
    if (JAVA_SERIALIZATION.equals(
        variable.path("valueInfo").path("serializationDataFormat").asText(null))) {
      // The engine refuses it too (Java serialization is off), but only once it writes: a 500
      // naming nothing.
      return java.util.Optional.of("utilise la sérialisation Java, refusée par le serveur");
    }
    try {
      JSON.treeToValue(variable, VariableValueDto.class).toTypedValue(engine, JSON);
      return java.util.Optional.empty();
    } catch (RuntimeException | IOException incompatible) {
      return java.util.Optional.of(
          type == null
              ? "n'a pas une valeur lisible"
              : "n'a pas une valeur du type déclaré (" + type + ")");
    }
  }
}
