package fr.sarcoma.referral.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Camunda Tasklist in a headless Chromium, as the browser tests drive it: logging in (the English or the
 * French login page), form-js fields by their component id, clicks that first scroll the element into view,
 * screenshots under {@code target/screenshots/}, and the evidence of a failure.
 */
public final class TasklistPage {

  public static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final WebDriver browser;
  private final WebDriverWait wait;
  private final int port;
  private final boolean french;

  private TasklistPage(WebDriver browser, int port, boolean french) {
    this.browser = browser;
    this.wait = new WebDriverWait(browser, WAIT);
    this.port = port;
    this.french = french;
  }

  /** Tasklist in a browser whose language is English (the webapps' default). */
  public static TasklistPage inEnglish(int port) {
    return new TasklistPage(HeadlessChromium.start(), port, false);
  }

  /** Tasklist in a browser whose preferred language is French, as at a French hospital. */
  public static TasklistPage inFrench(int port) {
    return new TasklistPage(HeadlessChromium.startInFrench(), port, true);
  }

  public WebDriver browser() {
    return browser;
  }

  public WebDriverWait waiting() {
    return wait;
  }

  public String url() {
    return "http://localhost:" + port + "/camunda/app/tasklist/default/";
  }

  public void quit() {
    browser.quit();
  }

  /** Logs in with the demo password, and waits for Tasklist's start page. */
  public void logIn(String user) {
    logIn(
        url(),
        user,
        By.xpath(
            "//a[normalize-space()='"
                + (french ? "Démarrer un processus" : "Start process")
                + "']"));
  }

  /**
   * Logs in to the webapps' welcome page (where http://localhost:8080 leads), as a user without Tasklist does (a
   * manager), and waits for its list of the user's webapps. The session is the webapps' one, as after a Tasklist
   * login.
   */
  public void logInToWelcome(String user) {
    logIn(
        "http://localhost:" + port + "/camunda/app/welcome/default/",
        user,
        By.cssSelector("a[href*='/app/cockpit/']"));
  }

  /** The address of a page of ours, e.g. {@code /mdt/sessions}. */
  public String pageUrl(String path) {
    return "http://localhost:" + port + path;
  }

  private void logIn(String appUrl, String user, By landed) {
    browser.get(appUrl);
    By username =
        By.cssSelector("input[placeholder='" + (french ? "Nom d’utilisateur" : "Username") + "']");
    By password =
        By.cssSelector("input[placeholder='" + (french ? "Mot de passe" : "Password") + "']");
    // The login page focuses its user name field once drawn, which may be while the password is
    // being typed (on a busy machine): the password then lands in the user name. Typed again until
    // both fields hold what was typed.
    for (int attempt = 1; ; attempt++) {
      WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(username));
      type(name, user);
      WebElement secret = browser.findElement(password);
      type(secret, "demo");
      if ((user.equals(name.getDomProperty("value"))
              && "demo".equals(secret.getDomProperty("value")))
          || attempt == 3) {
        break;
      }
      pause(Duration.ofMillis(300));
    }
    click(By.xpath("//button[normalize-space()='" + (french ? "Se connecter" : "Log in") + "']"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(landed));
  }

  /** The link of a task in the task list (its name). */
  public static By taskInList(String taskId) {
    return By.cssSelector("ol.tasks-list li.task a[href$='task=" + taskId + "']");
  }

