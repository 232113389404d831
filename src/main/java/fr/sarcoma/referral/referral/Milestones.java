package fr.sarcoma.referral.referral;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** When a referral passed each step of the pathway (recorded by listeners on the model). */
@Component
public class Milestones {

  public record Milestone(String name, Instant at) {
  }

  private final JdbcTemplate jdbc;
  private final Clock clock;

  Milestones(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void record(UUID referralId, String name) {
    jdbc.update("insert into milestone (referral_id, name, occurred_at) values (?, ?, ?)",
        referralId, name, Timestamp.from(clock.instant()));
  }

  public List<Milestone> of(UUID referralId) {
    return jdbc.query("select name, occurred_at from milestone where referral_id = ? order by occurred_at, id",
        (rs, row) -> new Milestone(rs.getString("name"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant()),
        referralId);
  }
}
