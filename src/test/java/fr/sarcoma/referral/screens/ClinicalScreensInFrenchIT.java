package fr.sarcoma.referral.screens;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.mdt.MdtSessions;
import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.ReferralService;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.EnglishWords;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import fr.sarcoma.referral.support.TasklistPage;
import fr.sarcoma.referral.support.VisibleStrings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * No English on a screen a French clinician opens. A French browser walks the pathway as each role
 * would: the login page, Tasklist's start page and menus, the start form, every task form of the
 * main path (the coordinators' booking and report entry of an order handled by hand included) with form-js's messages on display, the MDT decision's participant list in use (form-js's tag list), every tab of a task (Dossier included), the patient
 * search and the file it opens, the MDT sessions and a session's agenda, the login page of our
 * pages, the webapps' welcome page and the managers' dashboard. Every visible string of each screen is written to {@code
 * target/screenshots/visible-strings.txt} (with a screenshot of each screen), and none may hold an
 * English word ({@link EnglishWords}). Camunda's Admin and Cockpit are for administrators and are
 * not walked.
 */
@PostgresIntegrationTest
class ClinicalScreensInFrenchIT {

  private static final String PROCESS_NAME =
      "Parcours : anomalie de l'os ou des tissus mous (ONCOLOR 2019)";

  /**
   * The webapps' engine selector, which shows the engine's name ("default") only when the JVM holds
   * more than one engine: the test JVM does (the contexts of other test classes stay open), a
   * running service does not.
   */
  private static final String TEST_ONLY = "li.engine-select";

  @Autowired PathwayDriver pathway;
  @Autowired MdtSessions sessions;
  @Autowired ReferralService referrals;
  @LocalServerPort int port;

  private final Map<String, List<String>> screens = new LinkedHashMap<>();
  private TasklistPage page;

  @AfterEach
  void quitBrowser() {
    if (page != null) {
      page.quit();
    }
  }

  @Test
  void everyScreenAClinicianOpensIsInFrench() throws IOException {
    try {
      walkThePathway();
    } catch (RuntimeException | AssertionError e) {
      page.keepEvidenceOf(e, "french-screens-failure");
      throw e;
    } finally {
      writeStrings();
    }
    Map<String, List<String>> english = new LinkedHashMap<>();
    screens.forEach(
        (screen, strings) ->
            strings.stream()
                .filter(text -> !EnglishWords.in(text).isEmpty())
                .forEach(
                    text ->
                        english
                            .computeIfAbsent(screen, ignored -> new ArrayList<>())
                            .add(text + "  <- " + EnglishWords.in(text))));
    assertThat(screens).as("screens walked").hasSizeGreaterThanOrEqualTo(20);
    assertThat(screens.values()).allSatisfy(strings -> assertThat(strings).isNotEmpty());
    assertThat(english).as("English strings, by screen").isEmpty();
  }

