package fr.sarcoma.referral.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The PostgreSQL server behind the integration tests, and the databases we create on it.
 *
 * <ul>
 *   <li>{@code SARCOMA_TEST_PG_URL} set: that server (with {@code SARCOMA_TEST_PG_USER},
 *       {@code SARCOMA_TEST_PG_PASSWORD}).</li>
 *   <li>Otherwise, a Docker engine reachable: a PostgreSQL 16 container (Testcontainers).</li>
 *   <li>Otherwise the local server, {@code jdbc:postgresql://127.0.0.1:5432/} as {@code postgres}.</li>
 * </ul>
 * Every run creates its own databases ({@code sarcoma_it_*}) and drops them when the JVM exits.
 * There is no fallback to an in-memory database: without PostgreSQL the tests fail and say why.
 */
public final class TestPostgres {

  public record Database(String url, String user, String password) {}

  private record Server(
      String baseUrl, String adminDatabase, String user, String password, String origin) {
    String urlOf(String database) {
      return baseUrl + database;
    }
  }

  static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/";

  private static Server server;
  private static Database shared;

  private TestPostgres() {}

  /** One database for all Spring contexts of this run (contexts are cached, so they share it). */
  public static synchronized Database shared() {
    if (shared == null) {
      shared = createDatabase();
    }
    return shared;
  }

  /** A new, empty database, dropped at the end of the run. */
  public static synchronized Database createDatabase() {
    Server current = server();
    String name =
        "sarcoma_it_"
            + UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 12)
                .toLowerCase(Locale.ROOT);
    execute(current, "create database " + name);
    // Spring Boot runs its shutdown handlers after closing every application context (including the
    // test contexts it caches), so no pool or job executor is still using the database we drop.
    SpringApplication.getShutdownHandlers().add(() -> dropQuietly(current, name));
    return new Database(current.urlOf(name), current.user(), current.password());
  }

  /** Drops a database of this run now, rather than when the JVM exits (it must no longer be in use). */
  public static synchronized void drop(Database database) {
    String url = database.url();
    dropQuietly(server(), url.substring(url.lastIndexOf('/') + 1));
  }

  private static Server server() {
    if (server == null) {
      server = locateServer();
      System.out.println("Integration tests run on PostgreSQL: " + server.origin());
    }
    return server;
  }

  private static Server locateServer() {
    String explicitUrl = System.getenv("SARCOMA_TEST_PG_URL");
    if (explicitUrl == null && dockerAvailable()) {
      PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
      container.start();
      String base =
          container.getJdbcUrl().substring(0, container.getJdbcUrl().lastIndexOf('/') + 1);
      return checked(
          new Server(
              base,
              container.getDatabaseName(),
              container.getUsername(),
              container.getPassword(),
              "Testcontainers " + container.getDockerImageName()));
    }
    String url =
        explicitUrl == null
            ? DEFAULT_URL
            : (explicitUrl.endsWith("/") ? explicitUrl : explicitUrl + "/");
    String user = System.getenv().getOrDefault("SARCOMA_TEST_PG_USER", "postgres");
    String password = System.getenv().getOrDefault("SARCOMA_TEST_PG_PASSWORD", "");
    return checked(new Server(url, "postgres", user, password, "server " + url));
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static Server checked(Server candidate) {
    try (Connection ignored = connect(candidate)) {
      return candidate;
    } catch (SQLException e) {
      throw new IllegalStateException(
          """
          The integration tests need PostgreSQL, and none could be reached.
          No Docker engine is available for Testcontainers, and connecting to %s as '%s' failed: %s
          Start the local server (e.g. 'pg_ctlcluster 15 main start'), or point the tests at one with
          SARCOMA_TEST_PG_URL (e.g. jdbc:postgresql://db.example:5432/), SARCOMA_TEST_PG_USER and
          SARCOMA_TEST_PG_PASSWORD; the user must be allowed to create databases."""
              .formatted(
                  candidate.urlOf(candidate.adminDatabase()), candidate.user(), e.getMessage()),
          e);
    }
  }

  private static Connection connect(Server target) throws SQLException {
    return DriverManager.getConnection(
        target.urlOf(target.adminDatabase()), target.user(), target.password());
  }

  private static void execute(Server target, String sql) {
    try (Connection connection = connect(target);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "On " + target.origin() + ": " + sql + " failed: " + e.getMessage(), e);
    }
  }

  private static void dropQuietly(Server target, String name) {
    try {
      // FORCE, in case something outside Spring still holds a connection.
      execute(target, "drop database if exists " + name + " with (force)");
    } catch (RuntimeException e) {
      System.err.println("Could not drop test database " + name + ": " + e.getMessage());
    }
  }
}
