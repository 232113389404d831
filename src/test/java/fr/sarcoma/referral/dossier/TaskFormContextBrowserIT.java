package fr.sarcoma.referral.dossier;

import static fr.sarcoma.referral.support.PathwayDriver.QUORUM;
import static fr.sarcoma.referral.support.PathwayDriver.approach;
import static fr.sarcoma.referral.support.PathwayDriver.decision;
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
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The patient where clinicians work (issue 12), in a real headless Chromium whose language is French:
 * above the task's form, in its form tab, a banner shows the patient (name, sex, age, IPP, referral
 * number, urgency, site, size, depth) and what the task acts on (scripts/sarcoma-form-context.js): the
 * radiologist classifying the initial imaging reads the exam's report there, and still completes the
 * form; the surgeon agreeing the approach reads the MDT's target zone and centre (S3c, M5); the
 * pathologist reviewing the biopsy reads its result. A file that cannot be read leaves a French message
 * and the form. Screenshots go to {@code target/screenshots/}.
 */
@PostgresIntegrationTest
class TaskFormContextBrowserIT {

  private static final By BANNER =
      By.cssSelector(".task-details [cam-tasklist-form] .sarcoma-form-context");
  private static final By CLAIM = By.xpath("//button[normalize-space()='Prendre en charge']");
  private static final By COMPLETE = By.xpath("//button[normalize-space()='Terminer']");
  private static final String TODAY =
      LocalDate.now().format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));

  private static final String ULTRASOUND_CONCLUSION = "Masse tissulaire hétérogène vascularisée";
  private static final String ULTRASOUND_REPORT =
      "Formation hypoéchogène hétérogène de 9 cm, sous-aponévrotique, de la loge antérieure de la"
          + " cuisse gauche, avec hypervascularisation au Doppler.";
  private static final String BIOPSY_CONCLUSION = "Sarcome pléomorphe indifférencié de haut grade";
  private static final String BIOPSY_REPORT =
      "Prolifération de cellules fusiformes et pléomorphes, index mitotique élevé, nécrose de 30 %."
          + " Grade 3 de la FNCLCC.";

  @Autowired PathwayDriver pathway;
  @Autowired ReferralService referrals;
  @Autowired TaskService taskService;
  @LocalServerPort int port;

  private TasklistPage page;

  @AfterEach
  void quitBrowser() {
    if (page != null) {
      page.quit();
    }
  }

  @Test
  void theRadiologistsFormShowsThePatientAndTheReportBeingClassified() {
    page = TasklistPage.inFrench(port);
    try {
      Referral referral =
          pathway.refer(
              Site.SOFT_TISSUE,
              Presentation.SWELLING_OR_PAIN,
              9.0,
              Depth.DEEP,
              PriorProcedure.NONE);
      pathway.reportExam(referral, "ULTRASOUND", ULTRASOUND_CONCLUSION, ULTRASOUND_REPORT);
      String taskId = pathway.task(referral, "Task_ClassifyInitialImaging").getId();
      String ipp = referrals.summary(referral.id()).orElseThrow().patientIdentifier();

      page.logIn("radiologist");
      openTask(taskId);
      page.waitForField("Field_classificationComment");
      String shown = bannerWith(ULTRASOUND_REPORT);
      assertThat(shown)
          .contains("Patient Test", "Femme", "ans", "IPP " + ipp)
          .contains("Dossier " + referral.businessKey(), "Parties molles", "9 cm", "Profonde")
          .containsAnyOf("Urgent", "Non urgent")
          .contains("Imagerie initiale à classer", "Échographie", ULTRASOUND_REPORT);
      assertThat(fact("sarcoma-dossier-exam", "Protocole")).isNotBlank();
      assertThat(fact("sarcoma-dossier-exam", "Réalisé le")).isEqualTo(TODAY);
      assertThat(fact("sarcoma-dossier-exam", "Conclusion")).isEqualTo(ULTRASOUND_CONCLUSION);
      assertOneBannerRightAboveTheForm(taskId);
      page.screenshot("tasklist-form-context-classification");

      // Another tab and back: Angular draws the form again, the banner is put back, once.
      page.click(tab("Dossier"));
      page.waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.cssSelector(".sarcoma-dossier"), ULTRASOUND_REPORT));
      page.click(tab("Formulaire"));
      page.waitForField("Field_classificationComment");
      assertThat(bannerWith(ULTRASOUND_REPORT)).contains("IPP " + ipp);
      assertOneBannerRightAboveTheForm(taskId);

      // The form still completes, with the banner above it.
      page.click(CLAIM);
      page.waiting().until(ExpectedConditions.invisibilityOfElementLocated(CLAIM));
      page.chooseOption("Field_imagingConclusion", "Lésion agressive");
      page.click(COMPLETE);
      page.waiting().until(ignored -> taskService.createTaskQuery().taskId(taskId).count() == 0);
      page.waiting()
          .until(
              ignored ->
                  page.browser()
                      .findElements(
                          By.cssSelector(".sarcoma-form-context[data-task-id='" + taskId + "']"))
                      .isEmpty());
      pathway.runJobs(referral);
      assertThat(pathway.passed(referral, "Task_ClassifyInitialImaging")).isTrue();
    } catch (RuntimeException | AssertionError e) {
      page.keepEvidenceOf(e, "form-context-classification-failure");
      throw e;
    }
  }

  @Test
  void theSurgeonSeesTheMdtsTargetZoneAndCentreAndThePathologistTheBiopsyResult() {
    Referral referral = pathway.atMdtSession(Site.SOFT_TISSUE);
    pathway.complete(referral, "Task_RecordMdtDecision", "mdtchair", decision("BIOPSY", QUORUM));
    String ipp = referrals.summary(referral.id()).orElseThrow().patientIdentifier();

    page = TasklistPage.inFrench(port);
    try {
      page.logIn("surgeon");
      openTask(pathway.task(referral, "Task_AgreeBiopsyApproach").getId());
      page.waitForField("Field_biopsyApproach");
      String shown = bannerWith("Centre de référence sarcomes");
      assertThat(shown)
          .contains("Patient Test", "IPP " + ipp, "Dossier " + referral.businessKey())
          .contains("Décision de RCP : biopsie", "Biopsie");
      assertThat(fact("sarcoma-dossier-decision", "Technique de biopsie")).isNotBlank();
      assertThat(fact("sarcoma-dossier-decision", "Zone cible"))
          .isEqualTo("Portion charnue antéro-latérale");
      assertThat(fact("sarcoma-dossier-decision", "Centre"))
          .isEqualTo("Centre de référence sarcomes");
      assertThat(fact("sarcoma-dossier-decision", "Argumentaire"))
          .isEqualTo("Discussion collégiale");
      assertThat(fact("sarcoma-dossier-section", "Zone la plus représentative pour la biopsie"))
          .as("the characterisation's target zone")
          .isEqualTo("Portion charnue antéro-latérale, rehaussée");
      page.screenshot("tasklist-form-context-approach");
    } catch (RuntimeException | AssertionError e) {
      page.keepEvidenceOf(e, "form-context-approach-failure");
      throw e;
    }
    page.quit();

    pathway.complete(referral, "Task_AgreeBiopsyApproach", "surgeon", approach(true));
    pathway.reportExam(referral, "BIOPSY", BIOPSY_CONCLUSION, BIOPSY_REPORT);
    page = TasklistPage.inFrench(port);
    try {
      page.logIn("pathologist");
      openTask(pathway.task(referral, "Task_ReviewBiopsyResult").getId());
      page.waitForField("Field_pathologyReview");
      String shown = bannerWith(BIOPSY_REPORT);
      assertThat(shown)
          .contains("Patient Test", "IPP " + ipp, "Dossier " + referral.businessKey())
          .contains("Résultat de la biopsie", "Biopsie", BIOPSY_REPORT)
          .contains("Décision de RCP", "Centre de référence sarcomes")
          .contains("Voie antéro-latérale, trajet inclus dans la future voie d'exérèse");
      assertThat(fact("sarcoma-dossier-exam", "Réalisé le")).isEqualTo(TODAY);
      assertThat(fact("sarcoma-dossier-exam", "Conclusion")).isEqualTo(BIOPSY_CONCLUSION);
      page.screenshot("tasklist-form-context-biopsy-result");
    } catch (RuntimeException | AssertionError e) {
      page.keepEvidenceOf(e, "form-context-biopsy-result-failure");
      throw e;
    }
  }

  @Test
  void aFileThatCannotBeReadLeavesAFrenchMessageAboveTheForm() {
    Referral refused = classificationWaiting();
    Referral unreachable = classificationWaiting();
    page = TasklistPage.inFrench(port);
    try {
      page.logIn("radiologist");
      // The file's API answers as need-to-know refuses (403, a French reason), then not at all.
      failFileReads(
          "Promise.resolve(new Response(JSON.stringify({detail: 'Accès refusé : vous ne prenez pas"
              + " en charge ce patient.'}), {status: 403, headers: {'Content-Type':"
              + " 'application/problem+json'}}))");
      openTask(pathway.task(refused, "Task_ClassifyInitialImaging").getId());
      page.waitForField("Field_classificationComment");
      assertThat(bannerWith("Accès refusé"))
          .isEqualTo("Accès refusé : vous ne prenez pas en charge ce patient.");
      page.screenshot("tasklist-form-context-refused");

      failFileReads("Promise.reject(new TypeError('Failed to fetch'))");
      String unreachableTask = pathway.task(unreachable, "Task_ClassifyInitialImaging").getId();
      openTask(unreachableTask);
      page.waitForField("Field_classificationComment");
      assertThat(bannerWith("indisponible")).isEqualTo("Dossier du patient indisponible.");
      assertOneBannerRightAboveTheForm(unreachableTask);
    } catch (RuntimeException | AssertionError e) {
      page.keepEvidenceOf(e, "form-context-unreadable-failure");
      throw e;
    }
  }

  private Referral classificationWaiting() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE, Presentation.SWELLING_OR_PAIN, 4.0, Depth.DEEP, PriorProcedure.NONE);
    pathway.reportExam(referral, "ULTRASOUND");
    return referral;
  }

  /** Opens the task in Tasklist as a link to it does (the page is not reloaded). */
  private void openTask(String taskId) {
    if (!page.browser().getCurrentUrl().startsWith(page.url())) {
      page.browser().get(page.url());
    }
    ((JavascriptExecutor) page.browser())
        .executeScript("window.location.hash = '#/?task=' + arguments[0];", taskId);
  }

  /** From now on the page's reads of a patient's file get this answer (a script's promise). */
  private void failFileReads(String answer) {
    ((JavascriptExecutor) page.browser())
        .executeScript(
            "window.sarcomaFetch = window.sarcomaFetch || window.fetch;"
                + " window.fetch = (url, options) => String(url).includes('/api/referrals/') ? "
                + answer
                + " : window.sarcomaFetch(url, options);");
  }

  /** The banner's text once it holds that text. */
  private String bannerWith(String text) {
    page.waiting().until(ExpectedConditions.textToBePresentInElementLocated(BANNER, text));
    return page.browser().findElement(BANNER).getText();
  }

  /** In the banner, the value of a fact (a dl's dd after its dt) in the first element of that class. */
  private String fact(String className, String term) {
    return page.browser()
        .findElement(BANNER)
        .findElement(
            By.xpath(
                ".//*[contains(concat(' ', @class, ' '), ' "
                    + className
                    + " ')]//dt[normalize-space()=\""
                    + term
                    + "\"]/following-sibling::dd[1]"))
        .getText()
        .trim();
  }

  /** One banner on the page, the task's, just before form-js's container in the form tab. */
  private void assertOneBannerRightAboveTheForm(String taskId) {
    assertThat(page.browser().findElements(By.cssSelector(".sarcoma-form-context"))).hasSize(1);
    WebElement banner = page.browser().findElement(BANNER);
    assertThat(banner.getDomAttribute("data-task-id")).isEqualTo(taskId);
    assertThat(
            (Boolean)
                ((JavascriptExecutor) page.browser())
                    .executeScript(
                        "return arguments[0].nextElementSibling.matches("
                            + "'[cam-tasklist-form-camunda]') && arguments[0].nextElementSibling"
                            + ".querySelector('.fjs-form') !== null;",
                        banner))
        .as("right above the form")
        .isTrue();
  }

  private static By tab(String name) {
    return By.xpath(
        "//*[contains(@class,'task-details')]//ul[contains(@class,'nav-tabs')]//a[normalize-space()='"
            + name
            + "']");
  }
}
