package fr.sarcoma.referral.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import fr.sarcoma.referral.support.TasklistPage;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Camunda Forms in Tasklist, read by a French clinician (a browser whose language is French):
 * form-js's messages and placeholders are French, an impossible or future birth date is caught in
 * the start form before anything is sent, and the new referral's number is shown after a start
 * (the custom script scripts/sarcoma-forms-fr.js). Screenshots go to {@code target/screenshots/}.
 */
@PostgresIntegrationTest
class TasklistFormsInFrenchIT {

  private static final String PROCESS_NAME =
      "Parcours : anomalie de l'os ou des tissus mous (ONCOLOR 2019)";

  /**
   * The English of form-js's messages and placeholders (camunda/lib/deps.js) and of Tasklist's form
   * buttons, as whole words: none may be left on a form a clinician reads.
   */
  private static final Pattern ENGLISH =
      Pattern.compile(
          "\\b(Field|required|must|match pattern|minimum value|maximum value|minimum length"
              + "|maximum length|Value is|decimal digits?|nearest valid|valid email|phone number"
              + "|Select|Search|No results|All values selected|Please|Remove tag|Skip to search"
              + "|Start|Complete|Claim|Save|Cancel|Close|Back)\\b");

  /** The MDT decision's participant list (a form-js taglist). */
  private static final String PARTICIPANTS = "Field_participants";

