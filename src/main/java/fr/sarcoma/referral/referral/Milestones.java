package fr.sarcoma.referral.referral;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * When a referral passed each step of the pathway (recorded by listeners on the model): the full
 * log in {@code milestone}, and the first time of each step in {@code pathway_timeline}, one row
 * per referral, which the managers' measures aggregate. The first time a referral passes a step,
 * a {@link MilestonePassed} event is published.
 */
@Component
public class Milestones {

  /** The milestones of the model, in pathway order; each has its column in pathway_timeline. */
  public static final List<String> NAMES = List.of("REFERRAL_RECEIVED", "FIRST_IMAGING_ORDERED",
      "FIRST_IMAGING_REPORTED", "CHARACTERISATION_ORDERED", "CHARACTERISATION_REPORTED", "EXTENSION_WORKUP_COMPLETE",
      "MDT_REGISTERED", "MDT_DECIDED", "APPROACH_AGREED", "BIOPSY_ORDERED", "CLOSED");

  public record Milestone(String name, Instant at) {
  }

  /** A referral passed a step for the first time. */
  public record MilestonePassed(UUID referralId, String name, Instant at) {
  }

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  Milestones(JdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Records a milestone now. A name outside {@link #NAMES} is an event logged beside the pathway's steps
   * (PRIOR_PROCEDURE_MATERIAL_REQUESTED, U1/U2: written on a branch of its own, at any time): it is
   * listed with the referral's milestones but moves neither its timeline nor its stage.
   */
  public void record(UUID referralId, String name) {
    record(referralId, name, clock.instant());
  }

  /** Records a milestone at a given time (history brought in from elsewhere, tests). */
  public void record(UUID referralId, String name, Instant at) {
    jdbc.update("insert into milestone (referral_id, name, occurred_at) values (?, ?, ?)",
        referralId, name, Timestamp.from(at));
    if (!NAMES.contains(name)) {
      return;
    }
    ensureTimeline(referralId);
    jdbc.update("""
        update pathway_timeline set last_milestone = ?, last_milestone_at = ?
        where referral_id = ? and (last_milestone_at is null or last_milestone_at <= ?)
        """, name, Timestamp.from(at), referralId, Timestamp.from(at));
    if (firstTime(referralId, column(name), at)) {
      events.publishEvent(new MilestonePassed(referralId, name, at));
    }
  }

  /** The first chest CT reported: "chest CT before the MDT" (X1) is measured against it. */
  public void chestCtReported(UUID referralId, Instant at) {
    ensureTimeline(referralId);
    firstTime(referralId, "chest_ct_reported_at", at);
  }

  public List<Milestone> of(UUID referralId) {
    return jdbc.query("select name, occurred_at from milestone where referral_id = ? order by occurred_at, id",
        (rs, row) -> new Milestone(rs.getString("name"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant()),
        referralId);
  }

  /** The timeline column of a milestone: REFERRAL_RECEIVED → referral_received_at. */
  public static String column(String milestone) {
    if (!NAMES.contains(milestone)) {
      throw new IllegalArgumentException("Not a milestone of the pathway: " + milestone);
    }
    return milestone.toLowerCase(Locale.ROOT) + "_at";
  }

  private boolean firstTime(UUID referralId, String column, Instant at) {
    // An earlier time can still arrive (history brought in late): the timeline keeps the earliest.
    return jdbc.update("update pathway_timeline set " + column + " = ? where referral_id = ? and (" + column
        + " is null or " + column + " > ?)", Timestamp.from(at), referralId, Timestamp.from(at)) == 1;
  }

  /**
   * Referrals get their row when they are registered (ReferralRepository); a referral that came in
   * another way (history brought in from elsewhere) gets it from its record here.
   */
  private void ensureTimeline(UUID referralId) {
    if (jdbc.update("""
        insert into pathway_timeline (referral_id, business_key, received_at, site, presentation, referring_physician,
          prior_procedure, outcome)
        select id, business_key, created_at, site, presentation, referring_physician, prior_procedure, outcome
        from referral r where r.id = ? and not exists (select 1 from pathway_timeline t where t.referral_id = r.id)
        """, referralId) == 1) {
      jdbc.query("select created_at, closed_at from referral where id = ?", rs -> {
        jdbc.update("update pathway_timeline set received_month = ?, closed_month = ? where referral_id = ?",
            NetworkCalendar.month(rs.getObject(1, OffsetDateTime.class).toInstant()),
            rs.getObject(2) == null ? null : NetworkCalendar.month(rs.getObject(2, OffsetDateTime.class).toInstant()),
            referralId);
      }, referralId);
    }
  }
}
