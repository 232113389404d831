package fr.sarcoma.referral.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.mdt.MdtSession;
import fr.sarcoma.referral.mdt.MdtSessions;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.HeadlessChromium;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import fr.sarcoma.referral.support.TasklistPage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The MDT sessions page in a real headless Chromium, in French, with the Tasklist login only (M1): a coordinator
 * opens "Séances RCP" from Tasklist's navbar, has a bad session refused in French, adds a one-off session, moves a
 * case to it, opens its agenda, and cancels it (its case goes to the next session), never asked to log in again. A
 * browser without a session is shown the way to the webapps' login, not HTTP Basic's prompt. Screenshots go to
 * {@code target/screenshots/}.
 */
@PostgresIntegrationTest
class MdtSessionsBrowserIT {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Autowired PathwayDriver pathway;
  @Autowired MdtSessions sessions;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  private TasklistPage page;
  private Referral referral;
  private MdtSession original;
  private MdtSession later;

  @AfterEach
  void cleanUp() {
    if (page != null) {
      page.quit();
    }
    // The case back on its session, and the far sessions of this test cancelled: no later test sees
    // them.
    if (referral != null
        && original != null
        && !sessions.currentSessionOf(referral.id()).orElseThrow().id().equals(original.id())) {
      sessions.move(referral.id(), original.id());
    }
    for (UUID id :
        jdbc.queryForList(
            "select id from mdt_session where note like 'Test navigateur %' and cancelled_at is null",
            UUID.class)) {
      sessions.cancel(id, "fin du test");
    }
  }

  @Test
  void m1ACoordinatorManagesTheSessionsFromTasklistWithoutASecondLogin() {
    referral = pathway.awaitingMdtSession(Site.SOFT_TISSUE);
    original = sessions.currentSessionOf(referral.id()).orElseThrow();
    // Far ahead, after every weekly session: no other test registers a case on these sessions.
    LocalDate day = LocalDate.now(PARIS).plusDays(200);
    String run = UUID.randomUUID().toString().substring(0, 8);
    String note = "Test navigateur " + run;
    // Where the case goes when the added session is cancelled: the next session with room.
    later =
        sessions.addOneOff(
            day.plusDays(7).atTime(LocalTime.of(14, 0)).atZone(PARIS).toInstant(),
            Duration.ofHours(2),
            day.plusDays(5).atTime(LocalTime.of(14, 0)).atZone(PARIS).toInstant(),
            5,
            "Test navigateur " + run + " (suivante)");
    page = TasklistPage.inFrench(port);
    WebDriver browser = page.browser();
    WebDriverWait wait = page.waiting();
    try {
      page.logIn("coordinator");
      page.waiting()
          .until(
              ExpectedConditions.visibilityOfElementLocated(
                  By.cssSelector("li.sarcoma-mdt-sessions a[href='/mdt/sessions']")));
      page.screenshot("tasklist-navbar-seances-rcp");
      HeadlessChromium.blockedOrMissing(browser);
      page.click(
          By.xpath(
              "//li[contains(@class,'sarcoma-mdt-sessions')]//a[normalize-space()='Séances RCP']"));
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.tagName("h1"), "RCP de recours sarcomes — séances"));
      assertThat(browser.getCurrentUrl()).endsWith("/mdt/sessions");
      assertThat(block(original).getText()).contains(referral.businessKey());
      page.screenshot("mdt-sessions-page");
      assertThat(browser.findElement(By.id("add-form")).getCssValue("display"))
          .as("its style sheet applied")
          .isEqualTo("grid");
      assertThat(HeadlessChromium.blockedOrMissing(browser))
          .as("nothing blocked by the page's Content Security Policy, nothing missing")
          .isEmpty();

