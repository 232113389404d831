package fr.sarcoma.referral.insight;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps each interval's days in {@code pathway_timeline} as its milestones are first passed, in the
 * transaction that records the milestone, so the measures sort ready numbers.
 */
@Component
class IntervalDays {

  private final JdbcTemplate jdbc;

  IntervalDays(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @EventListener
  void milestonePassed(MilestonePassed passed) {
    for (PathwayInterval interval : PathwayInterval.ALL) {
      if (interval.touches(passed.name())) {
        jdbc.update(
            "update pathway_timeline set "
                + interval.column()
                + " = "
                + interval.daysBetweenMilestones()
                + " where referral_id = ?",
            passed.referralId());
      }
    }
  }
}
