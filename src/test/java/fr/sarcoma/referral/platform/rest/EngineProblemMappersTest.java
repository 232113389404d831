package fr.sarcoma.referral.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The engine's REST API with the database away (once the caller is authenticated: the failure then comes out
 * of the engine): 503, the French problem detail, Retry-After; Camunda's 500 otherwise.
 */
class EngineProblemMappersTest {

  private static SQLTransientConnectionException poolTimeout() {
    return new SQLTransientConnectionException(
        "HikariPool-1 - Connection is not available, request timed out after 2000ms.",
        "08001",
        new SQLException("Connection to 127.0.0.1:5432 refused.", "08001"));
  }

  @Test
  void anEngineExceptionAroundThePoolsTimeoutIsA503InFrench() throws Exception {
    Response response =
        new EngineProblemMappers.EngineExceptions()
            .toResponse(
                new ProcessEngineException(
                    "ENGINE-03004 Exception while executing Database Operation",
                    new PersistenceException(poolTimeout())));

    assertDatabaseUnavailable(response);
  }

  @Test
  void aTransactionThatCouldNotBeginIsA503InFrench() throws Exception {
    Response response =
        new EngineProblemMappers.AnyFailure()
            .toResponse(
                new CannotCreateTransactionException(
                    "Could not open JDBC Connection for transaction", poolTimeout()));

    assertDatabaseUnavailable(response);
  }

  @Test
  void anyOtherFailureKeepsCamundasAnswer() {
    Response response =
        new EngineProblemMappers.AnyFailure().toResponse(new IllegalStateException("boom"));

    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(response.getHeaderString("Retry-After")).isNull();
  }

  private static void assertDatabaseUnavailable(Response response) throws Exception {
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
    assertThat(response.getMediaType()).hasToString("application/problem+json");
    JsonNode body = new ObjectMapper().readTree((byte[]) response.getEntity());
    assertThat(body.path("status").asInt()).isEqualTo(503);
    assertThat(body.path("detail").asText())
        .isEqualTo("Base de données indisponible : réessayez dans quelques instants.");
    assertThat(body.path("message").asText()).isEqualTo(body.path("detail").asText());
  }
}
