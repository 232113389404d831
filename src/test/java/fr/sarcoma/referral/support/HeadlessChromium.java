package fr.sarcoma.referral.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** Debian's Chromium, headless, driven by its own chromedriver: nothing is ever downloaded. */
public final class HeadlessChromium {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  public static WebDriver start() {
    return start(new ChromeOptions());
  }

  /**
   * A browser whose preferred language is French, as at a French hospital: the webapps pick their
   * language from it (config.js).
   */
  public static WebDriver startInFrench() {
    ChromeOptions options = new ChromeOptions();
    options.addArguments("--lang=fr-FR");
    options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "fr-FR,fr"));
    return start(options);
  }

  /**
   * What the browser's console reported since the last call (and no longer keeps): what the pages' Content Security
   * Policy blocked ("Refused to execute inline script…", "Refused to load the stylesheet…") and the scripts and style
   * sheets that could not be loaded at all (a page's own 401, a refused call or a favicon are not counted).
   */
  public static List<String> blockedOrMissing(WebDriver browser) {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(
            message ->
                message.contains("Content Security Policy")
                    || (message.contains("Failed to load resource") && isAsset(message)))
        .toList();
  }

  /** "http://…/x.css - Failed to load resource: …": a script or a style sheet (not a page, a call, a favicon). */
  private static boolean isAsset(String message) {
    String address = message.split(" ", 2)[0];
    return address.endsWith(".js") || address.endsWith(".css");
  }

  private static WebDriver start(ChromeOptions options) {
    List<Path> missing =
        List.of(CHROMIUM, CHROMEDRIVER).stream().filter(path -> !Files.isExecutable(path)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Browser tests need Debian's Chromium and its driver, missing: "
              + missing
              + ". Install them with: apt-get install chromium chromium-driver (.ci/run does it).");
    }
    // Both paths are given, so Selenium Manager never looks for (or downloads) a browser or a
    // driver.
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    options.setBinary(CHROMIUM.toFile());
    // The console, for blockedOrMissing.
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000");
    return new ChromeDriver(service, options);
  }
}
