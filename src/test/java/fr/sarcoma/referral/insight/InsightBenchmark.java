package fr.sarcoma.referral.insight;

import fr.sarcoma.referral.SarcomaReferralApplication;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark (not a test): fills a fresh PostgreSQL database with synthetic completed pathways and
 * times the dashboard API. Run it with the command in the README; it writes
 * target/benchmark/insight.md. Arguments: number of referrals (default 100000), timed requests (20).
 */
public final class InsightBenchmark {

  /** Untimed requests first: the JIT compiles the hot paths and the pools fill. */
  private static final int WARM_UPS = 5;

  private InsightBenchmark() {}

  public static void main(String[] args) throws Exception {
    int referrals = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    TestPostgres.Database database = TestPostgres.createDatabase();
    try (ConfigurableApplicationContext application =
        new SpringApplicationBuilder(SarcomaReferralApplication.class)
            .run(
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--sarcoma.admin.user=benchmark",
                "--sarcoma.admin.password=Banc-Essai-2026!",
                "--server.port=0",
                "--camunda.bpm.job-execution.enabled=false",
                "--logging.level.root=WARN")) {
      long fill = System.nanoTime();
      int months = 18;
      application
          .getBean(SyntheticHistory.class)
          .generate(months, (referrals + months - 1) / months, 2026L);
      // The state autovacuum keeps a database in that grew over months: fresh statistics (without
      // them the
      // planner takes 100,000 rows written a second ago for a few dozen), and no vacuum left to run
      // during
      // the measurements.
      application.getBean(JdbcTemplate.class).execute("vacuum analyze");
      double fillSeconds = (System.nanoTime() - fill) / 1e9;
      int port = Integer.parseInt(application.getEnvironment().getProperty("local.server.port"));
      HttpCalls admin = HttpCalls.to(port).as("benchmark", "Banc-Essai-2026!");
      String period =
          "?from="
              + Instant.now().minus(550, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
              + "&to="
              + Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
      StringBuilder report =
          new StringBuilder("# Insight benchmark\n\n")
              .append(
                  "%d synthetic pathways (18 months) written, vacuumed and analysed in %.1f s; %d timed requests after %d warm-ups.%n%n"
                      .formatted(referrals, fillSeconds, requests, WARM_UPS))
              .append("| request | median ms | p90 ms | max ms |\n|---|---|---|---|\n");
      for (String path :
          List.of(
              "/api/insight/measures" + period,
              "/api/insight/measures" + period + "&site=BONE",
              "/api/insight/measures.csv" + period,
              "/dashboard" + period)) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < requests + WARM_UPS; i++) {
          long start = System.nanoTime();
          HttpCalls.Response response = admin.get(path, "*/*");
          if (response.status() != 200) {
            throw new IllegalStateException(path + " → " + response.status());
          }
          if (i >= WARM_UPS) {
            millis.add((System.nanoTime() - start) / 1e6);
          }
        }
        Collections.sort(millis);
        report.append(
            "| `%s` | %.0f | %.0f | %.0f |%n"
                .formatted(
                    path.replace(period, "?<18 months>"),
                    millis.get(millis.size() / 2),
                    millis.get((int) Math.ceil(millis.size() * 0.9) - 1),
                    millis.get(millis.size() - 1)));
      }
      Path out = Files.createDirectories(Path.of("target", "benchmark")).resolve("insight.md");
      Files.writeString(out, report.toString());
      System.out.println(report);
      System.out.println(
          "Written to "
              + out.toAbsolutePath()
              + String.format(Locale.ROOT, " (%s)", Instant.now()));
    }
    System.exit(0);
  }
}
