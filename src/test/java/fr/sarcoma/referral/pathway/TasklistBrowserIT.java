package fr.sarcoma.referral.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import fr.sarcoma.referral.support.TasklistPage;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The issue's acceptance, in a real headless Chromium: deployed in the demo profile, the Camunda
 * Forms render in Tasklist; a coordinator starts a referral from Tasklist's start form and a
 * radiologist sees, claims and completes the classification of the initial imaging; an MDT chair,
 * choosing the participants by name, sees the server's refusal of a decision without a pathologist
 * among them (quorum, M2) next to the form's complete button
 * (the custom script scripts/sarcoma-refusal.js). Screenshots of the rendered forms (and of any
 * failure) go to {@code target/screenshots/}.
 */
@PostgresIntegrationTest
class TasklistBrowserIT {

  private static final String PROCESS_NAME =
      "Parcours : anomalie de l'os ou des tissus mous (ONCOLOR 2019)";
  private static final String GROUP_FILTER = "Tâches de mon groupe";
  private static final String CLASSIFY_TASK_NAME = "Classer l'imagerie initiale";
  private static final By COMPLETE = By.xpath("//button[normalize-space()='Complete']");

  /** The participant list of the MDT decision (a taglist), and demo clinicians: part of a name, the option. */
  private static final String PARTICIPANTS = "Field_participants";

  private static final String[] SURGEON = {"Lef", "Dr Sophie Lefèvre — chirurgien"};
  private static final String[] RADIOLOGIST = {"morel", "Dr Raphaël Morel — radiologue"};
  private static final String[] PATHOLOGIST = {"Garn", "Dr Paul Garnier — pathologiste"};
  private static final String[] ONCOLOGIST = {"Olivia", "Dr Olivia Fontaine — oncologue médical"};

  /** The alert of sarcoma-refusal.js (Tasklist custom script). */
  private static final By REFUSAL = By.id("sarcoma-refusal");

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  @Autowired PathwayDriver pathway;
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
  void aCoordinatorStartsAReferralInTasklistAndARadiologistClassifiesItsImaging() {
    try {
      Referral referral = coordinatorStartsAReferralFromTheStartForm();
      String processInstanceId = pathway.mainProcessInstanceId(referral);

      // The initial imaging (ultrasound: superficial soft tissue, 4.5 cm) is placed and its report
      // comes back.
      pathway.runJobs(referral);
      pathway.reportExam(referral, "ULTRASOUND");
      Task classification = pathway.task(referral, "Task_ClassifyInitialImaging");
      assertThat(classification.getAssignee()).isNull();

      radiologistClassifiesTheImagingInTasklist(classification.getId(), referral.businessKey());

      HistoricTaskInstance done =
          historyService
              .createHistoricTaskInstanceQuery()
              .taskId(classification.getId())
              .singleResult();
      assertThat(done.getEndTime()).as("classification completed").isNotNull();
      assertThat(done.getDeleteReason()).isEqualTo("completed");
      assertThat(done.getAssignee()).isEqualTo("radiologist");
      assertThat(runtimeService.getVariable(processInstanceId, "imagingConclusion"))
          .isEqualTo("INDETERMINATE");
      assertThat(runtimeService.getVariable(processInstanceId, "clinicalConcernPersists"))
          .isEqualTo(false);
      pathway.runJobs(referral);
      assertThat(runtimeService.getVariable(processInstanceId, "nextStep"))
          .isEqualTo("SARCOMA_WORKUP");
      assertThat(pathway.orderedModalities(referral))
          .as("ST3: an indeterminate soft-tissue lesion gets an MRI")
          .containsExactlyInAnyOrder("ULTRASOUND", "MRI");
    } catch (RuntimeException | AssertionError e) {
      page.keepEvidenceOf(e, "failure");
      throw e;
    }
  }

