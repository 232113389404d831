package fr.sarcoma.referral.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

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
