package fr.sarcoma.referral.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import fr.sarcoma.referral.support.WebappLogin;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Our API and pages with the Camunda webapps' session (the Tasklist plugins, the sessions page, the
 * dashboard): no second login for reads, nor for writes that carry the webapps' CSRF token; no write
 * on the cookie alone; HTTP Basic kept for API clients; a browser without a session led to the
 * webapps' login, never to HTTP Basic's prompt.
 */
@PostgresIntegrationTest
class WebappSessionIT {

  /** What Chromium sends when it opens a page. */
  static final String BROWSER_NAVIGATION =
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  private final List<String> notes = new ArrayList<>();

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
  void aWriteWithTheSessionCookieAloneIsRefusedInFrench() {
    HttpCalls browser = loggedInToTasklist("coordinator");
    String note = note();

    HttpCalls.Response post = browser.postJson("/api/mdt/sessions", oneOffSession(note));

    assertThat(post.status()).isEqualTo(403);
    assertThat(post.header("WWW-Authenticate")).as("no login prompt").isNull();
    assertThat(post.json().path("detail").asText())
        .contains("Écriture refusée", "jeton de sécurité", "X-XSRF-TOKEN", "Rechargez la page");
    assertThat(sessionsNoted(note)).isZero();
    assertThat(browser.postJson("/api/referrals", referralJson()).status()).isEqualTo(403);
  }

