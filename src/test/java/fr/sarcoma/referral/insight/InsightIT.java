package fr.sarcoma.referral.insight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.sarcoma.referral.orders.Channel;
import fr.sarcoma.referral.orders.ExamResultRecorded;
import fr.sarcoma.referral.orders.Modality;
import fr.sarcoma.referral.referral.Milestones;
import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Managers' measures on a history built by hand in 2020 (no other test writes there), whose
 * medians, percentiles, breaches and rates are known in advance.
 */
@PostgresIntegrationTest
class InsightIT {

  private static final Instant YEAR = Instant.parse("2020-01-06T08:00:00Z");

  /** The year 2020 in Paris time: twelve months on the trend. */
  private static final String PERIOD =
      "?from=2020-01-01T00:00:00%2B01:00&to=2021-01-01T00:00:00%2B01:00";

  @Autowired ApplicationEventPublisher events;
  @Autowired JdbcTemplate jdbc;
  @Autowired Milestones milestones;
  @Autowired PathwayDriver pathway;
  @LocalServerPort int port;

  @BeforeEach
  void history() {
    if (jdbc.queryForObject(
            "select count(*) from referral where business_key like 'HIST-2020-%'", Integer.class)
        > 0) {
      return;
    }
    // Referral → first imaging reported: 2, 4, 6, 8, 30 days → median 6, p90 21.2, one breach of 14
    // days.
    // Referrals 1–2 reach the MDT (after 10 and 20 days) with the chest CT before it; 1 gets a
    // biopsy after the MDT,
    // 3 gets a biopsy without any MDT (a breach of the gate, as history could show before this
    // system).
    // The initial imaging is classified in tasks that wait 1, 2, 3, 4 and 10 hours and take 1 hour,
    // but for
    // referral 5's, worked on for 70 hours and so completed after its 72-hour service level.
    int[] firstImaging = {2, 4, 6, 8, 30};
    int[] waitingHours = {1, 2, 3, 4, 10};
    for (int i = 0; i < firstImaging.length; i++) {
      UUID referral = referral(i + 1, i == 4 ? "EXCISION" : "NONE", i < 3 ? "SOFT_TISSUE" : "BONE");
      milestone(referral, "REFERRAL_RECEIVED", 0);
      milestone(referral, "FIRST_IMAGING_REPORTED", firstImaging[i]);
      classificationTask(referral, firstImaging[i], waitingHours[i], i == 4 ? 70 : 1);
      if (i < 2) {
        milestone(referral, "CHARACTERISATION_REPORTED", firstImaging[i] + 3);
        chestCt(referral, firstImaging[i] + 5);
        milestone(referral, "MDT_DECIDED", 10 * (i + 1));
      }
      if (i == 0) {
        milestone(referral, "BIOPSY_ORDERED", 15);
        // A second imaging report later on: the interval keeps counting from the first.
        milestone(referral, "FIRST_IMAGING_REPORTED", 16);
      }
      if (i == 2) {
        milestone(referral, "BIOPSY_ORDERED", 9);
      }
    }
  }

  @Test
  void theMeasuresAreTheOnesKnownInAdvance() {
    HttpCalls.Response response =
        HttpCalls.to(port).as("manager", "demo").get("/api/insight/measures" + PERIOD);

    assertThat(response.status()).isEqualTo(200);
    JsonNode firstImaging = named(response.json().path("intervals"), "referral-to-first-imaging");
    assertThat(firstImaging.path("count").asInt()).isEqualTo(5);
    assertThat(firstImaging.path("medianDays").asDouble()).isEqualTo(6.0);
    assertThat(firstImaging.path("p90Days").asDouble()).isEqualTo(21.2);
    assertThat(firstImaging.path("targetDays").asDouble()).isEqualTo(14.0);
    assertThat(firstImaging.path("breachCount").asInt()).isEqualTo(1);
    assertThat(firstImaging.path("breaches")).hasSize(1);
    assertThat(firstImaging.path("breaches").get(0).path("referralNumber").asText())
        .isEqualTo("HIST-2020-000005");

    JsonNode diagnosis = named(response.json().path("intervals"), "referral-to-diagnosis");
    assertThat(diagnosis.path("count").asInt()).isEqualTo(2);
    assertThat(diagnosis.path("medianDays").asDouble()).isEqualTo(15.0);
    assertThat(
            named(response.json().path("intervals"), "mdt-to-biopsy").path("medianDays").asDouble())
        .isEqualTo(5.0);

    // S3 (b): the biopsy of referral 3 came without any MDT decision.
    JsonNode mdtBeforeBiopsy = rule(response.json(), "mdt-before-biopsy");
    assertThat(mdtBeforeBiopsy.path("eligible").asInt()).isEqualTo(2);
    assertThat(mdtBeforeBiopsy.path("compliant").asInt()).isEqualTo(1);
    assertThat(mdtBeforeBiopsy.path("rate").asDouble()).isEqualTo(0.5);
    // X1: both MDT cases had their chest CT first.
    assertThat(rule(response.json(), "chest-ct-before-mdt").path("rate").asDouble()).isEqualTo(1.0);
    assertThat(rule(response.json(), "after-unplanned-excision").path("rate").asDouble())
        .isEqualTo(0.2);
    assertThat(response.json().path("volumes").toString())
        .contains("{\"dimension\":\"site\",\"value\":\"BONE\",\"count\":2}")
        .contains("{\"dimension\":\"site\",\"value\":\"SOFT_TISSUE\",\"count\":3}");
  }

