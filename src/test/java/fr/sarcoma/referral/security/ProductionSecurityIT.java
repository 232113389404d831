package fr.sarcoma.referral.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.TestPostgres;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application as a site runs it, outside the demo profile (its own database and engine, the first administrator
 * from the settings): the session and CSRF cookies are {@code Secure} (and the session's {@code HttpOnly}), HTTPS
 * responses carry HSTS, behind a TLS-terminating proxy too ({@code X-Forwarded-Proto}), plain HTTP ones do not; the
 * engine's password policy refuses a weak password with a French 400 that names the field and the rules, not a 500.
 *
 * <p>Its own engine name: the cached demo application runs in this JVM too, and the engines are registered by name.
 * The webapps are on (their cookies are under test); the context is left cached, as closing it would tear down the
 * webapps' shared runtime.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "camunda.bpm.job-execution.enabled=false",
      "camunda.bpm.process-engine-name=" + ProductionSecurityIT.ENGINE,
      "sarcoma.orders.result-sweep-delay=PT1H",
      "sarcoma.admin.user=" + ProductionSecurityIT.ADMIN,
      "sarcoma.admin.password=" + ProductionSecurityIT.ADMIN_PASSWORD,
      // Replaced below by the test's own database: set here for the check of required settings,
      // which runs first.
      "spring.datasource.url=jdbc:postgresql://set-by-the-test/"
    })
@ExtendWith(OutputCaptureExtension.class)
class ProductionSecurityIT {

  static final String ENGINE = "productionSecurityIT";
  static final String ADMIN = "itadmin";
  static final String ADMIN_PASSWORD = "Premier-Admin-2026!";

  private static final TestPostgres.Database DATABASE = TestPostgres.createDatabase();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", DATABASE::url);
    registry.add("spring.datasource.username", DATABASE::user);
    registry.add("spring.datasource.password", DATABASE::password);
  }

  @LocalServerPort int port;

  @Test
  void theWebappsSessionAndCsrfCookiesAreSecure() {
    HttpCalls http = HttpCalls.to(port);
    HttpCalls.Response page = http.get("/camunda/app/welcome/" + ENGINE + "/");
    assertThat(page.status()).isEqualTo(200);
    String session = cookie(page, "JSESSIONID");
    String csrf = cookie(page, "XSRF-TOKEN");
    assertThat(attributes(session)).contains("Secure", "HttpOnly");
    assertThat(attributes(csrf)).contains("Secure");

    HttpCalls.Response login =
        http.postForm(
            "/camunda/api/admin/auth/user/" + ENGINE + "/login/welcome",
            Map.of("username", ADMIN, "password", ADMIN_PASSWORD),
            Map.of(
                "X-XSRF-TOKEN",
                page.header("X-XSRF-TOKEN"),
                "Cookie",
                value(session) + "; " + value(csrf)));
    assertThat(login.status()).isEqualTo(200);
    assertThat(attributes(cookie(login, "JSESSIONID")))
        .as("the session of the login")
        .contains("Secure", "HttpOnly");
  }

  @Test
  void httpsResponsesCarryHstsPlainHttpOnesDoNot() {
    HttpCalls admin = HttpCalls.to(port).as(ADMIN, ADMIN_PASSWORD);
    Map<String, String> behindTlsProxy =
        Map.of("X-Forwarded-Proto", "https", "Accept", PageSecurityHeadersIT.BROWSER);

    assertThat(admin.get("/api/me").header("Strict-Transport-Security")).isNull();
    assertThat(
            HttpCalls.to(port)
                .get("/camunda/app/welcome/" + ENGINE + "/")
                .header("Strict-Transport-Security"))
        .isNull();

    for (String path : List.of("/api/me", "/patients", "/camunda/app/welcome/" + ENGINE + "/")) {
      HttpCalls.Response https = admin.getWithHeaders(path, behindTlsProxy);
      assertThat(https.status()).as(path).isEqualTo(200);
      assertThat(https.header("Strict-Transport-Security"))
          .as(path)
          .isEqualTo("max-age=31536000 ; includeSubDomains");
    }
    assertThat(
            admin
                .getWithHeaders("/patients", Map.of("Accept", PageSecurityHeadersIT.BROWSER))
                .header("Content-Security-Policy"))
        .isEqualTo(SecurityConfiguration.PAGE_POLICY);
  }

  @Test
  void aWeakPasswordIsRefusedWithA400NamingTheFieldAndThePolicysRules(CapturedOutput output) {
    HttpCalls admin = HttpCalls.to(port).as(ADMIN, ADMIN_PASSWORD);
    String weak = "faible" + System.nanoTime();

    HttpCalls.Response created =
        admin.postJson(
            "/engine-rest/engine/" + ENGINE + "/user/create",
            """
            {"profile": {"id": "weakling", "firstName": "Jeanne", "lastName": "Faible",
                         "email": "jeanne.faible@example.test"},
             "credentials": {"password": "%s"}}"""
                .formatted(weak));

    assertThat(created.status()).isEqualTo(400);
    assertThat(created.json().path("message").asText())
        .startsWith("Mot de passe refusé (« credentials.password »)")
        .contains(
            "au moins 10 caractères",
            "au moins 1 majuscule(s)",
            "au moins 1 chiffre(s)",
            "au moins 1 caractère(s) spécial(aux)",
            "sans l'identifiant");
    assertThat(created.json().path("errors").path(0).path("field").asText())
        .isEqualTo("credentials.password");
    assertThat(created.body()).doesNotContain(weak);
    assertThat(admin.get("/engine-rest/engine/" + ENGINE + "/user/weakling/profile").status())
        .isEqualTo(404);

    // A strong one is taken; changing it for a weak one is refused the same way.
    assertThat(
            admin
                .postJson(
                    "/engine-rest/engine/" + ENGINE + "/user/create",
                    """
                    {"profile": {"id": "weakling", "firstName": "Jeanne", "lastName": "Faible"},
                     "credentials": {"password": "Solide-Mot2Passe!"}}""")
                .status())
        .isEqualTo(204);
    HttpCalls.Response changed =
        admin.putJson(
            "/engine-rest/engine/" + ENGINE + "/user/weakling/credentials",
            """
            {"password": "%s", "authenticatedUserPassword": "%s"}"""
                .formatted(weak, ADMIN_PASSWORD));
    assertThat(changed.status()).isEqualTo(400);
    assertThat(changed.json().path("errors").path(0).path("field").asText()).isEqualTo("password");
    assertThat(output.getAll()).doesNotContain(weak);
  }

  /** The Set-Cookie header that sets this cookie. */
  private static String cookie(HttpCalls.Response response, String name) {
    return response.raw().headers().allValues("Set-Cookie").stream()
        .filter(header -> header.startsWith(name + "="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " cookie set"));
  }

  /** The attributes of a Set-Cookie header (Secure, HttpOnly, Path=/…). */
  private static List<String> attributes(String setCookie) {
    return Arrays.stream(setCookie.split(";")).skip(1).map(String::strip).toList();
  }

  /** name=value of a Set-Cookie header. */
  private static String value(String setCookie) {
    return setCookie.split(";", 2)[0];
  }
}
