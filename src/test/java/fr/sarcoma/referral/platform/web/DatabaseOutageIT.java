package fr.sarcoma.referral.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.sarcoma.referral.support.DatabaseProxy;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Issue 15: the database away, every request fails fast with a 503 that says so in French, health says DOWN,
 * and the service recovers by itself when the database is back. Its own application context (a second engine
 * in this JVM, its own name, no webapps, closed after the class), whose datasource goes through a {@link
 * DatabaseProxy} that the test cuts: the database goes away for this application only, the run's shared
 * PostgreSQL server stays up. How long a request waits is the pool's connection timeout, asserted here as
 * configured; measuring it is the chaos command's.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "camunda.bpm.job-execution.enabled=false",
      "sarcoma.orders.result-sweep-delay=PT1H",
      "sarcoma.demo.history-months=0",
      "camunda.bpm.process-engine-name=" + DatabaseOutageIT.ENGINE,
      "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration"
    })
@ActiveProfiles("demo")
@ContextConfiguration(initializers = DatabaseOutageIT.ThroughProxy.class)
@DirtiesContext
class DatabaseOutageIT {

  static final String ENGINE = "databaseOutageIT";

  private static DatabaseProxy proxy;

  /** The run's PostgreSQL database, through a proxy this test can cut. */
  static class ThroughProxy
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestPostgres.Database database = TestPostgres.shared();
      synchronized (DatabaseOutageIT.class) {
        if (proxy == null) {
          proxy = DatabaseProxy.to(database.url());
        }
      }
      TestPropertyValues.of(
              "spring.datasource.url=" + proxy.rewrite(database.url()),
              "spring.datasource.username=" + database.user(),
              "spring.datasource.password=" + database.password())
          .applyTo(context);
    }
  }

  @Autowired DataSource dataSource;
  @LocalServerPort int port;

  @AfterAll
  static void databaseBack() {
    if (proxy != null) {
      proxy.restore();
    }
  }

  @Test
  @DisplayName(
      "Database away: our API and the engine's REST API answer 503 with the French problem detail and"
          + " Retry-After, health 503 DOWN; database back: the same requests answer 200, no restart")
  void withTheDatabaseAwayRequestsFailFastWith503AndRecoverAlone() throws Exception {
    assertThat(dataSource.unwrap(HikariDataSource.class).getConnectionTimeout())
        .as("a request waits at most the pool's connection timeout on a dead database")
        .isLessThanOrEqualTo(3_000);

    HttpCalls.Response created = coordinator().postJson("/api/referrals", referral());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    UUID referralId = UUID.fromString(created.json().path("id").asText());
    String referralPath = "/api/referrals/" + referralId;
    String enginePath = "/engine-rest/engine/" + ENGINE + "/task/count";
    assertUp(referralPath, enginePath, referralId);

    proxy.cut();
    try {
      assertThat(sharedServerAnswers())
          .as("the database is away for this application only, the shared server stays up")
          .isTrue();

      HttpCalls.Response health = HttpCalls.to(port).get("/actuator/health");
      assertThat(health.status()).as(health.body()).isEqualTo(503);
      assertThat(health.json().path("status").asText()).isEqualTo("DOWN");

      assertDatabaseUnavailable(coordinator().get(referralPath), referralPath);
      assertDatabaseUnavailable(coordinator().get(enginePath), enginePath);
      assertDatabaseUnavailable(
          coordinator().postJson("/api/referrals", referral()), "/api/referrals");
    } finally {
      proxy.restore();
    }

    awaitHealthUp();
    assertUp(referralPath, enginePath, referralId);
  }

  private void assertUp(String referralPath, String enginePath, UUID referralId) {
    HttpCalls.Response referral = coordinator().get(referralPath);
    assertThat(referral.status()).as(referral.body()).isEqualTo(200);
    assertThat(referral.json().path("id").asText()).isEqualTo(referralId.toString());

    HttpCalls.Response tasks = coordinator().get(enginePath);
    assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
    assertThat(tasks.json().has("count")).isTrue();

    HttpCalls.Response health = HttpCalls.to(port).get("/actuator/health");
    assertThat(health.status()).as(health.body()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("UP");
  }

  private static void assertDatabaseUnavailable(HttpCalls.Response response, String path) {
    assertThat(response.status()).as(response.body()).isEqualTo(503);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.header("Retry-After")).isEqualTo("5");
    assertThat(response.json().path("status").asInt()).isEqualTo(503);
    assertThat(response.json().path("detail").asText())
        .isEqualTo("Base de données indisponible : réessayez dans quelques instants.");
    assertThat(response.json().path("message").asText())
        .as("the field Camunda's clients read")
        .isEqualTo(response.json().path("detail").asText());
    assertThat(response.json().path("instance").asText()).isEqualTo(path);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("Hikari");
  }

  /**
   * HikariCP tries the database again with a back-off of at most 5 s: the first request after its return may
   * still time out. Health is asked again until it is UP (each answer within the pool's timeout), for at
   * most 30 s; nobody restarts anything.
   */
  private void awaitHealthUp() throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    HttpCalls.Response health = HttpCalls.to(port).get("/actuator/health");
    while (health.status() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      health = HttpCalls.to(port).get("/actuator/health");
    }
    assertThat(health.status())
        .as("health once the database is back: " + health.body())
        .isEqualTo(200);
  }

  private static boolean sharedServerAnswers() throws SQLException {
    TestPostgres.Database database = TestPostgres.shared();
    try (Connection connection =
            DriverManager.getConnection(database.url(), database.user(), database.password());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select 1")) {
      return result.next() && result.getInt(1) == 1;
    }
  }

  private HttpCalls coordinator() {
    return HttpCalls.to(port).as("coordinator", "demo");
  }

  private static String referral() {
    return """
        {"patientIdentifier": "IPP-%s", "patientDisplayName": "Marie Exemple",
         "birthDate": "1964-05-12", "sex": "FEMALE", "referringPhysician": "Dr Durand (Nancy)",
         "presentation": "SWELLING_OR_PAIN", "site": "SOFT_TISSUE", "anatomicalLocation": "cuisse gauche",
         "largestDimensionCm": 6.0, "depth": "DEEP", "priorProcedure": "NONE"}
        """
        .formatted(UUID.randomUUID().toString().substring(0, 8));
  }
}