      // A registration cutoff after the session: refused by the server, in French, on the field.
      fillSession(day, "14:00", "120", day.plusDays(1), "12:00", "5", note);
      page.click(By.id("add-submit"));
      By cutoffError = By.cssSelector("#add-form .field-error[data-field='registrationCutoffAt']");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(cutoffError, "doit précéder"));
      assertThat(browser.findElement(By.id("add-error")).getText())
          .startsWith("La séance n’a pas été ajoutée")
          .contains("« Clôture des inscriptions »");
      assertThat(sessionsNoted(note)).isEmpty();
      page.screenshot("mdt-sessions-refused");

      // The same session with its cutoff two days before: added, and listed.
      pick("cutoffDate", day.minusDays(2).toString());
      page.click(By.id("add-submit"));
      By flash = By.id("flash");
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(flash, "Séance ponctuelle ajoutée"));
      List<UUID> added = sessionsNoted(note);
      assertThat(added).hasSize(1);
      MdtSession session = sessions.find(added.get(0)).orElseThrow();
      assertThat(session.startsAt()).isEqualTo(day.atTime(14, 0).atZone(PARIS).toInstant());
      assertThat(session.registrationCutoffAt())
          .isEqualTo(day.minusDays(2).atTime(12, 0).atZone(PARIS).toInstant());
      assertThat(session.endsAt()).isEqualTo(session.startsAt().plus(Duration.ofMinutes(120)));
      assertThat(session.capacity()).isEqualTo(5);
      assertThat(block(session).getText())
          .contains("14h00 – 16h00", "0 / 5", "ponctuelle", "Inscriptions ouvertes", note);
      page.screenshot("mdt-sessions-added");

      // The case moved to the new session.
      WebElement moveForm =
          browser.findElement(
              By.cssSelector("li.case[data-referral-id='" + referral.id() + "'] form.move"));
      new Select(moveForm.findElement(By.name("sessionId"))).selectByValue(session.id().toString());
      moveForm.findElement(By.cssSelector("button[type='submit']")).click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              flash, "Dossier " + referral.businessKey() + " déplacé vers la séance du"));
      assertThat(sessions.currentSessionOf(referral.id()).orElseThrow().id())
          .isEqualTo(session.id());
      assertThat(block(session).getText()).contains("1 / 5", referral.businessKey());
      page.screenshot("mdt-sessions-moved");

      // Its agenda, with the same login.
      page.click(By.cssSelector("tbody[data-session-id='" + session.id() + "'] a.agenda"));
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.tagName("h1"), "RCP de recours sarcomes — ordre du jour"));
      assertThat(browser.getCurrentUrl()).endsWith("/mdt/sessions/" + session.id() + "/agenda");
      assertThat(browser.findElement(By.tagName("body")).getText())
          .contains(referral.businessKey(), "1 dossier(s)");
      page.screenshot("mdt-agenda-from-sessions");
      assertThat(HeadlessChromium.blockedOrMissing(browser))
          .as("the sessions page's actions and the agenda: nothing blocked, nothing missing")
          .isEmpty();
      page.click(By.linkText("← Séances de la RCP"));

      // Cancelled: its case goes to the next session with room.
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("add-form")));
      page.click(
          By.cssSelector("tbody[data-session-id='" + session.id() + "'] button.cancel-open"));
      WebElement cancelForm =
          browser.findElement(
              By.cssSelector("tbody[data-session-id='" + session.id() + "'] form.cancel"));
      cancelForm.findElement(By.name("reason")).sendKeys("Salle indisponible");
      page.screenshot("mdt-sessions-cancelling");
      cancelForm.findElement(By.cssSelector("button[type='submit']")).click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              flash, "1 dossier reporté à la séance suivante ayant de la place"));
      assertThat(sessions.find(session.id()).orElseThrow().isCancelled()).isTrue();
      assertThat(sessions.currentSessionOf(referral.id()).orElseThrow().id()).isEqualTo(later.id());
      assertThat(block(session).getText()).contains("Annulée : Salle indisponible");
      assertThat(block(later).getText()).contains(referral.businessKey());
      page.screenshot("mdt-sessions-cancelled");
    } catch (RuntimeException | AssertionError e) {
      page.keepEvidenceOf(e, "mdt-sessions-failure");
      throw e;
    }
  }

  @Test
  void withoutASessionTheBrowserIsShownTheWayToTheWebappsLogin() {
    page = TasklistPage.inFrench(port);
    try {
      page.browser().get(page.pageUrl("/mdt/sessions"));
      page.waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.tagName("h1"), "Connexion requise"));
      assertThat(page.browser().findElement(By.id("login-tasklist")).getAttribute("href"))
          .endsWith("/camunda/app/tasklist/default/");
      page.screenshot("mdt-sessions-login-required");
      assertThat(page.browser().findElement(By.id("login-tasklist")).getCssValue("border-radius"))
          .as("its style sheet applied")
          .isEqualTo("4px");
      assertThat(HeadlessChromium.blockedOrMissing(page.browser()))
          .as("nothing blocked by the page's Content Security Policy, nothing missing")
          .isEmpty();

      // Logged in to Tasklist (in another tab, as the page offers), "Réessayer" opens the page.
      page.logIn("coordinator");
      page.browser().get(page.pageUrl("/mdt/sessions"));
      page.waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.tagName("h1"), "RCP de recours sarcomes — séances"));
    } catch (RuntimeException | AssertionError e) {
      page.keepEvidenceOf(e, "mdt-sessions-login-failure");
      throw e;
    }
  }

  private WebElement block(MdtSession session) {
    return page.browser()
        .findElement(By.cssSelector("tbody.session[data-session-id='" + session.id() + "']"));
  }

  private void fillSession(
      LocalDate day,
      String time,
      String minutes,
      LocalDate cutoffDay,
      String cutoffTime,
      String capacity,
      String note) {
    WebDriver browser = page.browser();
    pick("startDate", day.toString());
    pick("startTime", time);
    TasklistPage.type(browser.findElement(By.id("durationMinutes")), minutes);
    pick("cutoffDate", cutoffDay.toString());
    pick("cutoffTime", cutoffTime);
    TasklistPage.type(browser.findElement(By.id("capacity")), capacity);
    TasklistPage.type(browser.findElement(By.id("note")), note);
  }

  /**
   * Sets a date or time field as its picker does. Typed digits would depend on the order the field shows (headless
   * Chromium formats these fields by the system's locale, not by its --lang), while the value is always ISO.
   */
  private void pick(String id, String isoValue) {
    ((JavascriptExecutor) page.browser())
        .executeScript(
            "arguments[0].value = arguments[1];"
                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            page.browser().findElement(By.id(id)),
            isoValue);
    assertThat(page.browser().findElement(By.id(id)).getDomProperty("value")).isEqualTo(isoValue);
  }

  private List<UUID> sessionsNoted(String note) {
    return jdbc.queryForList("select id from mdt_session where note = ?", UUID.class, note);
  }
}