  private static final By START =
      By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space()='Démarrer']");
  private static final By CONFIRMATION = By.id("sarcoma-start-confirmation");

  @Autowired JdbcTemplate jdbc;
  @Autowired PathwayDriver pathway;
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
  void theStartFormSpeaksFrenchRefusesImpossibleBirthDatesAndGivesTheReferralNumber() {
    try {
      String patientName = "Paul Calendrier-" + UUID.randomUUID().toString().substring(0, 8);
      page.logIn("coordinator");
      page.click(By.xpath("//a[normalize-space()='Démarrer un processus']"));
      page.click(By.xpath("//a[normalize-space()=\"" + PROCESS_NAME + "\"]"));

      // form-js's own messages, in French: pattern (without its regex), number bounds.
      page.typeLikeAUser(page.waitForField("Field_intakeBirthDate"), "1971-02-03");
      assertThat(errorOf("Field_intakeBirthDate")).isEqualTo("Date attendue au format jj/mm/aaaa.");
      page.typeLikeAUser(page.waitForField("Field_largestDimensionCm"), "0");
      assertThat(errorOf("Field_largestDimensionCm"))
          .isEqualTo("La valeur doit être au moins 0,1.");
      assertThat(browser.findElement(TasklistPage.fieldOf("Field_intakeSex-display")).getText())
          .isEqualTo("Sélectionner");
      page.screenshot("tasklist-start-form-messages-fr");
      assertNoEnglishIn(By.cssSelector(".modal-content"));

      // Every field right but the birth date, which does not exist.
      page.typeLikeAUser(
          page.waitForField("Field_intakePatientIdentifier"), "IPP-FR-" + System.nanoTime());
      page.typeLikeAUser(page.waitForField("Field_intakePatientName"), patientName);
      page.choose("Field_intakeSex", "Femme");
      page.typeLikeAUser(
          page.waitForField("Field_intakeReferringPhysician"), "Dr Lemoine, médecin généraliste");
      page.typeLikeAUser(page.waitForField("Field_intakeAnatomicalLocation"), "cuisse gauche");
      page.chooseOption("Field_presentation", "Tuméfaction et/ou douleur");
      page.chooseOption("Field_site", "Parties molles");
      page.typeLikeAUser(page.waitForField("Field_largestDimensionCm"), "3");
      page.chooseOption("Field_depth", "Superficielle (sus-aponévrotique)");
      page.chooseOption("Field_priorProcedure", "Aucun");
      page.typeLikeAUser(page.waitForField("Field_intakeBirthDate"), "31/02/1971");
      page.click(START);
      assertThat(errorOf("Field_intakeBirthDate"))
          .isEqualTo("Cette date n'existe pas : le 31/02/1971 n'est pas un jour du calendrier.");
      page.screenshot("tasklist-start-form-impossible-date");
      assertNoEnglishIn(By.cssSelector(".modal-content"));
      assertNothingSent(patientName);

      // A birth date to come, refused as well.
      String tomorrow =
          LocalDate.now().plusDays(1).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
      page.typeLikeAUser(page.waitForField("Field_intakeBirthDate"), tomorrow);
      assertThat(errorOf("Field_intakeBirthDate"))
          .isEqualTo("La date de naissance ne peut pas être dans le futur.");
      page.click(START);
      assertNothingSent(patientName);

      // A real date: the message goes, the referral is started and its number shown.
      page.typeLikeAUser(page.waitForField("Field_intakeBirthDate"), "29/02/1972");
      wait.until(
          ignored ->
              browser.findElements(By.cssSelector(".sarcoma-date-error")).isEmpty()
                  && browser.findElements(By.cssSelector(".fjs-form-field-error")).isEmpty());
      page.click(START);
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-dialog")));
      WebElement confirmation =
          wait.until(ExpectedConditions.visibilityOfElementLocated(CONFIRMATION));
      List<String> businessKeys = wait.until(ignored -> nonEmpty(referralsOf(patientName)));
      assertThat(businessKeys).singleElement().asString().startsWith("SARC-");
      assertThat(confirmation.getText())
          .contains("Demande enregistrée. Numéro de la demande : " + businessKeys.get(0));
      assertThat(confirmation.getAttribute("role")).isEqualTo("status");
      page.screenshot("tasklist-start-confirmation");
      assertThat(
              jdbc.queryForObject(
                  "select cast(p.birth_date as varchar) from referral r join patient p on p.id = r.patient_id where r.business_key = ?",
                  String.class,
                  businessKeys.get(0)))
          .isEqualTo("1972-02-29");

      // Closed by the coordinator.
      confirmation.findElement(By.cssSelector("button.close")).click();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(CONFIRMATION));
    } catch (RuntimeException | AssertionError e) {
      page.keepEvidenceOf(e, "french-forms-failure");
      throw e;
    }
  }

  /**
   * A task form (the MDT decision, the fiche RCP) with form-js's messages on display, and its
   * participant list (a form-js tag list) in use: no English on it. The list's search input, its
   * "no match" and "all chosen" texts, each tag's remove button (named after its participant) and
   * the link to the search input are French.
   */
  @Test
  void aTaskFormShowsFormJsMessagesInFrench() {
    try {
      Referral referral = pathway.atMdtSession(Site.SOFT_TISSUE);
      String taskId = pathway.task(referral, "Task_RecordMdtDecision").getId();
      page.logIn("mdtchair");
      browser.get(page.url() + "#/?task=" + taskId);
      page.waitForField(PARTICIPANTS);
      By claim = By.xpath("//button[normalize-space()='Prendre en charge']");
      page.click(claim);
      wait.until(ExpectedConditions.invisibilityOfElementLocated(claim));

      WebElement informedBy = page.waitForField("Field_patientInformedBy");
      page.typeLikeAUser(informedBy, "x");
      informedBy.sendKeys(Keys.BACK_SPACE, Keys.TAB);
      assertThat(errorOf("Field_patientInformedBy")).isEqualTo("Champ obligatoire.");

      // The participant list: searched by part of a name; a name matching no one.
      WebElement search = page.waitForField(PARTICIPANTS);
      assertThat(search.getAttribute("placeholder")).isEqualTo("Rechercher");
      page.click(TasklistPage.fieldOf(PARTICIPANTS));
      search.sendKeys("zzz");
      assertThat(dropdownOf(PARTICIPANTS).getText()).isEqualTo("Aucun résultat");
      search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);

      // Participants chosen: each tag's remove button is named after its participant.
      page.chooseTag(PARTICIPANTS, "Lef", "Dr Sophie Lefèvre — chirurgien");
      page.chooseTag(PARTICIPANTS, "garn", "Dr Paul Garnier — pathologiste");
      assertThat(removeButtonNames())
          .containsExactly(
              "Retirer Dr Sophie Lefèvre — chirurgien", "Retirer Dr Paul Garnier — pathologiste");
      assertThat(
              browser
                  .findElement(By.cssSelector(".fjs-form-field-taglist .fjs-taglist-skip-link"))
                  .getAttribute("textContent"))
          .isEqualTo("Aller à la recherche");
      page.screenshot("tasklist-task-form-messages-fr");
      assertNoEnglishIn(By.cssSelector(".task-details"));

      // One removed: form-js moves the next participant into its tag; the button follows.
      page.removeTag(PARTICIPANTS, "Dr Sophie Lefèvre — chirurgien");
      assertThat(page.tagsOf(PARTICIPANTS)).containsExactly("Dr Paul Garnier — pathologiste");
      wait.until(
          ignored -> removeButtonNames().equals(List.of("Retirer Dr Paul Garnier — pathologiste")));

      // Every clinician offered chosen, one after the other: nothing left to offer.
      page.click(TasklistPage.fieldOf(PARTICIPANTS));
      By offered = By.cssSelector(".fjs-form-field-taglist .fjs-dropdownlist-item");
      for (int picked = 0; !browser.findElements(offered).isEmpty() && picked < 50; picked++) {
        page.click(offered);
      }
      assertThat(page.tagsOf(PARTICIPANTS))
          .contains("Dr Raphaël Morel — radiologue", "Pr Marc Rousseau — oncologue médical");
      assertThat(dropdownOf(PARTICIPANTS).getText())
          .isEqualTo("Toutes les valeurs sont sélectionnées");
      page.screenshot("tasklist-task-form-participants-fr");
      assertNoEnglishIn(By.cssSelector(".task-details"));
    } catch (RuntimeException | AssertionError e) {
      page.keepEvidenceOf(e, "french-forms-failure");
      throw e;
    }
  }

  // --- checks ---------------------------------------------------------------------------------

  /** The dropdown a form-js tag list shows under its search input, once open. */
  private WebElement dropdownOf(String componentId) {
    return wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.xpath(
                "//div[contains(@class,'fjs-form-field-taglist')][.//input[contains(@id,'-"
                    + componentId
                    + "')]]//div[contains(@class,'fjs-dropdownlist')]")));
  }

  /** The tooltip and the screen readers' name of each tag's remove button, when they agree. */
  private List<String> removeButtonNames() {
    return browser
        .findElements(By.cssSelector(".fjs-form-field-taglist .fjs-taglist-tag-remove"))
        .stream()
        .map(
            button ->
                button.getAttribute("title").equals(button.getAttribute("aria-label"))
                    ? button.getAttribute("title")
                    : button.getAttribute("title") + " / " + button.getAttribute("aria-label"))
        .toList();
  }

  /**
   * The visible text, the placeholders, tooltips and screen readers' names inside the element: none
   * of the English words.
   */
  private void assertNoEnglishIn(By container) {
    String visible =
        (String)
            ((JavascriptExecutor) browser)
                .executeScript(
                    """
        const root = arguments[0];
        const attributes = Array.from(root.querySelectorAll('[placeholder], [title], [aria-label]'),
            e => ['placeholder', 'title', 'aria-label'].map(name => e.getAttribute(name) || ''));
        const skipLinks = Array.from(root.querySelectorAll('.fjs-skip-link'), e => e.textContent);
        return [root.innerText, ...attributes.flat(), ...skipLinks].join('\\n');""",
                    browser.findElement(container));
    Matcher english = ENGLISH.matcher(visible);
    List<String> found = english.results().map(match -> match.group()).distinct().toList();
    assertThat(found).as("English words in:%n%s", visible).isEmpty();
    assertThat(visible).as("the form is on display").isNotBlank();
  }

  /**
   * The start form still open, and no start request made by the browser (not merely refused by
   * the server, which refuses such dates too).
   */
  private void assertNothingSent(String patientName) {
    assertThat(browser.findElements(By.cssSelector(".modal-dialog"))).hasSize(1);
    Number submits =
        (Number)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return performance.getEntriesByType('resource')"
                        + ".filter(entry => entry.name.includes('/submit-form')).length;");
    assertThat(submits.intValue()).as("submit-form requests").isZero();
    assertThat(referralsOf(patientName)).isEmpty();
  }

  /** The text of the messages form-js (or our script) shows under a field, once there. */
  private String errorOf(String componentId) {
    By errors =
        By.xpath(
            "//div[contains(@class,'fjs-form-field')][.//*[substring(@id, string-length(@id) - "
                + (componentId.length() - 1)
                + ") = '"
                + componentId
                + "']]//div[contains(@class,'fjs-form-field-error')]");
    return wait.until(ExpectedConditions.visibilityOfElementLocated(errors)).getText().trim();
  }

  private List<String> referralsOf(String patientName) {
    return jdbc.queryForList(
        "select r.business_key from referral r join patient p on p.id = r.patient_id where p.display_name = ?",
        String.class,
        patientName);
  }

  private static <T> List<T> nonEmpty(List<T> list) {
    return list.isEmpty() ? null : list;
  }

  // --- Tasklist, in French --------------------------------------------------------------------

}
