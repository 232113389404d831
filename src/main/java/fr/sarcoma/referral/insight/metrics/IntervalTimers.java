package fr.sarcoma.referral.insight.metrics;

import fr.sarcoma.referral.insight.MilestonePassed;
import fr.sarcoma.referral.insight.PathwayInterval;
import fr.sarcoma.referral.referral.Milestones;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code sarcoma_interval_seconds{interval}}: a Prometheus histogram of each pathway interval, one
 * observation when a referral first reaches the interval's end milestone. Recorded once the
 * transaction that recorded the milestone has committed, so a rolled-back step is never counted.
 * Buckets run from an hour to 6 months: these intervals last days, not milliseconds.
 */
@Component
class IntervalTimers {

  private final JdbcTemplate jdbc;
  private final Map<String, Timer> timers = new HashMap<>();

  IntervalTimers(JdbcTemplate jdbc, MeterRegistry registry) {
    this.jdbc = jdbc;
    for (PathwayInterval interval : PathwayInterval.ALL) {
      timers.put(
          interval.name(),
          Timer.builder("sarcoma.interval")
              .description(
                  "Days between two milestones of the pathway, recorded when a referral reaches the second")
              .tag("interval", interval.name())
              .publishPercentileHistogram()
              .minimumExpectedValue(Duration.ofHours(1))
              .maximumExpectedValue(Duration.ofDays(180))
              .register(registry));
    }
  }

  @EventListener
  void milestonePassed(MilestonePassed passed) {
    for (PathwayInterval interval : PathwayInterval.ALL) {
      if (!interval.to().equals(passed.name())) {
        continue;
      }
      Timestamp from =
          jdbc.queryForObject(
              "select "
                  + Milestones.column(interval.from())
                  + " from pathway_timeline where referral_id = ?",
              Timestamp.class,
              passed.referralId());
      if (from != null && !from.toInstant().isAfter(passed.at())) {
        afterCommit(timers.get(interval.name()), Duration.between(from.toInstant(), passed.at()));
      }
    }
  }

  private static void afterCommit(Timer timer, Duration elapsed) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      timer.record(elapsed);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            timer.record(elapsed);
          }
        });
  }
}