  @Test
  void eachUserTasksWaitingAndWorkingTimesAreTheOnesKnownInAdvance() {
    JsonNode measures =
        HttpCalls.to(port).as("manager", "demo").get("/api/insight/measures" + PERIOD).json();

    JsonNode classification = null;
    for (JsonNode task : measures.path("tasks")) {
      if (task.path("taskKey").asText().equals("Task_ClassifyInitialImaging")) {
        classification = task;
      }
    }
    assertThat(classification)
        .as("Task_ClassifyInitialImaging in %s", measures.path("tasks"))
        .isNotNull();
    assertThat(classification.path("name").asText()).isEqualTo("Classer l'imagerie initiale");
    assertThat(classification.path("count").asInt()).isEqualTo(5);
    assertThat(classification.path("waitingMedianHours").asDouble()).isEqualTo(3.0);
    assertThat(classification.path("waitingP90Hours").asDouble()).isEqualTo(7.6);
    assertThat(classification.path("workingMedianHours").asDouble()).isEqualTo(1.0);
    assertThat(classification.path("workingP90Hours").asDouble()).isEqualTo(42.4);
    assertThat(classification.path("targetHours").asDouble()).isEqualTo(72.0);
    assertThat(classification.path("breachCount").asInt()).isEqualTo(1);
    assertThat(classification.path("breaches").get(0).path("referralNumber").asText())
        .isEqualTo("HIST-2020-000005");
    assertThat(classification.path("breaches").get(0).path("days").asDouble()).isEqualTo(3.33);
  }

  @Test
  @DisplayName(
      "U1: a referral after an unplanned excision, registered through the pathway, counts in the managers' "
          + "unplanned-excision measure; one without a prior procedure is eligible only")
  void u1ReferralsCountInTheUnplannedExcisionMeasure() {
    String period =
        "?from="
            + Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS)
            + "&to="
            + Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    JsonNode before =
        rule(
            HttpCalls.to(port).as("manager", "demo").get("/api/insight/measures" + period).json(),
            "after-unplanned-excision");

    pathway.refer(
        Site.SOFT_TISSUE, Presentation.SWELLING_OR_PAIN, 6.0, Depth.DEEP, PriorProcedure.EXCISION);
    pathway.refer(
        Site.SOFT_TISSUE, Presentation.SWELLING_OR_PAIN, 6.0, Depth.DEEP, PriorProcedure.NONE);

