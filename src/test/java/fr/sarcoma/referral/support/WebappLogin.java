package fr.sarcoma.referral.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/**
 * A browser logged in to a Camunda webapp the way the browser does it (the page's CSRF token, then the login form),
 * with the CSRF token of its new session: the login replaces the session (Camunda's {@code
 * AuthenticationUtil.revalidateSession}), and the webapps' CSRF filter issues the new session's token, in the {@code
 * X-XSRF-TOKEN} response header, on its first read.
 */
public record WebappLogin(HttpCalls browser, String csrfToken) {

  public static WebappLogin to(int port, String app, String user) {
    HttpCalls browser = HttpCalls.browser(port);
    HttpCalls.Response page = browser.get("/camunda/app/" + app + "/default/");
    assertThat(page.status()).isEqualTo(200);
    HttpCalls.Response login =
        browser.postForm(
            "/camunda/api/admin/auth/user/default/login/" + app,
            Map.of("username", user, "password", "demo"),
            Map.of("X-XSRF-TOKEN", page.header("X-XSRF-TOKEN")));
    assertThat(login.status()).as("login of %s to %s", user, app).isEqualTo(200);
    HttpCalls.Response firstRead = browser.get("/camunda/api/admin/auth/user/default");
    assertThat(firstRead.status()).isEqualTo(200);
    String token = firstRead.header("X-XSRF-TOKEN");
    assertThat(token).as("the new session's CSRF token").isNotBlank();
    return new WebappLogin(browser, token);
  }

  public static WebappLogin toTasklist(int port, String user) {
    return to(port, "tasklist", user);
  }
}
