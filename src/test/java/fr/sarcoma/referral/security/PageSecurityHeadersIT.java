package fr.sarcoma.referral.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Our pages carry a Content Security Policy that runs only our own files (no inline script or style, nothing from
 * elsewhere, no framing), and every script and style sheet they name is one of those files; the Camunda webapps keep
 * their own policy. HSTS goes with HTTPS only: over plain HTTP it would mean nothing, behind a TLS proxy the proxy's
 * {@code X-Forwarded-Proto} makes the request HTTPS.
 */
@PostgresIntegrationTest
class PageSecurityHeadersIT {

  static final String BROWSER = "text/html,application/xhtml+xml,*/*;q=0.8";

  private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/[^\"]+\\.(?:js|css))\"");

  @LocalServerPort int port;

  @Test
  void everyPageOfOursCarriesThePolicyAndServesWhatItNames() {
    HttpCalls coordinator = HttpCalls.to(port).as("coordinator", "demo");
    String sessionId = coordinator.get("/api/mdt/sessions").json().path(0).path("id").asText();
    assertThat(sessionId).isNotBlank();
    Map<String, HttpCalls> pages =
        Map.of(
            "/patients",
            coordinator,
            "/patients/referrals/" + UUID.randomUUID(),
            coordinator,
            "/mdt/sessions",
            coordinator,
            "/mdt/sessions/" + sessionId + "/agenda",
            coordinator,
            "/dashboard",
            HttpCalls.to(port).as("manager", "demo"),
            "/audit",
            HttpCalls.to(port).as("auditor", "demo"));

    pages.forEach(
        (path, user) -> {
          HttpCalls.Response page = user.get(path, BROWSER);
          assertThat(page.status()).as(path).isIn(200, 404);
          assertThat(page.header("Content-Type")).as(path).startsWith("text/html");
          assertPolicy(path, page);
          assertThat(page.body()).as(path).doesNotContain("<style", " style=", "th:inline");
          assertServed(path, page, user);
        });
  }

  @Test
  void theLoginRequiredPageCarriesThePolicyAndItsStyleSheetNeedsNoLogin() {
    for (String path : List.of("/dashboard", "/patients", "/api/referrals")) {
      HttpCalls.Response page = HttpCalls.to(port).get(path, BROWSER);

      assertThat(page.status()).as(path).isEqualTo(401);
      assertThat(page.body()).as(path).contains("Connexion requise");
      assertPolicy("login required at " + path, page);
      assertThat(page.raw().headers().allValues("Content-Security-Policy")).hasSize(1);
      assertServed("login required at " + path, page, HttpCalls.to(port));
    }
  }

  @Test
  void theDashboardsDataIsDataNotCode() {
    HttpCalls.Response page = HttpCalls.to(port).as("manager", "demo").get("/dashboard", BROWSER);

    assertThat(page.body())
        .contains("<script type=\"application/json\" id=\"measures\">{")
        .contains("<script type=\"application/json\" id=\"labels\">{")
        .doesNotContain("window.MEASURES");
  }

  @Test
  void theApiAndTheWebappsKeepTheirOwnPolicies() {
    assertThat(
            HttpCalls.to(port)
                .as("coordinator", "demo")
                .get("/api/me")
                .header("Content-Security-Policy"))
        .isNull();
    HttpCalls.Response tasklist = HttpCalls.to(port).get("/camunda/app/tasklist/default/", BROWSER);
    assertThat(tasklist.status()).isEqualTo(200);
    assertThat(tasklist.header("Content-Security-Policy"))
        .as("Camunda's own")
        .isNotNull()
        .isNotEqualTo(SecurityConfiguration.PAGE_POLICY);
    assertThat(tasklist.raw().headers().allValues("Content-Security-Policy")).hasSize(1);
  }

  @Test
  void hstsGoesWithHttpsOnly() {
    HttpCalls coordinator = HttpCalls.to(port).as("coordinator", "demo");
    Map<String, String> behindTlsProxy = Map.of("X-Forwarded-Proto", "https");

    assertThat(coordinator.get("/api/me").header("Strict-Transport-Security")).isNull();
    assertThat(
            HttpCalls.to(port)
                .get("/camunda/app/tasklist/default/", BROWSER)
                .header("Strict-Transport-Security"))
        .isNull();

    assertThat(
            coordinator
                .getWithHeaders("/api/me", behindTlsProxy)
                .header("Strict-Transport-Security"))
        .startsWith("max-age=31536000");
    assertThat(
            coordinator
                .getWithHeaders(
                    "/patients", Map.of("X-Forwarded-Proto", "https", "Accept", BROWSER))
                .header("Strict-Transport-Security"))
        .startsWith("max-age=31536000");
    assertThat(
            HttpCalls.to(port)
                .getWithHeaders("/camunda/app/tasklist/default/", behindTlsProxy)
                .header("Strict-Transport-Security"))
        .as("the webapps too")
        .startsWith("max-age=31536000");
  }

  static void assertPolicy(String what, HttpCalls.Response page) {
    String policy = page.header("Content-Security-Policy");
    assertThat(policy).as(what).isEqualTo(SecurityConfiguration.PAGE_POLICY);
    assertThat(policy)
        .as(what)
        .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "*");
  }

  /** Every script and style sheet the page names is served, to whoever could open the page. */
  private static void assertServed(String what, HttpCalls.Response page, HttpCalls user) {
    List<String> assets = new ArrayList<>();
    Matcher asset = ASSET.matcher(page.body());
    while (asset.find()) {
      assets.add(asset.group(1));
    }
    assertThat(assets).as(what + ": its style sheet at least").isNotEmpty();
    for (String path : assets) {
      HttpCalls.Response served = user.get(path, "*/*");
      assertThat(served.status()).as(what + " → " + path).isEqualTo(200);
      assertThat(served.header("Content-Type"))
          .as(what + " → " + path)
          .startsWith(path.endsWith(".css") ? "text/css" : "text/javascript");
    }
  }
}