    JsonNode after =
        rule(
            HttpCalls.to(port).as("manager", "demo").get("/api/insight/measures" + period).json(),
            "after-unplanned-excision");
    assertThat(after.path("eligible").asInt()).isEqualTo(before.path("eligible").asInt() + 2);
    assertThat(after.path("compliant").asInt())
        .as("the U1 referral")
        .isEqualTo(before.path("compliant").asInt() + 1);
  }

  @Test
  void aPeriodThatEndsBeforeItStartsIsA400NamingTheField() {
    HttpCalls.Response response =
        HttpCalls.to(port)
            .as("manager", "demo")
            .get("/api/insight/measures?from=2021-01-01T00:00:00Z&to=2020-01-01T00:00:00Z");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("from");
    assertThat(
            HttpCalls.to(port)
                .as("manager", "demo")
                .get("/api/insight/measures?from=2000-01-01T00:00:00Z&to=2020-01-01T00:00:00Z")
                .status())
        .isEqualTo(400);
  }

  @Test
  void theTrendAndTheWorkInProgressShowTheOldestWaitingReferralsFirst() {
    JsonNode measures =
        HttpCalls.to(port).as("manager", "demo").get("/api/insight/measures" + PERIOD).json();

    assertThat(measures.path("monthly")).hasSize(12);
    assertThat(measures.path("monthly").toString())
        .contains("{\"month\":\"2020-01\",\"received\":5,\"closed\":0}")
        .contains("{\"month\":\"2020-12\",\"received\":0,\"closed\":0}");
    JsonNode oldest = measures.path("workInProgress").path("oldest").get(0);
    assertThat(oldest.path("referralNumber").asText()).isEqualTo("HIST-2020-000001");
    // Its latest milestone is the second imaging report, after its biopsy was ordered.
    assertThat(oldest.path("stage").asText()).isEqualTo("INITIAL_IMAGING_CLASSIFICATION");
    assertThat(measures.path("workInProgress").path("byStage").toString())
        .contains("\"value\":\"BIOPSY\"");
  }

  @Test
  void theDashboardRendersItsChartsForAManagerInChromium() throws java.io.IOException {
    // Logged in as a manager is: to the webapps (welcome page), whose session opens the dashboard.
    fr.sarcoma.referral.support.TasklistPage webapps =
        fr.sarcoma.referral.support.TasklistPage.inEnglish(port);
    org.openqa.selenium.WebDriver browser = webapps.browser();
    try {
      webapps.logInToWelcome("manager");
      browser.get(webapps.pageUrl("/dashboard" + PERIOD));
      new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(20))
          .withMessage(
              () ->
                  "dashboard not rendered: "
                      + browser.findElement(org.openqa.selenium.By.tagName("body")).getText())
          .until(
              driver ->
                  "true"
                      .equals(
                          driver
                              .findElement(org.openqa.selenium.By.tagName("body"))
                              .getDomAttribute("data-rendered")));

      String page = browser.findElement(org.openqa.selenium.By.tagName("body")).getText();
      assertThat(page)
          .contains(
              "Conformité au référentiel",
              "RCP avant biopsie : 50 % (1/2)",
              "Demandes reçues du 01/01/2020 au 31/12/2020");
      assertThat(page).contains("Classer l'imagerie initiale (échéance) 1 5");
      assertThat(browser.findElements(org.openqa.selenium.By.tagName("canvas")))
          .hasSizeGreaterThanOrEqualTo(8);
      // Every canvas holds a Chart.js chart with at least one value.
      Object emptyCharts =
          ((org.openqa.selenium.JavascriptExecutor) browser)
              .executeScript(
                  """
          return Array.from(document.querySelectorAll('canvas')).filter(canvas => {
            const chart = Chart.getChart(canvas);
            return !chart || !chart.data.datasets.some(d => d.data.some(v => v !== null && v !== undefined));
          }).length;
          """);
      assertThat(((Number) emptyCharts).intValue()).as("charts without data").isZero();
      java.nio.file.Path screenshots =
          java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
      java.nio.file.Files.write(
          screenshots.resolve("dashboard.png"),
          ((org.openqa.selenium.TakesScreenshot) browser)
              .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    } finally {
      browser.quit();
    }
    assertThat(HttpCalls.to(port).as("coordinator", "demo").get("/dashboard", "text/html").status())
        .isEqualTo(403);
  }

  @Test
  void theFiltersNarrowTheHistory() {
    JsonNode bone =
        HttpCalls.to(port)
            .as("manager", "demo")
            .get("/api/insight/measures" + PERIOD + "&site=BONE")
            .json();

    assertThat(named(bone.path("intervals"), "referral-to-first-imaging").path("count").asInt())
        .isEqualTo(2);
    assertThat(
            named(bone.path("intervals"), "referral-to-first-imaging")
                .path("medianDays")
                .asDouble())
        .isEqualTo(19.0);
  }

  @Test
  void theCsvCarriesTheSameFiguresAndOnlyManagersSeeThem() {
    HttpCalls.Response csv =
        HttpCalls.to(port)
            .as("manager", "demo")
            .get("/api/insight/measures.csv" + PERIOD, "text/csv");

    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.body())
        .contains("interval;referral-to-first-imaging;5;6.00;21.20;14.00;1;")
        .contains("compliance;mdt-before-biopsy;2;;;1.00;1;0.50");
    assertThat(HttpCalls.to(port).as("coordinator", "demo").get("/api/insight/measures").status())
        .isEqualTo(403);
    assertThat(HttpCalls.to(port).get("/api/insight/measures").status()).isEqualTo(401);
  }

  private UUID referral(int number, String priorProcedure, String site) {
    UUID patient = UUID.randomUUID();
    jdbc.update(
        "insert into patient (id, identifier, display_name, birth_date, sex, created_at) values (?, ?, ?, ?, ?, ?)",
        patient,
        "HIST-" + patient,
        "Historique " + number,
        java.time.LocalDate.of(1960, 1, 1),
        "FEMALE",
        Timestamp.from(YEAR));
    UUID referral = UUID.randomUUID();
    jdbc.update(
        """
        insert into referral (id, business_key, patient_id, referring_physician, presentation, site, anatomical_location,
          depth, prior_procedure, created_at)
        values (?, ?, ?, 'Dr Historique (Metz)', 'SWELLING_OR_PAIN', ?, 'cuisse', 'DEEP', ?, ?)
        """,
        referral,
        "HIST-2020-%06d".formatted(number),
        patient,
        site,
        priorProcedure,
        Timestamp.from(YEAR.plus(Duration.ofDays(number))));
    return referral;
  }

  private void milestone(UUID referral, String name, int days) {
    milestones.record(referral, name, received(referral).plus(Duration.ofDays(days)));
  }

  private void chestCt(UUID referral, int days) {
    Instant received = received(referral);
    jdbc.update(
        """
        insert into exam_order (id, referral_id, modality, urgency, protocol, status, placed_at, exam_process_instance_id,
          result_conclusion, result_received_at)
        values (?, ?, 'CHEST_CT', 'ROUTINE', 'Scanner thoracique', 'REPORTED', ?, ?, 'Pas de nodule', ?)
        """,
        UUID.randomUUID(),
        referral,
        Timestamp.from(received),
        "history-" + UUID.randomUUID(),
        Timestamp.from(received.plus(Duration.ofDays(days))));
    events.publishEvent(
        new ExamResultRecorded(
            UUID.randomUUID(),
            referral,
            Modality.CHEST_CT,
            received.plus(Duration.ofDays(days)),
            Channel.API));
  }

  /**
   * The classification of the first imaging: created when it is reported, taken after {@code waiting} hours,
   * completed {@code working} hours later, due 72 hours after creation. A deleted task and an open one beside it
   * must not count.
   */
  private void classificationTask(UUID referral, int day, int waiting, int working) {
    Instant created = received(referral).plus(Duration.ofDays(day));
    Instant taken = created.plus(Duration.ofHours(waiting));
    String insert =
        """
        insert into task_time (task_id, referral_id, received_at, task_key, created_at, taken_at, due_at, ended_at,
          end_reason, waiting_hours, working_hours, total_hours)
        values (?, ?, ?, 'Task_ClassifyInitialImaging', ?, ?, ?, ?, ?, ?, ?, ?)
        """;
    Timestamp received = Timestamp.from(received(referral));
    Timestamp due = Timestamp.from(created.plus(Duration.ofHours(72)));
    jdbc.update(
        insert,
        "history-" + UUID.randomUUID(),
        referral,
        received,
        Timestamp.from(created),
        Timestamp.from(taken),
        due,
        Timestamp.from(taken.plus(Duration.ofHours(working))),
        "COMPLETED",
        waiting,
        working,
        waiting + working);
    jdbc.update(
        insert,
        "history-" + UUID.randomUUID(),
        referral,
        received,
        Timestamp.from(created),
        null,
        due,
        Timestamp.from(created.plus(Duration.ofDays(20))),
        "DELETED",
        480,
        null,
        480);
    jdbc.update(
        insert,
        "history-" + UUID.randomUUID(),
        referral,
        received,
        Timestamp.from(created),
        null,
        due,
        null,
        null,
        null,
        null,
        null);
  }

  private Instant received(UUID referral) {
    return jdbc.queryForObject(
            "select created_at from referral where id = ?", Timestamp.class, referral)
        .toInstant();
  }

  private static JsonNode named(JsonNode items, String name) {
    for (JsonNode item : items) {
      if (item.path("name").asText().equals(name)) {
        return item;
      }
    }
    throw new AssertionError(name + " missing");
  }

  private static JsonNode rule(JsonNode measures, String rule) {
    for (JsonNode item : measures.path("compliance")) {
      if (item.path("rule").asText().equals(rule)) {
        return item;
      }
    }
    throw new AssertionError(rule + " missing");
  }
}
