package fr.sarcoma.referral.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionSystemException;

/**
 * A request that failed because the database could not be reached (down, restarting, the network to it cut)
 * answers 503 with a French problem detail and a {@code Retry-After} header, never a bare 500, on every door:
 * our API ({@link ApiExceptionHandler}), anything that fails before a controller, such as the authentication
 * of HTTP Basic against the engine's users ({@link DatabaseUnavailableFilter}), and the engine's REST API
 * (the JAX-RS mappers of {@code platform.rest}). The pool gives up after its short connection timeout
 * ({@code spring.datasource.hikari.connection-timeout}), and refills by itself once the database is back.
 *
 * <p>One body for every door: an RFC 9457 problem detail ({@code type}, {@code title}, {@code status}, {@code
 * detail}, {@code instance}) that also carries the French text as {@code message}, the field Camunda's clients
 * (Tasklist) read from the engine's errors.
 */
public final class DatabaseUnavailable {

  public static final String MESSAGE =
      "Base de données indisponible : réessayez dans quelques instants.";

  /** The pool retries the database at most every 5 s (HikariCP's back-off): a retry sooner would fail again. */
  public static final int RETRY_AFTER_SECONDS = 5;

  public static final String PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  /**
   * PostgreSQL's SQL states of a database that is not there: class 08 (connection exception: refused, broken,
   * closed) and the server shutting down or starting up (57P01 admin shutdown, e.g. the connection terminated;
   * 57P02 crash shutdown; 57P03 cannot connect now).
   */
  private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03");

  private static final ObjectMapper JSON = new ObjectMapper();

  private DatabaseUnavailable() {}

  /**
   * Whether this exception, or one of its causes, says the database could not be reached: the pool's timeout
   * (HikariCP's {@link SQLTransientConnectionException}), a connection refused or broken (SQL state 08…, 57P0…),
   * or Spring's translation of it ({@link DataAccessResourceFailureException}, e.g. {@code
   * CannotGetJdbcConnectionException}), whatever wraps it (Spring's {@code CannotCreateTransactionException},
   * the engine's {@code ProcessEngineException}, MyBatis, a {@code ServletException}).
   */
  public static boolean isCause(Throwable thrown) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> toRead = new ArrayDeque<>();
    if (thrown != null) {
      toRead.add(thrown);
    }
    while (!toRead.isEmpty()) {
      Throwable cause = toRead.poll();
      if (!seen.add(cause)) {
        continue;
      }
      if (cause instanceof SQLTransientConnectionException
          || cause instanceof SQLNonTransientConnectionException
          || cause instanceof DataAccessResourceFailureException) {
        return true;
      }
      if (cause instanceof SQLException sql && connectionLost(sql.getSQLState())) {
        return true;
      }
      // The commit or the rollback itself failed at the JDBC level: the connection died under the
      // transaction (the server terminating it, the network cut). Spring logs the first failure and
      // throws the second ("Connection is closed", often without SQL state), so the chain may no
      // longer say why; the database is what failed either way.
      if (cause instanceof TransactionSystemException jdbc
          && jdbc.getCause() instanceof SQLException) {
        return true;
      }
      // A connection lost mid-transaction fails twice: the statement, then the rollback on the dead
      // connection ("Connection is closed", no SQL state), which Spring throws with the first as
      // its
      // application exception; and errors may be chained or suppressed rather than caused.
      if (cause instanceof TransactionSystemException rollback
          && rollback.getApplicationException() != null) {
        toRead.add(rollback.getApplicationException());
      }
      if (cause instanceof SQLException sql && sql.getNextException() != null) {
        toRead.add(sql.getNextException());
      }
      if (cause.getCause() != null) {
        toRead.add(cause.getCause());
      }
      toRead.addAll(Arrays.asList(cause.getSuppressed()));
    }
    return false;
  }

  private static boolean connectionLost(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || SERVER_GONE.contains(sqlState));
  }

  /** The problem detail of Spring MVC (our API). */
  public static ResponseEntity<ProblemDetail> response() {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, MESSAGE);
    problem.setProperty("message", MESSAGE);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /**
   * The same problem detail as JSON, for the doors outside Spring MVC (filters, the engine's JAX-RS API);
   * {@code path} is the request's path, without its query (which may name a patient), or null.
   */
  public static byte[] body(String path) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
    body.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
    body.put("detail", MESSAGE);
    if (path != null) {
      body.put("instance", path);
    }
    body.put("message", MESSAGE);
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