  private void walkThePathway() {
    // The coordinator: the login page, the start page, the menus, the start form.
    as("coordinator", false);
    page.browser().get(page.url());
    page.waiting()
        .until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=password]")));
    record("connexion");
    as("coordinator", true);
    record("tasklist-accueil-coordination");
    page.click(By.cssSelector("li.account > a.dropdown-toggle"));
    record("tasklist-menu-utilisateur");
    page.browser().navigate().refresh();
    page.click(By.xpath("//a[normalize-space()='Démarrer un processus']"));
    page.waiting()
        .until(
            ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//a[normalize-space()=\"" + PROCESS_NAME + "\"]")));
    record("demarrer-un-processus");
    page.click(By.xpath("//a[normalize-space()=\"" + PROCESS_NAME + "\"]"));
    page.waitForField("Field_intakePatientName");
    showFieldMessages();
    record("formulaire-de-demande");

    // The pathway's tasks, each opened by its group.
    Referral referral =
        pathway.refer(
            Site.BONE, Presentation.SWELLING_OR_PAIN, 9.0, Depth.DEEP, PriorProcedure.NONE);
    // An order handled by hand: the coordinators book it, then enter its report.
    openTask(referral, "Task_ScheduleExam", "coordinator", true);
    String inAWeek =
        java.time.LocalDate.now()
            .plusDays(7)
            .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    pathway.complete(
        referral,
        "Task_ScheduleExam",
        "coordinator",
        Map.of("scheduledFor", inAWeek, "scheduledPlace", "CHRU de Nancy, imagerie"));
    openTask(referral, "Task_EnterExamReport", "coordinator", true);
    pathway.reportExam(referral, "XRAY");
    openTask(referral, "Task_ClassifyInitialImaging", "radiologist", true);
    pathway.complete(
        referral,
        "Task_ClassifyInitialImaging",
        "radiologist",
        PathwayDriver.classification("AGGRESSIVE", false));
    pathway.reportExam(referral, "MRI");
    openTask(referral, "Task_ReportCharacterisation", "radiologist", false);
    pathway.complete(
        referral,
        "Task_ReportCharacterisation",
        "radiologist",
        PathwayDriver.characterisation("AGGRESSIVE", true, "LYTIC", "OTHER", false));
    pathway.reportExam(referral, "CHEST_CT");
    pathway.reportExam(referral, "FDG_PET");
    openTask(referral, "Task_PrepareMdtCase", "coordinator", false);
    pathway.complete(referral, "Task_PrepareMdtCase", "coordinator", PathwayDriver.mdtCase(false));
    UUID sessionId = sessions.currentSessionOf(referral.id()).orElseThrow().id();
    pathway.fireTimer(referral, "TimerEvent_MdtSession");
    // The participant list in use: a participant chosen by name (its tag, its remove button, the
    // link to the search input), the other clinicians offered; then a name matching no one.
    openTask(
        referral,
        "Task_RecordMdtDecision",
        "mdtchair",
        false,
        () -> {
          page.chooseTag("Field_participants", "Lef", "Dr Sophie Lefèvre — chirurgien");
          page.waiting()
              .until(
                  ExpectedConditions.visibilityOfElementLocated(
                      By.cssSelector(".fjs-form-field-taglist .fjs-dropdownlist-item")));
          record("Task_RecordMdtDecision-participants");
          assertThat(screens.get("Task_RecordMdtDecision-participants"))
              .as("form-js's tag list, in French (sarcoma-forms-fr.js)")
              .contains(
                  "Rechercher", "Aller à la recherche", "Retirer Dr Sophie Lefèvre — chirurgien");
          page.browser().findElement(TasklistPage.fieldOf("Field_participants")).sendKeys("zzz");
          page.waiting()
              .until(
                  ExpectedConditions.visibilityOfElementLocated(
                      By.cssSelector(".fjs-form-field-taglist .fjs-dropdownlist-empty")));
          record("Task_RecordMdtDecision-participants-aucun");
          assertThat(screens.get("Task_RecordMdtDecision-participants-aucun"))
              .contains("Aucun résultat");
        });
    pathway.complete(
        referral,
        "Task_RecordMdtDecision",
        "mdtchair",
        PathwayDriver.decision("BIOPSY", PathwayDriver.QUORUM));
    openTask(referral, "Task_AgreeBiopsyApproach", "surgeon", false);
    pathway.complete(referral, "Task_AgreeBiopsyApproach", "surgeon", PathwayDriver.approach(true));
    pathway.reportExam(referral, "BIOPSY");
    openTask(referral, "Task_ReviewBiopsyResult", "pathologist", true);

    Referral late =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            3.0,
            Depth.SUPERFICIAL,
            PriorProcedure.NONE);
    pathway.fireTimer(late, "BoundaryEvent_ReportOverdue");
    openTask(late, "Task_HandleOverdueExam", "coordinator", false);

