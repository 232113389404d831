package fr.sarcoma.referral.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures mean "the database is away" (503), whatever wraps them; and which do not. */
class DatabaseUnavailableTest {

  /** HikariCP's answer once its connection timeout has passed, with the driver's refusal as cause. */
  private static SQLTransientConnectionException poolTimeout() {
    return new SQLTransientConnectionException(
        "HikariPool-1 - Connection is not available, request timed out after 2000ms.",
        "08001",
        new SQLException("Connection to 127.0.0.1:5432 refused.", "08001"));
  }

  @Test
  void thePoolsTimeoutIsTheDatabaseAwayWhateverWrapsIt() {
    assertThat(DatabaseUnavailable.isCause(poolTimeout())).isTrue();
    // A transaction that could not begin (our services, the engine's Spring transaction
    // interceptor).
    assertThat(
            DatabaseUnavailable.isCause(
                new CannotCreateTransactionException(
                    "Could not open JDBC Connection for transaction", poolTimeout())))
        .isTrue();
    // JdbcTemplate.
    assertThat(
            DatabaseUnavailable.isCause(
                new CannotGetJdbcConnectionException(
                    "Failed to obtain JDBC Connection", poolTimeout())))
        .isTrue();
    // The engine around MyBatis, around the driver, around a servlet's failure.
    assertThat(
            DatabaseUnavailable.isCause(
                new ServletException(
                    new ProcessEngineException(
                        "ENGINE-03004 Exception while executing Database Operation",
                        new PersistenceException(poolTimeout())))))
        .isTrue();
  }

  @Test
  void aConnectionBrokenOrTerminatedIsTheDatabaseAway() {
    assertThat(
            DatabaseUnavailable.isCause(
                new ProcessEngineException(
                    new SQLException(
                        "An I/O error occurred while sending to the backend.", "08006"))))
        .isTrue();
    assertThat(
            DatabaseUnavailable.isCause(
                new SQLException(
                    "FATAL: terminating connection due to administrator command", "57P01")))
        .isTrue();
  }

  @Test
  void aConnectionLostMidTransactionIsTheDatabaseAwayThoughTheRollbackFailureHidesIt() {
    // The statement fails on the broken connection, then the rollback on the closed one (no SQL
    // state); Spring
    // throws the rollback's failure and keeps the statement's as its application exception.
    TransactionSystemException rollback =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed"));
    rollback.initApplicationException(
        new ProcessEngineException(
            new SQLException("An I/O error occurred while sending to the backend.", "08006")));

    assertThat(DatabaseUnavailable.isCause(new ProcessEngineException(rollback))).isTrue();
    // A commit that failed on a terminated connection, then its rollback on the closed one: Spring
    // logs the
    // commit's failure and throws only the rollback's.
    assertThat(
            DatabaseUnavailable.isCause(
                new ProcessEngineException(
                    new TransactionSystemException(
                        "JDBC rollback failed", new SQLException("Connection is closed")))))
        .isTrue();
    assertThat(
            DatabaseUnavailable.isCause(
                new ProcessEngineException(
                    new TransactionSystemException("Transaction marked as rollback-only"))))
        .as("a transaction failure that is not the database's")
        .isFalse();
  }

  @Test
  void otherDatabaseFailuresAndRefusalsAreNot() {
    assertThat(
            DatabaseUnavailable.isCause(
                new DataIntegrityViolationException(
                    "duplicate key", new SQLException("duplicate key", "23505"))))
        .isFalse();
    assertThat(DatabaseUnavailable.isCause(new ProcessEngineException("ENGINE-01009 ...")))
        .isFalse();
    assertThat(DatabaseUnavailable.isCause(new AuthorizationException("denied"))).isFalse();
    assertThat(DatabaseUnavailable.isCause(new IllegalStateException())).isFalse();
  }

  @Test
  void ourApiAnswers503WithTheFrenchProblemDetailAndRetryAfter() {
    ResponseEntity<ProblemDetail> answer =
        new ApiExceptionHandler()
            .databaseUnavailable(
                new CannotCreateTransactionException(
                    "Could not open JDBC Connection", poolTimeout()));

    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
    assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
    assertThat(answer.getBody().getDetail())
        .isEqualTo("Base de données indisponible : réessayez dans quelques instants.");
  }

  @Test
  void ourApiLeavesAnyOtherFailureAsItWas() {
    CannotCreateTransactionException other =
        new CannotCreateTransactionException("JTA not available", new IllegalStateException());

    assertThatThrownBy(() -> new ApiExceptionHandler().databaseUnavailable(other)).isSameAs(other);
  }
}
