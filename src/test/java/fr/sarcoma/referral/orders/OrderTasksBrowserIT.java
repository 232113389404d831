package fr.sarcoma.referral.orders;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import fr.sarcoma.referral.support.TasklistPage;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Without an order system, in a real headless Chromium whose language is French: a coordinator finds the
 * booking of a new referral's first exam in her Tasklist ("Programmer l'examen : Échographie", the patient on
 * the card, and above the form the exam to book with its protocol), books it in its form, then enters the report in "Saisir le compte rendu" (a performed date to come
 * is caught before anything is sent), and the pathway goes on to the radiologist's classification. Screenshots
 * go to {@code target/screenshots/}.
 */
@PostgresIntegrationTest
class OrderTasksBrowserIT {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final String GROUP_FILTER = "Tâches de mon groupe";
  private static final String PLACE = "CHRU de Nancy, service d'imagerie ostéo-articulaire";
  private static final By CLAIM = By.xpath("//button[normalize-space()='Prendre en charge']");
  private static final By COMPLETE = By.xpath("//button[normalize-space()='Terminer']");

  @Autowired PathwayDriver pathway;
  @Autowired ExamOrderService orders;
  @Autowired TaskService taskService;
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
  void aCoordinatorBooksTheExamAndEntersItsReportInTasklist() {
    try {
      Referral referral =
          pathway.refer(
              Site.SOFT_TISSUE,
              Presentation.SWELLING_OR_PAIN,
              3.0,
              Depth.SUPERFICIAL,
              PriorProcedure.NONE);
      UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();
      String bookingId = pathway.task(referral, "Task_ScheduleExam").getId();

      // Her group's tasks: the booking, named after the exam, with the patient on its card.
      page.logIn("coordinator");
      openGroupFilter();
      page.showTaskInList(bookingId);
      By bookingCard = card(bookingId);
      wait.until(ExpectedConditions.textToBePresentInElementLocated(bookingCard, "Patient Test"));
      assertThat(browser.findElement(bookingCard).getText())
          .contains("Programmer l'examen : Échographie")
          .contains("Dossier " + referral.businessKey());
      page.screenshot("tasklist-order-booking-card");

      page.click(taskLink(bookingId));
      page.waitForField("Field_scheduledFor");
      // Above the form: the patient, and the order to book with its protocol.
      By banner = By.cssSelector(".task-details [cam-tasklist-form] .sarcoma-form-context");
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              banner, "Examen concerné : Échographie"));
      assertThat(browser.findElement(banner).getText())
          .contains("Patient Test", "Dossier " + referral.businessKey())
          .contains("Protocole", orders.find(orderId).orElseThrow().protocol().substring(0, 40));
      claim();
      LocalDate appointment = LocalDate.now(PARIS).plusDays(3);
      page.typeLikeAUser(page.waitForField("Field_scheduledFor"), appointment.format(FRENCH));
      page.typeLikeAUser(page.waitForField("Field_scheduledPlace"), PLACE);
      page.screenshot("tasklist-order-booking-form");
      page.click(COMPLETE);
      wait.until(ignored -> taskService.createTaskQuery().taskId(bookingId).count() == 0);

      ExamOrder booked = orders.find(orderId).orElseThrow();
      assertThat(booked.status()).isEqualTo(OrderStatus.SCHEDULED);
      assertThat(booked.scheduledFor()).isEqualTo(appointment);
      assertThat(booked.scheduledPlace()).isEqualTo(PLACE);

      // The report entry appears in her list; its Dossier tab shows the appointment.
      String entryId = pathway.task(referral, "Task_EnterExamReport").getId();
      waitForTask(entryId);
      By entryCard = card(entryId);
      assertThat(browser.findElement(entryCard).getText())
          .contains("Saisir le compte rendu : Échographie");
      page.click(taskLink(entryId));
      page.waitForField("Field_resultPerformedOn");
      claim();
      page.click(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='Dossier']"));
      By dossier = By.cssSelector(".sarcoma-dossier");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(dossier, PLACE));
      assertThat(browser.findElement(dossier).getText())
          .contains("Échographie", "Programmé", appointment.format(FRENCH));
      page.screenshot("tasklist-order-dossier");
      page.click(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='Formulaire']"));

      // A performed date to come is caught in the browser: nothing is sent.
      String tomorrow = LocalDate.now(PARIS).plusDays(1).format(FRENCH);
      page.typeLikeAUser(page.waitForField("Field_resultPerformedOn"), tomorrow);
      page.typeLikeAUser(page.waitForField("Field_resultConclusion"), "Lipome sous-cutané typique");
      page.typeLikeAUser(
          page.waitForField("Field_resultReport"),
          "Formation hyperéchogène homogène de 3 cm de la cuisse gauche, sans flux Doppler.");
      page.click(COMPLETE);
      assertThat(
              wait.until(
                      ExpectedConditions.visibilityOfElementLocated(
                          By.cssSelector(".sarcoma-date-error")))
                  .getText())
          .isEqualTo("La date de réalisation de l'examen ne peut pas être dans le futur.");
      page.screenshot("tasklist-order-report-future-date");
      assertThat(taskService.createTaskQuery().taskId(entryId).count()).isOne();

      String today = LocalDate.now(PARIS).format(FRENCH);
      page.typeLikeAUser(page.waitForField("Field_resultPerformedOn"), today);
      wait.until(ignored -> browser.findElements(By.cssSelector(".sarcoma-date-error")).isEmpty());
      page.screenshot("tasklist-order-report-form");
      page.click(COMPLETE);
      wait.until(ignored -> taskService.createTaskQuery().taskId(entryId).count() == 0);

      // The pathway goes on: the order is reported, the radiologist classifies the imaging.
      pathway.runJobs(referral);
      ExamOrder reported = orders.find(orderId).orElseThrow();
      assertThat(reported.status()).isEqualTo(OrderStatus.REPORTED);
      assertThat(reported.resultConclusion()).isEqualTo("Lipome sous-cutané typique");
      assertThat(reported.resultPerformedOn()).isEqualTo(LocalDate.now(PARIS));
      assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_ClassifyInitialImaging");
      page.screenshot("tasklist-order-reported");
    } catch (RuntimeException | AssertionError e) {
      page.keepEvidenceOf(e, "order-tasks-failure");
      throw e;
    }
  }

  private void openGroupFilter() {
    page.click(
        By.xpath(
            "//div[contains(@class,'task-filter')]/h4/a[starts-with(normalize-space(),'"
                + GROUP_FILTER
                + "')]"));
  }

  private static By taskLink(String taskId) {
    return TasklistPage.taskInList(taskId);
  }

  private static By card(String taskId) {
    return By.xpath(
        "//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')][.//a[contains(@href,'task="
            + taskId
            + "')]]");
  }

  /**
   * The list refreshes after a completion; if the new task is not there yet, the filter is opened again (its
   * list reloaded), and its pages turned.
   */
  private void waitForTask(String taskId) {
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        page.showTaskInList(taskId);
        return;
      } catch (org.openqa.selenium.TimeoutException notYet) {
        openGroupFilter();
      }
    }
    page.showTaskInList(taskId);
  }

  private void claim() {
    page.click(CLAIM);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(CLAIM));
  }
}