  /**
   * Waits until the task shows in the open filter's list, turning its pages: Tasklist lists 15 tasks a page,
   * and the tests share one database, so a group's list holds the tasks other tests left open, oldest first.
   */
  public By showTaskInList(String taskId) {
    By link = taskInList(taskId);
    By next = By.cssSelector("ul.pagination li.pagination-next:not(.disabled) a");
    By first = By.cssSelector("ul.pagination li.pagination-first:not(.disabled) a");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (browser.findElements(link).stream().anyMatch(WebElement::isDisplayed)) {
        return link;
      }
      pause(Duration.ofMillis(700));
      if (browser.findElements(link).isEmpty()) {
        List<WebElement> pager = browser.findElements(next);
        if (pager.isEmpty()) {
          pager = browser.findElements(first);
        }
        if (!pager.isEmpty()) {
          // By script: the pager sits under Tasklist's footer, which takes a pointer's click.
          ((JavascriptExecutor) browser).executeScript("arguments[0].click();", pager.get(0));
        }
      }
    }
    return wait.until(ExpectedConditions.visibilityOfElementLocated(link)) == null ? null : link;
  }

  /** A form-js field, by the id of its component in the .form file (the DOM id ends with it). */
  public static By fieldOf(String componentId) {
    return By.cssSelector("[id$='" + componentId + "']");
  }

  public WebElement waitForField(String componentId) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(fieldOf(componentId)));
  }

  /**
   * Opens a form-js select (a dropdown list, not a native select) and picks an option. Its display toggles
   * the list on mouse down, and opens it on focus as well: a click may close a list the focus opened, so it
   * is clicked again when the list does not show.
   */
  public void choose(String componentId, String label) {
    By option =
        By.xpath(
            "//div[contains(@class,'fjs-form-field-select')][.//*[contains(@id,'-"
                + componentId
                + "-display')]]//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()=\""
                + label
                + "\"]");
    click(fieldOf(componentId + "-display"));
    if (browser.findElements(option).isEmpty()) {
      click(fieldOf(componentId + "-display"));
    }
    click(option);
  }

  /**
   * Chooses an option of a form-js tag list (a {@code taglist}, e.g. the MDT's participants) as a user does:
   * part of a name typed in the list's search input, then the option of that label picked in the dropdown that
   * opens under it; waits for the option's tag. The dropdown picks on mouse down, and the input keeps the focus
   * (the dropdown stays open for the next choice).
   */
  public void chooseTag(String componentId, String typed, String label) {
    click(fieldOf(componentId));
    browser.findElement(fieldOf(componentId)).sendKeys(typed);
    click(
        By.xpath(
            taglist(componentId)
                + "//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()=\""
                + label
                + "\"]"));
    wait.until(ignored -> tagsOf(componentId).contains(label));
  }

  /** Removes the tag of this label from a form-js tag list, by its remove button (a cross). */
  public void removeTag(String componentId, String label) {
    click(
        By.xpath(
            taglist(componentId)
                + "//*[contains(@class,'fjs-taglist-tag')][.//*[contains(@class,'fjs-taglist-tag-label')]"
                + "[normalize-space()=\""
                + label
                + "\"]]//button[contains(@class,'fjs-taglist-tag-remove')]"));
    wait.until(ignored -> !tagsOf(componentId).contains(label));
  }

  /** The labels of the tags a form-js tag list shows, in their order. */
  public List<String> tagsOf(String componentId) {
    return browser
        .findElements(
            By.xpath(taglist(componentId) + "//*[contains(@class,'fjs-taglist-tag-label')]"))
        .stream()
        .map(tag -> tag.getText().strip())
        .toList();
  }

  /** The XPath of a form-js tag list's field (its label, tags, search input and dropdown). */
  private static String taglist(String componentId) {
    return "//div[contains(@class,'fjs-form-field-taglist')][.//input[contains(@id,'-"
        + componentId
        + "')]]";
  }

  /** Clicks the label of one option of a form-js radio group or checklist. */
  public void chooseOption(String componentId, String label) {
    click(
        By.xpath(
            "//label[contains(@for,'-"
                + componentId
                + "-')][normalize-space()=\""
                + label
                + "\"]"));
  }

  /**
   * Clicks once the element is clickable, first scrolled to the middle of its pane (Tasklist's footer hides
   * the bottom).
   */
  public void click(By locator) {
    WebElement element = wait.until(ExpectedConditions.elementToBeClickable(locator));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  public static void type(WebElement input, String text) {
    input.clear();
    input.sendKeys(text);
  }

  /**
   * Replaces a form-js field's value as a user does: its text selected, typed over, then the field left.
   * WebDriver's clear() does not reach form-js (it reads input events). form-js applies a change a moment
   * later (debounced, 300 ms): typed quicker than any user, right after another field's change, a value was
   * at times overwritten as that change re-rendered the form; it is then typed again.
   */
  public void typeLikeAUser(WebElement input, String text) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    for (int attempt = 1; ; attempt++) {
      js.executeScript(
          "arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();"
              + " arguments[0].select();",
          input);
      input.sendKeys(text);
      js.executeScript("arguments[0].blur();", input);
      pause(Duration.ofMillis(500));
      if (text.equals(input.getDomProperty("value")) || attempt == 3) {
        return;
      }
    }
  }

  public static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(
          SCREENSHOTS.resolve(name + ".png"),
          ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the browser showed when a test failed: a screenshot and the DOM, next to the other screenshots. */
  public void keepEvidenceOf(Throwable failure, String name) {
    try {
      screenshot(name);
      Files.writeString(
          SCREENSHOTS.resolve(name + ".html"), browser.getPageSource(), StandardCharsets.UTF_8);
    } catch (RuntimeException | IOException e) {
      failure.addSuppressed(e);
    }
  }
}
