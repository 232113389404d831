package fr.sarcoma.referral.agenda;

import static fr.sarcoma.referral.support.PathwayDriver.characterisation;
import static fr.sarcoma.referral.support.PathwayDriver.classification;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.sarcoma.referral.mdt.MdtSession;
import fr.sarcoma.referral.mdt.MdtSessions;
import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import fr.sarcoma.referral.support.TasklistPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A session's agenda: each case's dossier, an incomplete one flagged before the session; JSON and printable page. */
@PostgresIntegrationTest
class AgendaIT {

  @Autowired MdtSessions sessions;
  @Autowired PathwayDriver pathway;
  @LocalServerPort int port;

  private MdtSession session;
  private Referral complete;
  private Referral withoutChestCt;

  /** A session of its own, within the hour: the earliest one open for registration. */
  @BeforeEach
  void sessionWithTwoCases() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    session =
        sessions.addOneOff(
            now.plus(Duration.ofMinutes(45)),
            Duration.ofHours(2),
            now.plus(Duration.ofMinutes(30)),
            5,
            "agenda test");

    complete = pathway.awaitingMdtSession(Site.SOFT_TISSUE);
    sessions.move(complete.id(), session.id());

    withoutChestCt =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.INCIDENTAL_FINDING,
            7.0,
            Depth.DEEP,
            PriorProcedure.NONE);
    pathway.reportExam(withoutChestCt, "ULTRASOUND");
    pathway.complete(
        withoutChestCt,
        "Task_ClassifyInitialImaging",
        "radiologist",
        classification("AGGRESSIVE", false));
    pathway.reportExam(withoutChestCt, "MRI");
    pathway.complete(
        withoutChestCt,
        "Task_ReportCharacterisation",
        "radiologist",
        characterisation("AGGRESSIVE", true, "NOT_APPLICABLE", "SOFT_TISSUE_SARCOMA", false));
    // Put on the agenda early, before its chest CT is reported: the coordinator must see it.
    sessions.register(withoutChestCt.id());
  }

  @AfterEach
  void cancelSession() {
    sessions.cancel(session.id(), "fin du test");
  }

  @Test
  void theAgendaFlagsACaseMissingItsChestCt() {
    HttpCalls.Response response =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .get("/api/mdt/sessions/" + session.id() + "/agenda");

    assertThat(response.status()).isEqualTo(200);
    JsonNode flagged = caseOf(response.json(), withoutChestCt);
    assertThat(flagged.path("complete").asBoolean()).isFalse();
    assertThat(flagged.path("missing").toString()).contains("Scanner thoracique");
    assertThat(flagged.path("characterisationConclusion").asText()).isEqualTo("AGGRESSIVE");

    JsonNode ready = caseOf(response.json(), complete);
    assertThat(ready.path("complete").asBoolean()).isTrue();
    assertThat(ready.path("question").asText()).isEqualTo("Biopsie ? Quelle voie d'abord ?");
    assertThat(ready.path("exams").toString()).contains("CHEST_CT", "MRI", "ULTRASOUND");
    assertThat(response.json().path("incompleteCases").asInt()).isEqualTo(1);
  }

  @Test
  void thePrintableAgendaRendersInChromiumForACoordinator() throws IOException {
    // Logged in as the coordinator is: to Tasklist, whose session opens our pages.
    TasklistPage tasklist = TasklistPage.inEnglish(port);
    WebDriver browser = tasklist.browser();
    try {
      tasklist.logIn("coordinator");
      browser.get(tasklist.pageUrl("/mdt/sessions/" + session.id() + "/agenda"));
      new WebDriverWait(browser, Duration.ofSeconds(20))
          .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.case")));

      String page = browser.findElement(By.tagName("body")).getText();
      assertThat(page)
          .contains(
              "RCP de recours sarcomes — ordre du jour",
              complete.businessKey(),
              withoutChestCt.businessKey(),
              "Dossier incomplet",
              "Scanner thoracique",
              "Dossier complet",
              "Question posée à la RCP");
      Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
      Files.write(
          screenshots.resolve("mdt-agenda.png"),
          ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.quit();
    }
    assertThat(HttpCalls.to(port).get("/mdt/sessions/" + session.id() + "/agenda").status())
        .isEqualTo(401);
    assertThat(
            HttpCalls.to(port)
                .as("manager", "demo")
                .get("/mdt/sessions/" + session.id() + "/agenda")
                .status())
        .isEqualTo(403);
  }

  private static JsonNode caseOf(JsonNode agenda, Referral referral) {
    for (JsonNode item : agenda.path("cases")) {
      if (item.path("referralId").asText().equals(referral.id().toString())) {
        return item;
      }
    }
    throw new AssertionError(referral.businessKey() + " is not on the agenda");
  }
}