    // Our pages, opened from the same login: the patient search and the file it leads to, the
    // agenda.
    String ipp = referrals.summary(referral.id()).orElseThrow().patientIdentifier();
    page.click(By.id("sarcoma-patient-search"));
    page.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("q")));
    record("recherche-patient");
    page.browser().get("http://localhost:" + port + "/patients?q=" + ipp);
    page.click(
        By.xpath(
            "//a[contains(@class,'file-link')][normalize-space()='"
                + referral.businessKey()
                + "']"));
    page.waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#sarcoma-file .sarcoma-dossier"), referral.businessKey()));
    record("dossier-patient");
    page.browser().get("http://localhost:" + port + "/mdt/sessions/" + sessionId + "/agenda");
    page.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("h1, main")));
    record("agenda-rcp");
    page.browser().get(page.pageUrl("/mdt/sessions"));
    page.click(By.id("add-submit"));
    page.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("add-error")));
    record("seances-rcp");

    // Our pages without a login, then the managers' screens.
    as("manager", false);
    page.browser().get(page.pageUrl("/mdt/sessions"));
    page.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-tasklist")));
    record("connexion-requise");
    page.logInToWelcome("manager");
    record("accueil-webapps-direction");
    page.browser().get(page.pageUrl("/dashboard"));
    page.waiting()
        .until(
            ExpectedConditions.not(
                ExpectedConditions.textToBePresentInElementLocated(By.id("period"), "Chargement")));
    record("tableau-de-bord");
  }

  /**
   * Opens the task in its group's Tasklist: the list with its card, then each tab of the task (the
   * form claimed and, when asked, each field's message on display).
   */
  private void openTask(Referral referral, String taskKey, String user, boolean withMessages) {
    openTask(referral, taskKey, user, withMessages, () -> {});
  }

  /** As above, {@code onForm} done on the claimed form (its screens recorded) before the tabs. */
  private void openTask(
      Referral referral, String taskKey, String user, boolean withMessages, Runnable onForm) {
    String taskId = pathway.task(referral, taskKey).getId();
    as(user, true);
    page.browser().get(page.url() + "#/?task=" + taskId);
    By claim = By.xpath("//button[normalize-space()='Prendre en charge']");
    page.click(claim);
    page.waiting().until(ExpectedConditions.invisibilityOfElementLocated(claim));
    page.waiting()
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form-field")));
    if (withMessages) {
      showFieldMessages();
    }
    record(taskKey + "-formulaire");
    onForm.run();
    By tabs = By.cssSelector(".task-details ul.nav-tabs > li > a");
    int count = page.browser().findElements(tabs).size();
    assertThat(count).as("tabs of " + taskKey).isGreaterThanOrEqualTo(4);
    for (int tab = 1; tab < count; tab++) {
      WebElement link = page.browser().findElements(tabs).get(tab);
      String name = link.getText().trim();
      link.click();
      waitForTab(name);
      record(taskKey + "-onglet-" + name);
    }
  }

  /** Until the tab's content is drawn: the file read from our API, the diagram, or a moment. */
  private void waitForTab(String name) {
    By drawn =
        switch (name) {
          case "Dossier" -> By.cssSelector(".sarcoma-dossier h4");
          case "Diagramme" -> By.cssSelector(".djs-container svg");
          default -> null;
        };
    if (drawn != null) {
      page.waiting().until(ExpectedConditions.visibilityOfElementLocated(drawn));
    }
    TasklistPage.pause(java.time.Duration.ofMillis(400));
  }

  /** Each field focused then left, as a user tabbing through: form-js shows its messages. */
  private void showFieldMessages() {
    ((JavascriptExecutor) page.browser())
        .executeScript(
            """
            for (const input of document.querySelectorAll('.fjs-form input, .fjs-form textarea')) {
              input.focus();
              input.blur();
            }""");
    TasklistPage.pause(java.time.Duration.ofMillis(800));
  }

  /** A French browser with the user logged in, or only at the login page. */
  private void as(String user, boolean loggedIn) {
    if (page != null) {
      page.quit();
    }
    page = TasklistPage.inFrench(port);
    if (loggedIn) {
      page.logIn(user);
      TasklistPage.pause(java.time.Duration.ofSeconds(1));
    }
  }

  private void record(String screen) {
    page.screenshot("francais-" + screen);
    screens.put(screen, VisibleStrings.on(page.browser(), TEST_ONLY));
  }

  private void writeStrings() throws IOException {
    StringBuilder out = new StringBuilder();
    screens.forEach(
        (screen, strings) -> {
          out.append("== ").append(screen).append('\n');
          strings.forEach(
              text -> {
                List<String> english = EnglishWords.in(text);
                out.append(english.isEmpty() ? "   " : "EN ").append(text);
                out.append(english.isEmpty() ? "" : "  <- " + english).append('\n');
              });
        });
    Files.createDirectories(TasklistPage.SCREENSHOTS);
    Files.writeString(
        TasklistPage.SCREENSHOTS.resolve("visible-strings.txt"),
        out.toString(),
        StandardCharsets.UTF_8);
  }
}
