package fr.sarcoma.referral.insight.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Operations (issue 6): the actuator's doors and the pathway's Prometheus figures. */
@PostgresIntegrationTest
class MetricsIT {

  private static final String PROMETHEUS = "text/plain;version=0.0.4";

  @LocalServerPort int port;

  @Autowired PathwayDriver driver;

  @Autowired PathwayMetrics metrics;

  @Test
  void aManagerScrapesThePathwayFigures() {
    HttpCalls.Response response =
        HttpCalls.to(port).as("manager", "demo").get("/actuator/prometheus", PROMETHEUS);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body())
        .contains("sarcoma_referrals_started_total{site=\"SOFT_TISSUE\"}")
        .contains("sarcoma_referrals_closed_total{outcome=\"OUT_OF_SCOPE\"}")
        .contains("sarcoma_work_in_progress{stage=\"TRIAGE\"}")
        .contains("sarcoma_work_in_progress{stage=\"MDT\"}")
        .contains("sarcoma_interval_median_days{interval=\"referral-to-first-imaging\"}")
        .contains("sarcoma_interval_seconds_count{interval=\"mdt-to-biopsy\"}")
        .contains("sarcoma_open_incidents ");
  }

  @Test
  void anAdministratorScrapesToo() {
    assertThat(
            HttpCalls.to(port).as("admin", "demo").get("/actuator/prometheus", PROMETHEUS).status())
        .isEqualTo(200);
  }

  @Test
  void aNewReferralCountsOnceTheCachedReadingExpires() {
    HttpCalls manager = HttpCalls.to(port).as("manager", "demo");
    metrics.invalidate();
    double startedBefore =
        value(
            manager.get("/actuator/prometheus", PROMETHEUS).body(),
            "sarcoma_referrals_started_total{site=\"BONE\"}");
    double openBefore = openReferrals(manager.get("/actuator/prometheus", PROMETHEUS).body());

    driver.refer(Site.BONE, Presentation.SWELLING_OR_PAIN, 8.0, Depth.DEEP, PriorProcedure.NONE);
    // Within the cache window (30 s by default) a scrape still sees the last reading: nothing hits
    // the database.
    assertThat(
            value(
                manager.get("/actuator/prometheus", PROMETHEUS).body(),
                "sarcoma_referrals_started_total{site=\"BONE\"}"))
        .isEqualTo(startedBefore);
    metrics.invalidate();
    String after = manager.get("/actuator/prometheus", PROMETHEUS).body();

    assertThat(value(after, "sarcoma_referrals_started_total{site=\"BONE\"}"))
        .isEqualTo(startedBefore + 1);
    assertThat(openReferrals(after)).isGreaterThanOrEqualTo(openBefore + 1);
  }

  @Test
  void reachingTheFirstImagingReportObservesTheIntervalTimerOnce() {
    HttpCalls manager = HttpCalls.to(port).as("manager", "demo");
    String series = "sarcoma_interval_seconds_count{interval=\"referral-to-first-imaging\"}";
    double before = value(manager.get("/actuator/prometheus", PROMETHEUS).body(), series);

    PathwayDriver.Referral referral =
        driver.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            3.0,
            Depth.SUPERFICIAL,
            PriorProcedure.NONE);
    driver.reportExam(referral, driver.orders(referral).get(0).modality().name());
    String after = manager.get("/actuator/prometheus", PROMETHEUS).body();

    assertThat(value(after, series)).isEqualTo(before + 1);
    assertThat(after)
        .contains("sarcoma_interval_seconds_bucket{interval=\"referral-to-diagnosis\"");
  }

  @Test
  void noPatientDataInTheFigures() {
    String body =
        HttpCalls.to(port).as("manager", "demo").get("/actuator/prometheus", PROMETHEUS).body();

    assertThat(body)
        .doesNotContain("IPP-")
        .doesNotContain("Patient Test")
        .doesNotContain("Dr Adresseur");
  }

  @Test
  void anonymousScrapesAreChallenged() {
    HttpCalls.Response response = HttpCalls.to(port).get("/actuator/prometheus", PROMETHEUS);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).startsWith("Basic realm=");
  }

  @Test
  void aCoordinatorCannotScrape() {
    assertThat(
            HttpCalls.to(port)
                .as("coordinator", "demo")
                .get("/actuator/prometheus", PROMETHEUS)
                .status())
        .isEqualTo(403);
  }

  @Test
  void healthIsPublicAndGivesTheStatusOnly() {
    HttpCalls.Response response = HttpCalls.to(port).get("/actuator/health");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("status").asText()).isEqualTo("UP");
    assertThat(response.json().has("components")).isFalse();
    assertThat(response.json().has("details")).isFalse();
  }

  @Test
  void onlyHealthAndPrometheusAreExposed() {
    HttpCalls manager = HttpCalls.to(port).as("manager", "demo");

    assertThat(manager.get("/actuator/env").status()).isEqualTo(404);
    assertThat(manager.get("/actuator/metrics").status()).isEqualTo(404);
    assertThat(HttpCalls.to(port).get("/actuator/env").status()).isEqualTo(401);
  }

  private static double openReferrals(String scrape) {
    double total = 0;
    Matcher matcher =
        Pattern.compile("(?m)^sarcoma_work_in_progress\\{stage=\"[A-Z_]+\"\\} (\\S+)$")
            .matcher(scrape);
    while (matcher.find()) {
      total += Double.parseDouble(matcher.group(1));
    }
    return total;
  }

  private static double value(String scrape, String series) {
    Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    assertThat(matcher.find()).as("%s in the scrape", series).isTrue();
    return Double.parseDouble(matcher.group(1));
  }
}
