package fr.sarcoma.referral.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.ReferralService;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.HeadlessChromium;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import fr.sarcoma.referral.support.TasklistPage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A coordinator at a French hospital, in a real headless Chromium: finds a patient from Tasklist's top
 * bar ("Rechercher un patient") by IPP and opens the referral's file; and, starting a referral for a
 * patient already known, is stopped by the warning until they confirm (scripts/sarcoma-patients.js).
 * Screenshots go to {@code target/screenshots/}.
 */
@PostgresIntegrationTest
class PatientSearchBrowserIT {

  private static final String PROCESS_NAME =
      "Parcours : anomalie de l'os ou des tissus mous (ONCOLOR 2019)";
  private static final By START =
      By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space()='Démarrer']");
  private static final By WARNING = By.id("sarcoma-duplicate-warning");

  @Autowired PathwayDriver pathway;
  @Autowired ReferralService referrals;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  private TasklistPage page;
  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void startBrowser() {
    page = TasklistPage.inFrench(port);
    browser = page.browser();
    wait = page.waiting();
  }

  @AfterEach
  void quitBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theCoordinatorFindsThePatientByIppFromTasklistAndOpensTheFile() {
    try {
      Referral referral =
          pathway.refer(
              Site.SOFT_TISSUE,
              Presentation.SWELLING_OR_PAIN,
              9.0,
              Depth.DEEP,
              PriorProcedure.NONE);
      pathway.reportExam(referral, "ULTRASOUND");
      String taskId = pathway.task(referral, "Task_ClassifyInitialImaging").getId();
      String ipp = referrals.summary(referral.id()).orElseThrow().patientIdentifier();

      page.logIn("coordinator");
      By entry = By.id("sarcoma-patient-search");
      assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(entry)).getText())
          .isEqualTo("Rechercher un patient");
      page.screenshot("tasklist-navbar-patient-search");
      HeadlessChromium.blockedOrMissing(browser);
      page.click(entry);

      WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("q")));
      box.sendKeys(ipp);
      page.click(By.xpath("//form[@role='search']//button[normalize-space()='Rechercher']"));
      By row =
          By.xpath(
              "//table[@id='search-results']//tr[contains(@class,'search-result')][.//a[normalize-space()='"
                  + referral.businessKey()
                  + "']]");
      WebElement found = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
      assertThat(browser.findElements(By.cssSelector("tr.search-result"))).hasSize(1);
      assertThat(found.getText())
          .contains(referral.businessKey(), "Patient Test", "Femme", "01/01/1970", ipp)
          .contains("Parties molles", "Classement");
      page.screenshot("patient-search-results");
      assertThat(browser.findElement(By.tagName("form")).getCssValue("border-radius"))
          .as("its style sheet applied")
          .isEqualTo("6px");
      assertThat(HeadlessChromium.blockedOrMissing(browser))
          .as("nothing blocked by the page's Content Security Policy, nothing missing")
          .isEmpty();

      page.click(
          By.xpath(
              "//a[contains(@class,'file-link')][normalize-space()='"
                  + referral.businessKey()
                  + "']"));
      By dossier = By.cssSelector("#sarcoma-file .sarcoma-dossier");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(dossier, "Tâches en cours"));
      assertThat(browser.findElement(By.tagName("h1")).getText())
          .isEqualTo("Dossier " + referral.businessKey() + " — Patient Test");
      assertThat(browser.findElement(dossier).getText())
          .contains("Patient Test", ipp, referral.businessKey())
          .contains("Échographie", "Compte rendu disponible", "Demande reçue");
      WebElement task = browser.findElement(By.cssSelector("a.sarcoma-dossier-task"));
      assertThat(task.getAttribute("href"))
          .endsWith("/camunda/app/tasklist/default/#/?task=" + taskId);
      page.screenshot("patient-file");
      assertThat(
              browser
                  .findElement(By.cssSelector(".sarcoma-dossier-section"))
                  .getCssValue("border-top-style"))
          .as("its style sheet applied")
          .isEqualTo("solid");
      assertThat(HeadlessChromium.blockedOrMissing(browser))
          .as("its script and the Dossier tab's, allowed by the page's Content Security Policy")
          .isEmpty();
    } catch (RuntimeException | AssertionError e) {
      page.keepEvidenceOf(e, "patient-search-failure");
      throw e;
    }
  }

  @Test
  void startingAReferralForAKnownIppShowsTheWarningUntilTheCoordinatorConfirms() {
    try {
      String ipp = "IPP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
      String name = "Hélène " + PatientSearchIT.uniqueLetters();
      HttpCalls.Response known =
          HttpCalls.to(port)
              .as("coordinator", "demo")
              .postJson(
                  "/api/referrals",
                  """
                  {"patientIdentifier": "%s", "patientDisplayName": "%s", "birthDate": "1958-11-03",
                   "sex": "FEMALE", "referringPhysician": "Dr Durand (Nancy)", "presentation": "SWELLING_OR_PAIN",
                   "site": "SOFT_TISSUE", "anatomicalLocation": "cuisse", "largestDimensionCm": 3,
                   "depth": "SUPERFICIAL", "priorProcedure": "NONE"}
                  """
                      .formatted(ipp, name));
      assertThat(known.status()).isEqualTo(201);
      String knownNumber = known.json().path("businessKey").asText();

      page.logIn("coordinator");
      page.click(By.xpath("//a[normalize-space()='Démarrer un processus']"));
      page.click(By.xpath("//a[normalize-space()=\"" + PROCESS_NAME + "\"]"));
      fillStartForm(ipp, name, "03/11/1958");
      page.click(START);

      WebElement warning = wait.until(ExpectedConditions.visibilityOfElementLocated(WARNING));
      assertThat(warning.getAttribute("role")).isEqualTo("alertdialog");
      assertThat(warning.getText())
          .contains("Attention : patient peut-être déjà connu")
          .contains("La demande n’est pas encore enregistrée.")
          .contains(
              "Patient déjà connu du réseau (IPP "
                  + ipp
                  + ") : une demande déjà enregistrée, "
                  + knownNumber)
          .contains("Une demande est encore en cours");
      assertThat(warning.findElement(By.cssSelector("a.sarcoma-duplicate-referral")).getText())
          .isEqualTo(knownNumber);
      assertThat(
              ((JavascriptExecutor) browser)
                  .executeScript(
                      "const r = arguments[0].getBoundingClientRect();"
                          + " return [r.left, r.top, r.width - innerWidth, r.height - innerHeight,"
                          + " getComputedStyle(arguments[0]).backgroundColor].join(' ');",
                      warning))
          .as("over the whole start form, which it dims")
          .isEqualTo("0 0 0 0 rgba(0, 0, 0, 0.45)");
      page.screenshot("tasklist-start-duplicate-warning");
      TasklistPage.pause(Duration.ofSeconds(1));
      assertThat(referralsOf(ipp)).as("nothing sent while the warning shows").hasSize(1);

      // Back to the form: nothing sent; the next Start asks again.
      page.click(By.cssSelector("#sarcoma-duplicate-warning .sarcoma-duplicate-back"));
      wait.until(ExpectedConditions.invisibilityOfElementLocated(WARNING));
      assertThat(referralsOf(ipp)).hasSize(1);
      page.click(START);
      wait.until(ExpectedConditions.visibilityOfElementLocated(WARNING));

      // Confirmed: the referral is registered for the known patient, and its number shown.
      page.click(By.cssSelector("#sarcoma-duplicate-warning .sarcoma-duplicate-confirm"));
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-dialog")));
      WebElement confirmation =
          wait.until(
              ExpectedConditions.visibilityOfElementLocated(By.id("sarcoma-start-confirmation")));
      List<String> numbers =
          wait.until(ignored -> referralsOf(ipp).size() == 2 ? referralsOf(ipp) : null);
      String started =
          numbers.stream().filter(number -> !number.equals(knownNumber)).findFirst().orElseThrow();
      assertThat(confirmation.getText()).contains("Numéro de la demande : " + started);
    } catch (RuntimeException | AssertionError e) {
      page.keepEvidenceOf(e, "patient-duplicate-failure");
      throw e;
    }
  }

  private void fillStartForm(String ipp, String name, String birthDate) {
    page.typeLikeAUser(page.waitForField("Field_intakePatientIdentifier"), ipp);
    page.typeLikeAUser(page.waitForField("Field_intakePatientName"), name);
    page.typeLikeAUser(page.waitForField("Field_intakeBirthDate"), birthDate);
    page.choose("Field_intakeSex", "Femme");
    page.typeLikeAUser(
        page.waitForField("Field_intakeReferringPhysician"), "Dr Lemoine, médecin généraliste");
    page.typeLikeAUser(page.waitForField("Field_intakeAnatomicalLocation"), "cuisse gauche");
    page.chooseOption("Field_presentation", "Tuméfaction et/ou douleur");
    page.chooseOption("Field_site", "Parties molles");
    page.typeLikeAUser(page.waitForField("Field_largestDimensionCm"), "3");
    page.chooseOption("Field_depth", "Superficielle (sus-aponévrotique)");
    page.chooseOption("Field_priorProcedure", "Aucun");
  }

  private List<String> referralsOf(String ipp) {
    return jdbc.queryForList(
        "select r.business_key from referral r join patient p on p.id = r.patient_id where p.identifier = ?",
        String.class,
        ipp);
  }
}
