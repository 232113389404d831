package fr.sarcoma.referral.insight;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.support.HeadlessChromium;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import fr.sarcoma.referral.support.TasklistPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The managers' dashboard in a real headless Chromium, in French, after the webapps' login only: a manager (no
 * Tasklist: Cockpit and the dashboard) logs in on the webapps' welcome page and opens /dashboard without being asked
 * to log in again. Screenshot in {@code target/screenshots/}.
 */
@PostgresIntegrationTest
class DashboardBrowserIT {

  @LocalServerPort int port;

  private TasklistPage page;

  @AfterEach
  void quitBrowser() {
    if (page != null) {
      page.quit();
    }
  }

  @Test
  void aManagerOpensTheDashboardWithTheWebappsLogin() {
    page = TasklistPage.inFrench(port);
    try {
      page.logInToWelcome("manager");
      HeadlessChromium.blockedOrMissing(page.browser());
      page.browser().get(page.pageUrl("/dashboard"));
      page.waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.tagName("h1"), "Parcours sarcomes — délais et conformité au référentiel"));
      page.waiting()
          .until(
              ExpectedConditions.not(
                  ExpectedConditions.textToBePresentInElementLocated(
                      By.id("period"), "Chargement")));
      assertThat(page.browser().findElement(By.id("error")).getText()).isEmpty();
      assertThat(page.browser().findElements(By.cssSelector("canvas"))).isNotEmpty();
      assertThat(page.browser().findElement(By.cssSelector(".card")).getCssValue("border-radius"))
          .as("its style sheet applied")
          .isEqualTo("6px");
      assertThat(HeadlessChromium.blockedOrMissing(page.browser()))
          .as("nothing blocked by the page's Content Security Policy, nothing missing")
          .isEmpty();
      page.screenshot("dashboard-after-webapps-login");
    } catch (RuntimeException | AssertionError e) {
      page.keepEvidenceOf(e, "dashboard-failure");
      throw e;
    }
  }
}
