package fr.sarcoma.referral.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.ReferralService;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import fr.sarcoma.referral.support.TasklistPage;
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

/**
 * The patient in Tasklist, in a real headless Chromium, as a radiologist: the card of the
 * classification task shows the patient (name, sex, age, IPP, referral number, urgency, site), and
 * the task's "Dossier" tab shows the exam being classified with its report, all read from our API
 * with the Tasklist session (scripts/sarcoma-dossier.js). Screenshots go to {@code
 * target/screenshots/}.
 */
@PostgresIntegrationTest
class TasklistDossierBrowserIT {

  private static final String GROUP_FILTER = "Tâches de mon groupe";

  @Autowired PathwayDriver pathway;
  @Autowired ReferralService referrals;
  @LocalServerPort int port;

  private TasklistPage page;
  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void startBrowser() {
    page = TasklistPage.inEnglish(port);
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
  void theRadiologistSeesThePatientOnTheCardAndTheReportInTheDossierTab() {
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

      page.logIn("radiologist");
      page.click(
          By.xpath(
              "//div[contains(@class,'task-filter')]/h4/a[starts-with(normalize-space(),'"
                  + GROUP_FILTER
                  + "')]"));
      page.showTaskInList(taskId);
      By card =
          By.xpath(
              "//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')][.//a[contains(@href,'task="
                  + taskId
                  + "')]]//div[contains(@class,'sarcoma-card')]");
      // Visible on the collapsed card: the patient comes before the card's variables.
      wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "IPP " + ipp));
      String cardText = browser.findElement(card).getText();
      assertThat(cardText)
          .contains("Patient Test", "Femme", "ans", "IPP " + ipp)
          .contains("Dossier " + referral.businessKey(), "Parties molles");
      assertThat(cardText).containsAnyOf("Urgent", "Non urgent");
      page.screenshot("tasklist-card-patient");

      page.click(By.cssSelector("ol.tasks-list li.task a[href$='task=" + taskId + "']"));
      page.click(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='Dossier']"));
      By dossier = By.cssSelector(".sarcoma-dossier");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(dossier, "Voir compte rendu"));
      WebElement shown = browser.findElement(dossier);
      assertThat(shown.getText())
          .contains("Patient Test", ipp, referral.businessKey())
          .contains("Échographie", "Résultat reçu", "Compte rendu disponible", "Voir compte rendu")
          .contains("Pas encore de compte rendu de caractérisation.")
          .contains("Aucune décision de RCP.", "Demande reçue");
      assertThat(shown.findElements(By.cssSelector(".sarcoma-dossier-exam"))).hasSize(1);
      // The exam and its report in view.
      ((JavascriptExecutor) browser)
          .executeScript(
              "arguments[0].scrollIntoView({block: 'center'});",
              shown.findElement(By.cssSelector(".sarcoma-dossier-report")));
      page.screenshot("tasklist-dossier-tab");
    } catch (RuntimeException | AssertionError e) {
      page.keepEvidenceOf(e, "dossier-failure");
      throw e;
    }
  }
}