  @Test
  void aCoordinatorWritesWithTheSessionAndItsCsrfToken() {
    WebappLogin coordinator = WebappLogin.toTasklist(port, "coordinator");
    String note = note();

    HttpCalls.Response created =
        coordinator
            .browser()
            .postJson(
                "/api/mdt/sessions",
                oneOffSession(note),
                Map.of("X-XSRF-TOKEN", coordinator.csrfToken()));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("note").asText()).isEqualTo(note);
    assertThat(sessionsNoted(note)).isEqualTo(1);
    HttpCalls.Response cancelled =
        coordinator
            .browser()
            .postJson(
                "/api/mdt/sessions/" + created.json().path("id").asText() + "/cancel",
                "{\"reason\": \"Essai\"}",
                Map.of("X-XSRF-TOKEN", coordinator.csrfToken()));
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().path("session").path("cancellationReason").asText())
        .isEqualTo("Essai");
  }

  @Test
  void aWrongTokenOrAnotherSessionsTokenIsRefused() {
    WebappLogin coordinator = WebappLogin.toTasklist(port, "coordinator");
    WebappLogin otherCoordinator = WebappLogin.toTasklist(port, "coordinator");
    assertThat(otherCoordinator.csrfToken()).isNotEqualTo(coordinator.csrfToken());
    String note = note();

    for (String wrong :
        List.of(
            otherCoordinator.csrfToken(),
            coordinator.csrfToken().substring(1),
            coordinator.csrfToken().toLowerCase(Locale.ROOT) + "0",
            "")) {
      HttpCalls.Response post =
          coordinator
              .browser()
              .postJson("/api/mdt/sessions", oneOffSession(note), Map.of("X-XSRF-TOKEN", wrong));
      assertThat(post.status()).as("token '%s'", wrong).isEqualTo(403);
      assertThat(post.json().path("detail").asText()).contains("jeton de sécurité");
    }
    assertThat(sessionsNoted(note)).isZero();
    assertThat(coordinator.browser().get("/api/me").status())
        .as("a refused write does not log the user out")
        .isEqualTo(200);
  }

  @Test
  void theTokenDoesNotGiveRightsTheUserHasNot() {
    WebappLogin surgeon = WebappLogin.toTasklist(port, "surgeon");
    String note = note();

    HttpCalls.Response post =
        surgeon
            .browser()
            .postJson(
                "/api/mdt/sessions",
                oneOffSession(note),
                Map.of("X-XSRF-TOKEN", surgeon.csrfToken()));

    assertThat(post.status()).as("coordinators only").isEqualTo(403);
    assertThat(sessionsNoted(note)).isZero();
  }

  @Test
  void httpBasicWritesAsBeforeWithoutAToken() {
    String note = note();

    HttpCalls.Response created =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .postJson("/api/mdt/sessions", oneOffSession(note));

    assertThat(created.status()).isEqualTo(201);
    assertThat(sessionsNoted(note)).isEqualTo(1);
    assertThat(
            HttpCalls.to(port)
                .as("surgeon", "demo")
                .postJson("/api/mdt/sessions", oneOffSession(note()))
                .status())
        .isEqualTo(403);
  }

  @Test
  void aBrowserWithoutASessionIsLedToTheWebappsLoginNotToBasicsPrompt() {
    HttpCalls browser = HttpCalls.browser(port);
    browser.get("/camunda/app/tasklist/default/");

    for (String page :
        List.of(
            "/mdt/sessions",
            "/mdt/sessions/" + UUID.randomUUID() + "/agenda",
            "/dashboard",
            "/api/letters/" + UUID.randomUUID() + ".pdf")) {
      HttpCalls.Response response = browser.get(page, BROWSER_NAVIGATION);
      assertThat(response.status()).as(page).isEqualTo(401);
      assertThat(response.header("WWW-Authenticate"))
          .as("%s: a challenge no browser prompts for", page)
          .isEqualTo("WebappSession realm=\"Sarcoma MDT\"");
      assertThat(response.header("Content-Type")).startsWith("text/html");
      assertThat(response.body())
          .contains(
              "Connexion requise",
              "href=\"/camunda/app/tasklist/default/\"",
              "href=\"/camunda/app/cockpit/default/\"",
              "Réessayer");
    }
  }

  @Test
  void apiClientsWithoutCredentialsStillGetBasicsChallenge() {
    for (HttpCalls.Response response :
        List.of(
            HttpCalls.to(port).get("/api/mdt/sessions"),
            HttpCalls.to(port).get("/api/mdt/sessions", "*/*"),
            HttpCalls.to(port).postJson("/api/mdt/sessions", oneOffSession(note())),
            HttpCalls.to(port).get("/engine-rest/task", BROWSER_NAVIGATION),
            // Wrong credentials: an unknown user (a wrong password would lock a demo user out for
            // a while).
            HttpCalls.to(port).as("nobody", "wrong").get("/mdt/sessions", BROWSER_NAVIGATION))) {
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.header("WWW-Authenticate")).startsWith("Basic realm=");
    }
  }

  @Test
  void aScriptOfOurPagesWithoutASessionGetsAFrenchProblemNotAPrompt() {
    HttpCalls.Response response =
        HttpCalls.to(port)
            .postJson(
                "/api/mdt/sessions",
                oneOffSession(note()),
                Map.of("X-Requested-With", "XMLHttpRequest"));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).doesNotStartWith("Basic");
    assertThat(response.json().path("detail").asText()).startsWith("Connexion requise");
  }

  /** A Tasklist plugin's fetch after the session expired: the browser marks it, no prompt opens. */
  @Test
  void aBrowsersOwnFetchWithoutASessionGetsNoPromptEither() {
    HttpCalls.Response response =
        HttpCalls.to(port)
            .getWithHeaders(
                "/api/referrals/" + UUID.randomUUID() + "/file",
                Map.of("Sec-Fetch-Site", "same-origin", "Sec-Fetch-Mode", "cors"));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).doesNotStartWith("Basic");
    assertThat(response.json().path("detail").asText()).startsWith("Connexion requise");
    assertThat(
            HttpCalls.to(port)
                .getWithHeaders("/api/me", Map.of("Sec-Fetch-Site", "cross-site"))
                .header("WWW-Authenticate"))
        .as("another site's request")
        .startsWith("Basic realm=");
  }

  @AfterEach
  void cancelTheSessionsCreated() {
    HttpCalls coordinator = HttpCalls.to(port).as("coordinator", "demo");
    for (String note : notes) {
      for (String id :
          jdbc.queryForList(
              "select id::text from mdt_session where note = ? and cancelled_at is null",
              String.class,
              note)) {
        coordinator.postJson(
            "/api/mdt/sessions/" + id + "/cancel", "{\"reason\": \"fin du test\"}");
      }
    }
  }

  private String note() {
    String note = "test-" + UUID.randomUUID();
    notes.add(note);
    return note;
  }

  private int sessionsNoted(String note) {
    return jdbc.queryForObject(
        "select count(*) from mdt_session where note = ?", Integer.class, note);
  }

  /** A one-off session far ahead, after every weekly one: no registration lands on it. */
  private static String oneOffSession(String note) {
    return """
        {"startsAt": "2031-03-13T14:00:00+01:00", "durationMinutes": 120,
         "registrationCutoffAt": "2031-03-11T14:00:00+01:00", "capacity": 4, "note": "%s"}
        """
        .formatted(note);
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
    return WebappLogin.to(port, app, user).browser();
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