  /**
   * M2 refused in Tasklist: the MDT chair chooses the participants by name (part of a name typed in the
   * participant list, the clinician picked with their specialty) and fills the fiche RCP, without a
   * pathologist; the French refusal naming the missing specialty appears in an alert right above the
   * form's complete button, the task stays open, the next attempt replaces the alert, and once the
   * pathologist is added the decision is recorded with its participants and its fiche.
   */
  @Test
  void aDecisionWithoutQuorumIsRefusedNextToTheCompleteButtonInFrench() {
    try {
      Referral referral = pathway.atMdtSession(Site.SOFT_TISSUE);
      String taskId = pathway.task(referral, "Task_RecordMdtDecision").getId();

      page.logIn("mdtchair");
      openAndClaim(taskId);
      // Valid for the browser (every required field filled), short of the quorum for the server:
      // a surgeon and a radiologist, the chair (a medical oncologist) added by the server.
      fillDecision(SURGEON, RADIOLOGIST);
      assertThat(page.tagsOf(PARTICIPANTS)).containsExactly(SURGEON[1], RADIOLOGIST[1]);
      page.click(COMPLETE);

      WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(REFUSAL));
      assertThat(refusal.getText())
          .contains("Quorum de RCP non atteint (M2) : spécialité requise absente : pathologiste")
          .doesNotContain("au moins 3 spécialités");
      assertThat(refusal.getAttribute("role")).isEqualTo("alert");
      // Tasklist's notification of it, at the bottom right over the form's buttons, is closed.
      wait.until(
          ExpectedConditions.numberOfElementsToBe(By.cssSelector(".page-notifications .alert"), 0));
      assertNextToTheCompleteButton(refusal);
      screenshotWholeForm("tasklist-mdt-decision-refused");
      assertThat(taskService.createTaskQuery().taskId(taskId).singleResult())
          .as("task still open")
          .isNotNull();
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from mdt_decision where task_id = ?", Integer.class, taskId))
          .as("no decision recorded")
          .isZero();
      assertThat(refusal.getText()).as("no engine code for the chair").doesNotContain("ENGINE-");
      // The refused field, by its label on the form, with what the server found missing.
      assertThat(refusal.findElements(By.cssSelector("li")))
          .extracting(WebElement::getText)
          .containsExactly("Participants : spécialité requise absente : pathologiste");
      assertThat(page.tagsOf(PARTICIPANTS))
          .as("the participants chosen stay on the form")
          .containsExactly(SURGEON[1], RADIOLOGIST[1]);

      // The next attempt removes the alert; its own refusal takes the place: a medical oncologist
      // added is no pathologist.
      page.chooseTag(PARTICIPANTS, ONCOLOGIST[0], ONCOLOGIST[1]);
      page.click(COMPLETE);
      wait.until(ExpectedConditions.stalenessOf(refusal));
      refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(REFUSAL));
      assertThat(refusal.getText())
          .contains("Quorum de RCP non atteint (M2) : spécialité requise absente : pathologiste");
      assertThat(taskService.createTaskQuery().taskId(taskId).count()).isOne();

