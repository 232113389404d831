package fr.sarcoma.referral.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Our API read with the Camunda webapps' session (the Tasklist plugins): no second login for reads,
 * HTTP Basic kept for API clients, no write on the cookie alone.
 */
@PostgresIntegrationTest
class WebappSessionIT {

  @LocalServerPort int port;

  @Test
  void aUserLoggedInToTasklistReadsTheApiWithTheSessionCookieOnly() {
    String referralId = registerReferral();
    HttpCalls browser = loggedInToTasklist("radiologist");

    HttpCalls.Response me = browser.get("/api/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("userId").asText()).isEqualTo("radiologist");
    assertThat(me.json().path("groups").toString()).contains("radiologists");
    assertThat(me.json().path("groups"))
        .as("the same groups as HTTP Basic gives")
        .isEqualTo(
            HttpCalls.to(port).as("radiologist", "demo").get("/api/me").json().path("groups"));

    // A radiologist with no task on this referral does not read it (need-to-know); a coordinator
    // does.
    assertThat(browser.get("/api/referrals/" + referralId).status()).isEqualTo(403);
    HttpCalls.Response referral =
        loggedInToTasklist("coordinator").get("/api/referrals/" + referralId);
    assertThat(referral.status()).isEqualTo(200);
    assertThat(referral.json().path("id").asText()).isEqualTo(referralId);
  }

  /** The session's id stays: a new one would log Tasklist out while its own calls are under way. */
  @Test
  void aReadWithTheSessionLeavesTheSessionAsItIs() {
    HttpCalls browser = loggedInToTasklist("radiologist");

    HttpCalls.Response me = browser.get("/api/me");

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.header("Set-Cookie")).isNull();
    assertThat(browser.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(200);
  }

  @Test
  void theSessionCarriesTheUsersGroupsNotMore() {
    HttpCalls browser = loggedInToTasklist("radiologist");

    assertThat(browser.get("/api/insight/measures").status()).as("managers only").isEqualTo(403);
  }

  @Test
  void aManagerLoggedInToCockpitOpensTheDashboardWithoutASecondLogin() {
    HttpCalls browser = loggedIn("manager", "cockpit");

    HttpCalls.Response dashboard = browser.get("/dashboard", "text/html");

    assertThat(dashboard.status()).isEqualTo(200);
    assertThat(HttpCalls.browser(port).get("/dashboard", "text/html").status()).isEqualTo(401);
  }

  @Test
  void theAgendaPagesTakeTheSession() {
    HttpCalls browser = loggedInToTasklist("mdtchair");
    String unknownSession = "/mdt/sessions/" + UUID.randomUUID() + "/agenda";

    assertThat(browser.get(unknownSession, "text/html").status())
        .as("authenticated: the session is looked up, and is unknown")
        .isEqualTo(404);
    assertThat(HttpCalls.browser(port).get(unknownSession, "text/html").status()).isEqualTo(401);
  }

  @Test
  void withoutASessionTheApiAsksForCredentials() {
    HttpCalls browser = HttpCalls.browser(port);
    browser.get("/camunda/app/tasklist/default/");

    HttpCalls.Response me = browser.get("/api/me");
    assertThat(me.status()).isEqualTo(401);
    assertThat(me.header("WWW-Authenticate")).startsWith("Basic");
  }

  @Test
  void aWriteWithTheSessionCookieAloneIsRefused() {
    HttpCalls browser = loggedInToTasklist("coordinator");

    HttpCalls.Response post = browser.postJson("/api/referrals", referralJson());

    assertThat(post.status()).isEqualTo(401);
  }

  @Test
  void theEngineRestApiStaysOnHttpBasic() {
    HttpCalls browser = loggedInToTasklist("coordinator");

    assertThat(browser.get("/engine-rest/task").status()).isEqualTo(401);
  }

  private HttpCalls loggedInToTasklist(String user) {
    return loggedIn(user, "tasklist");
  }

  /** Logged in to a Camunda webapp as the browser does (the page's CSRF token, then the form). */
  private HttpCalls loggedIn(String user, String app) {
    HttpCalls browser = HttpCalls.browser(port);
    HttpCalls.Response page = browser.get("/camunda/app/" + app + "/default/");
    assertThat(page.status()).isEqualTo(200);
    HttpCalls.Response login =
        browser.postForm(
            "/camunda/api/admin/auth/user/default/login/" + app,
            Map.of("username", user, "password", "demo"),
            Map.of("X-XSRF-TOKEN", page.header("X-XSRF-TOKEN")));
    assertThat(login.status()).isEqualTo(200);
    return browser;
  }

  private String registerReferral() {
    HttpCalls.Response created =
        HttpCalls.to(port).as("coordinator", "demo").postJson("/api/referrals", referralJson());
    assertThat(created.status()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private static String referralJson() {
    return """
        {"patientIdentifier": "IPP-%s", "patientDisplayName": "Marie Exemple",
         "birthDate": "1964-05-12", "sex": "FEMALE", "referringPhysician": "Dr Durand (Nancy)",
         "presentation": "SWELLING_OR_PAIN", "site": "SOFT_TISSUE", "anatomicalLocation": "cuisse",
         "largestDimensionCm": 8.5, "depth": "DEEP", "priorProcedure": "NONE"}
        """
        .formatted(UUID.randomUUID().toString().substring(0, 8));
  }
}
