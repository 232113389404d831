package fr.sarcoma.referral.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Logging in to Tasklist the way the browser does (session + the webapp's CSRF token). */
@PostgresIntegrationTest
class TasklistLoginIT {

  private static final List<String> GROUP_FILTERS =
      List.of("Tâches de mon groupe", "Mes tâches", "En retard", "Échéance sous 7 jours");

  @LocalServerPort int port;

  @Test
  void theRootPageLeadsToTheWebapps() {
    HttpCalls.Response response = HttpCalls.to(port).get("/");

    assertThat(response.status()).isEqualTo(302);
    assertThat(response.header("Location")).endsWith("/camunda/app/");
  }

  @Test
  void aDemoCoordinatorLogsInToTasklistAndSeesTheGroupFilters() {
    HttpCalls browser = HttpCalls.browser(port);
    HttpCalls.Response login = login(browser, "coordinator");

    assertThat(login.status()).isEqualTo(200);
    assertThat(login.json().path("authorizedApps").toString()).contains("tasklist");
    assertThat(filterNames(browser))
        .containsAll(GROUP_FILTERS)
        .contains("Parcours : toutes les tâches en retard");
  }

  @Test
  void aRadiologistSeesTheGroupFiltersButNotTheCoordinationOne() {
    HttpCalls browser = HttpCalls.browser(port);
    assertThat(login(browser, "radiologist").status()).isEqualTo(200);

    assertThat(filterNames(browser)).containsExactlyInAnyOrderElementsOf(GROUP_FILTERS);
  }

  @Test
  void aManagerIsNotATasklistUser() {
    HttpCalls browser = HttpCalls.browser(port);

    assertThat(login(browser, "manager").status()).isEqualTo(403);
  }

  @Test
  void aWrongPasswordDoesNotOpenTasklist() {
    HttpCalls browser = HttpCalls.browser(port);
    String token = csrfToken(browser);

    HttpCalls.Response login =
        browser.postForm(
            "/camunda/api/admin/auth/user/default/login/tasklist",
            Map.of("username", "nobody", "password", "demo"),
            Map.of("X-XSRF-TOKEN", token));

    assertThat(login.status()).isEqualTo(401);
  }

  private static HttpCalls.Response login(HttpCalls browser, String user) {
    String token = csrfToken(browser);
    return browser.postForm(
        "/camunda/api/admin/auth/user/default/login/tasklist",
        Map.of("username", user, "password", "demo"),
        Map.of("X-XSRF-TOKEN", token));
  }

  /** The webapp hands its CSRF token to any page load; every later POST must echo it. */
  private static String csrfToken(HttpCalls browser) {
    HttpCalls.Response page = browser.get("/camunda/app/tasklist/default/");
    assertThat(page.status()).isEqualTo(200);
    return page.header("X-XSRF-TOKEN");
  }

  private static List<String> filterNames(HttpCalls browser) {
    HttpCalls.Response filters =
        browser.get("/camunda/api/engine/engine/default/filter?resourceType=Task&itemCount=true");
    assertThat(filters.status()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    for (JsonNode filter : filters.json()) {
      names.add(filter.path("name").asText());
    }
    return names;
  }
}