      // A refusal in the server's structured form lists the refused fields by their label on the
      // form, by their name when the field is not on the page (hidden unless the decision is a
      // biopsy).
      Object failure =
          ((JavascriptExecutor) browser)
              .executeAsyncScript(
                  """
          const done = arguments[arguments.length - 1];
          const script = performance.getEntriesByType('resource').map(entry => entry.name)
              .find(name => name.includes('/scripts/sarcoma-refusal.js'));
          import(script).then(module => module.showRefusal(arguments[0], 400, JSON.stringify({
              type: 'validation', message: 'Fiche RCP incomplète.',
              errors: [{field: 'patientInformedBy', reason: 'indiquez qui informe le patient'},
                       {field: 'biopsyCentre', reason: 'champ masqué'}]})))
            .then(() => done(null), error => done(String(error)));""",
                  "/camunda/api/engine/engine/default/task/" + taskId + "/submit-form");
      assertThat(failure).isNull();
      refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(REFUSAL));
      assertThat(refusal.getText()).contains("Fiche RCP incomplète.");
      assertThat(refusal.findElements(By.cssSelector("li")))
          .extracting(WebElement::getText)
          .containsExactly(
              "Qui informe le patient ? : indiquez qui informe le patient",
              "biopsyCentre : champ masqué");

      // Another task opened: the refusal belonged to the previous one.
      Task other = taskService.newTask();
      other.setName("Autre tâche de la RCP");
      taskService.saveTask(other);
      try {
        taskService.addCandidateGroup(other.getId(), "mdt-chairs");
        browser.get(page.url() + "#/?task=" + other.getId());
        wait.until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".task-details"), "Autre tâche de la RCP"));
        assertThat(browser.findElements(REFUSAL)).isEmpty();
      } finally {
        taskService.deleteTask(other.getId(), true);
      }

      // Back to the decision, drawn anew (Tasklist keeps nothing unsaved) and filled again, no
      // refusal on it; the pathologist added: the quorum is met, the decision recorded.
      browser.get(page.url() + "#/?task=" + taskId);
      page.waitForField(PARTICIPANTS);
      assertThat(browser.findElements(REFUSAL)).isEmpty();
      fillDecision(SURGEON, RADIOLOGIST, ONCOLOGIST);
      page.chooseTag(PARTICIPANTS, PATHOLOGIST[0], PATHOLOGIST[1]);
      assertThat(page.tagsOf(PARTICIPANTS))
          .containsExactly(SURGEON[1], RADIOLOGIST[1], ONCOLOGIST[1], PATHOLOGIST[1]);
      screenshotWholeForm("tasklist-mdt-decision-quorum");
      page.click(COMPLETE);
      wait.until(ignored -> taskService.createTaskQuery().taskId(taskId).count() == 0);
      assertThat(
              historyService
                  .createHistoricTaskInstanceQuery()
                  .taskId(taskId)
                  .singleResult()
                  .getDeleteReason())
          .isEqualTo("completed");
      assertThat(browser.findElements(REFUSAL)).isEmpty();
      assertThat(
              jdbc.queryForList(
                  """
          select p.user_id from mdt_participant p join mdt_decision d on d.id = p.decision_id
          where d.task_id = ? order by p.position""",
                  String.class,
                  taskId))
          .as("the participants chosen by name, the chair added")
          .containsExactly("surgeon", "radiologist", "oncologist", "pathologist", "mdtchair");
      assertThat(
              jdbc.queryForMap(
                  """
          select guideline, guideline_conform, clinical_trial_considered, clinical_trial_detail,
                 patient_informed_by, chair_name
          from mdt_decision where task_id = ?""",
                  taskId))
          .containsEntry(
              "guideline", "Référentiel ONCOLOR 2019 : sarcomes des tissus mous et des os")
          .containsEntry("guideline_conform", true)
          .containsEntry("clinical_trial_considered", false)
          .containsEntry("clinical_trial_detail", "Pas d'essai ouvert pour cette indication")
          .containsEntry("patient_informed_by", "Le médecin adresseur, en consultation")
          .containsEntry("chair_name", "Pr Marc Rousseau");
    } catch (RuntimeException | AssertionError e) {
      page.keepEvidenceOf(e, "failure");
      throw e;
    }
  }

  private void openAndClaim(String taskId) {
    browser.get(page.url() + "#/?task=" + taskId);
    page.waitForField(PARTICIPANTS);
    By claim = By.xpath("//button[contains(@class,'claim')][normalize-space()='Claim']");
    page.click(claim);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(claim));
  }

  /**
   * The RecordMdtDecision form (the fiche RCP), every required field filled, with these participants
   * chosen by name (each: part of the name typed, the option's label). The radios are picked before
   * typing: a text area that resizes as it loses focus moved the option between press and release.
   */
  private void fillDecision(String[]... participants) {
    for (String[] participant : participants) {
      page.chooseTag(PARTICIPANTS, participant[0], participant[1]);
    }
    page.chooseOption("Field_mdtOutcome", "Surveillance");
    page.chooseOption("Field_guidelineConform", "Oui");
    page.chooseOption("Field_clinicalTrialConsidered", "Non");
    assertThat(page.waitForField("Field_guideline").getDomProperty("value"))
        .as("the guideline, filled in advance")
        .isEqualTo("Référentiel ONCOLOR 2019 : sarcomes des tissus mous et des os");
    assertThat(browser.findElements(TasklistPage.fieldOf("Field_nonConformityReason")))
        .as("no reason asked for a proposal that conforms")
        .isEmpty();
    TasklistPage.type(
        page.waitForField("Field_decisionRationale"), "Lésion stable, surveillance IRM à 3 mois");
    TasklistPage.type(
        page.waitForField("Field_clinicalTrialDetail"), "Pas d'essai ouvert pour cette indication");
    TasklistPage.type(
        page.waitForField("Field_patientInformedBy"), "Le médecin adresseur, en consultation");
    WebElement validation = page.waitForField("Field_chairValidation");
    if (!validation.isSelected()) {
      page.click(TasklistPage.fieldOf("Field_chairValidation"));
    }
  }

  /**
   * In the form's own button bar, just above the complete button, both on screen and uncovered (what the
   * browser would hit at their centre is inside them: Tasklist's notification lay over them).
   */
  private void assertNextToTheCompleteButton(WebElement refusal) {
    WebElement button = browser.findElement(COMPLETE);
    WebElement buttonBar = button.findElement(By.xpath(".."));
    assertThat(buttonBar.getAttribute("class")).contains("form-actions");
    assertThat(refusal.findElement(By.xpath("..")).equals(buttonBar))
        .as("alert in the complete button's bar")
        .isTrue();
    Rectangle alert = refusal.getRect();
    Rectangle complete = button.getRect();
    assertThat(complete.getY() - (alert.getY() + alert.getHeight()))
        .as("gap between alert and button (px)")
        .isBetween(0, 40);
    String uncovered =
        """
        const hitAtCentre = element => {
          const box = element.getBoundingClientRect();
          return element.contains(document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2));
        };
        return hitAtCentre(arguments[0]) && hitAtCentre(arguments[1]);""";
    assertThat((Boolean) ((JavascriptExecutor) browser).executeScript(uncovered, refusal, button))
        .as("alert and complete button on screen, not covered")
        .isTrue();
  }

  /** Step 1: Start process, the StartReferral form, filled as a coordinator would; the referral lands in our tables. */
  private Referral coordinatorStartsAReferralFromTheStartForm() {
    String patientName = "Jeanne Navigateur-" + UUID.randomUUID().toString().substring(0, 8);
    page.logIn("coordinator");
    page.click(By.xpath("//a[normalize-space()='Start process']"));
    page.click(By.xpath("//a[normalize-space()=\"" + PROCESS_NAME + "\"]"));

    TasklistPage.type(
        page.waitForField("Field_intakePatientIdentifier"), "IPP-WEB-" + System.nanoTime());
    TasklistPage.type(page.waitForField("Field_intakePatientName"), patientName);
    // form-js's date picker reads what is typed as month/day/year (its placeholder says
    // mm/dd/yyyy).
    TasklistPage.type(page.waitForField("Field_intakeBirthDate"), "03/11/1958");
    page.choose("Field_intakeSex", "Homme");
    TasklistPage.type(
        page.waitForField("Field_intakeReferringPhysician"),
        "Dr Lemoine, médecin généraliste, Épinal");
    TasklistPage.type(
        page.waitForField("Field_intakeAnatomicalLocation"), "cuisse droite, loge antérieure");
    TasklistPage.type(
        page.waitForField("Field_intakeNotes"), "Tuméfaction indolore apparue il y a 3 mois");
    page.chooseOption("Field_presentation", "Tuméfaction et/ou douleur");
    page.chooseOption("Field_site", "Parties molles");
    TasklistPage.type(page.waitForField("Field_largestDimensionCm"), "4,5");
    page.chooseOption("Field_depth", "Superficielle (sus-aponévrotique)");
    page.chooseOption("Field_priorProcedure", "Aucun");
    screenshotWholeForm("tasklist-start-form");
    page.click(
        By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space()='Start']"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-dialog")));

    Map<String, Object> row =
        wait.until(
            ignored ->
                jdbc
                    .queryForList(
                        """
        select r.id, r.business_key, r.process_instance_id, r.site, r.presentation, r.depth, r.prior_procedure,
               r.largest_dimension_cm, r.referring_physician, p.birth_date, p.sex
        from referral r join patient p on p.id = r.patient_id where p.display_name = ?""",
                        patientName)
                    .stream()
                    .findFirst()
                    .orElse(null));
    assertThat(row)
        .containsEntry("site", "SOFT_TISSUE")
        .containsEntry("presentation", "SWELLING_OR_PAIN")
        .containsEntry("depth", "SUPERFICIAL")
        .containsEntry("prior_procedure", "NONE")
        .containsEntry("sex", "MALE")
        .containsEntry("referring_physician", "Dr Lemoine, médecin généraliste, Épinal");
    assertThat(row.get("birth_date")).hasToString("1958-11-03");
    assertThat((BigDecimal) row.get("largest_dimension_cm"))
        .as("\"4,5\" typed")
        .isEqualByComparingTo("4.5");

    Referral referral = new Referral((UUID) row.get("id"), (String) row.get("business_key"));
    String processInstanceId = (String) row.get("process_instance_id");
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceId(processInstanceId)
                .processInstanceBusinessKey(referral.businessKey())
                .count())
        .isOne();
    assertThat(
            jdbc.queryForList(
                "select name_ from act_ru_variable where proc_inst_id_ = ?",
                String.class,
                processInstanceId))
        .contains("referralId")
        .noneMatch(name -> name.startsWith("intake"));
    assertThat(
            jdbc.queryForList(
                """
        select name_ from act_hi_varinst where proc_inst_id_ = ?
        union all select name_ from act_hi_detail where proc_inst_id_ = ?""",
                String.class,
                processInstanceId,
                processInstanceId))
        .noneMatch(name -> name.startsWith("intake"));
    return referral;
  }

  /** Step 3: a radiologist finds the task in "Tâches de mon groupe", claims it and completes its form. */
  private void radiologistClassifiesTheImagingInTasklist(String taskId, String referralNumber) {
    logOut();
    page.logIn("radiologist");
    page.click(
        By.xpath(
            "//div[contains(@class,'task-filter')]/h4/a[starts-with(normalize-space(),'"
                + GROUP_FILTER
                + "')]"));
    By listedTask = page.showTaskInList(taskId);
    assertThat(browser.findElement(listedTask).getText()).isEqualTo(CLASSIFY_TASK_NAME);
    // The card names the patient and the dossier, read from our API at display time
    // (scripts/sarcoma-dossier.js): the process holds no patient identity.
    By card =
        By.xpath(
            "//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')][.//a[contains(@href,'task="
                + taskId
                + "')]]");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(card, "Dossier " + referralNumber));
    assertThat(browser.findElement(card).getText()).contains("IPP ");
    page.click(listedTask);

    page.waitForField("Field_imagingConclusion-0");
    By claim = By.xpath("//button[contains(@class,'claim')][normalize-space()='Claim']");
    page.click(claim);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(claim));
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee())
        .isEqualTo("radiologist");

    page.chooseOption("Field_imagingConclusion", "Lésion indéterminée");
    TasklistPage.type(
        page.waitForField("Field_classificationComment"),
        "Masse hypoéchogène hétérogène, vascularisée au doppler");
    screenshotWholeForm("tasklist-classification-form");
    page.click(By.xpath("//button[normalize-space()='Complete']"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(listedTask));
  }

  // --- Tasklist -----------------------------------------------------------------------------

  private void logOut() {
    page.click(By.cssSelector("li.account > a.dropdown-toggle"));
    page.click(By.cssSelector("li.logout > a"));
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("input[placeholder='Username']")));
  }

  /**
   * A screenshot with the whole form in view: Tasklist scrolls its panes and the start modal inside a
   * fixed-size window, so the window grows for a moment by what the most scrolled element hides.
   */
  private void screenshotWholeForm(String name) {
    Dimension size = browser.manage().window().getSize();
    Number hidden =
        (Number)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return Math.max(0, ...Array.from(document.querySelectorAll('*'), e => e.scrollHeight - e.clientHeight));");
    browser
        .manage()
        .window()
        .setSize(
            new Dimension(
                size.getWidth(), Math.min(size.getHeight() + hidden.intValue() + 100, 5000)));
    try {
      page.screenshot(name);
    } finally {
      browser.manage().window().setSize(size);
    }
  }
}
