package fr.sarcoma.referral.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.sarcoma.referral.imaging.ExamOrderService;
import fr.sarcoma.referral.referral.ReferralService;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;

/**
 * The acceptance, in a real headless Chromium: deployed in the demo profile, the Camunda
 * Forms render in Tasklist; a coordinator starts a referral from Tasklist's start form and a
 * radiologist sees, claims and completes the classification of the initial imaging. Screenshots of
 * the rendered forms (and of any failure) go to {@code target/screenshots/}.
 */
@PostgresIntegrationTest
class TasklistBrowserIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final String PROCESS_NAME = "Parcours : anomalie de l'os ou des tissus mous (ONCOLOR 2019)";
  private static final String CLASSIFY_TASK_NAME = "Classer l'imagerie initiale";

  @Autowired ReferralService referrals;
  @Autowired ExamOrderService orders;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired FormService formService;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  private PathwayDriver pathway;
  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void startBrowser() {
    pathway = new PathwayDriver(referrals, orders, runtimeService, taskService, managementService, historyService,
        formService, jdbc, port);
    browser = chromium();
    wait = new WebDriverWait(browser, WAIT);
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
      String patientName = "Jeanne Navigateur-" + UUID.randomUUID().toString().substring(0, 6);
      String identifier = "IPP-WEB-" + System.nanoTime();

      // 1. The coordinator starts the referral from Tasklist's start form.
      logIn("coordinator");
      click(By.xpath("//a[normalize-space()='Start process']"));
      click(By.xpath("//a[normalize-space()=\"" + PROCESS_NAME + "\"]"));
      waitForField("Field_intakePatientName");
      dump("explore-start-form");
      throw new AssertionError("exploring");
    } catch (RuntimeException | AssertionError e) {
      dump("failure");
      throw e;
    }
  }

  // --- Tasklist -----------------------------------------------------------------------------

  private void logIn(String user) {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    type(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[placeholder='Username']"))),
        user);
    type(browser.findElement(By.cssSelector("input[placeholder='Password']")), "demo");
    click(By.xpath("//button[normalize-space()='Log in']"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//a[normalize-space()='Start process']")));
  }

  /** A form-js field, by the id of its component in the .form file (the DOM id ends with it). */
  private WebElement waitForField(String componentId) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(fieldOf(componentId)));
  }

  private static By fieldOf(String componentId) {
    return By.cssSelector("[id$='" + componentId + "']");
  }

  private void click(By locator) {
    wait.until(ExpectedConditions.elementToBeClickable(locator)).click();
  }

  private static void type(WebElement input, String text) {
    input.clear();
    input.sendKeys(text);
  }

  // --- Chromium -----------------------------------------------------------------------------

  private static WebDriver chromium() {
    List<Path> missing = List.of(CHROMIUM, CHROMEDRIVER).stream().filter(path -> !Files.isExecutable(path)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("TasklistBrowserIT needs Debian's Chromium and its driver, missing: " + missing
          + ". Install them with: apt-get install chromium chromium-driver (.ci/run does it).");
    }
    // Both paths are given, so Selenium Manager never looks for (or downloads) a browser or a driver.
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-dev-shm-usage", "--window-size=1400,1000");
    return new ChromeDriver(service, options);
  }

  private void dump(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
      Files.writeString(SCREENSHOTS.resolve(name + ".html"), browser.getPageSource(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
