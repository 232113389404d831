package fr.sarcoma.referral.insight;

import fr.sarcoma.referral.orders.ExamResultRecorded;
import fr.sarcoma.referral.orders.Modality;
import fr.sarcoma.referral.platform.NetworkCalendar;
import fr.sarcoma.referral.referral.MilestoneRecorded;
import fr.sarcoma.referral.referral.Milestones;
import fr.sarcoma.referral.referral.ReferralClosed;
import fr.sarcoma.referral.referral.ReferralRegistered;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Insight's read model: one row per referral in {@code pathway_timeline}, with the first time it passed each step,
 * which the managers' measures aggregate. Kept from the events of the modules below (registration, milestones,
 * results, closing), synchronously, in the transaction that wrote them. The first time a referral passes a step,
 * a {@link MilestonePassed} event is published.
 */
@Component
class PathwayTimeline {

  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;

  PathwayTimeline(JdbcTemplate jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  @EventListener
  void referralRegistered(ReferralRegistered registered) {
    ensureTimeline(registered.referralId());
  }

  @EventListener
  void milestoneRecorded(MilestoneRecorded recorded) {
    String name = recorded.name();
    if (!Milestones.NAMES.contains(name)) {
      return;
    }
    UUID referralId = recorded.referralId();
    Timestamp at = Timestamp.from(recorded.at());
    ensureTimeline(referralId);
    jdbc.update(
        """
        update pathway_timeline set last_milestone = ?, last_milestone_at = ?
        where referral_id = ? and (last_milestone_at is null or last_milestone_at <= ?)
        """,
        name,
        at,
        referralId,
        at);
    if (firstTime(referralId, Milestones.column(name), recorded.at())) {
      events.publishEvent(new MilestonePassed(referralId, name, recorded.at()));
    }
  }

  /** The first chest CT reported: "chest CT before the MDT" (X1) is measured against it. */
  @EventListener
  void resultRecorded(ExamResultRecorded recorded) {
    if (recorded.modality() == Modality.CHEST_CT) {
      ensureTimeline(recorded.referralId());
      firstTime(recorded.referralId(), "chest_ct_reported_at", recorded.receivedAt());
    }
  }

  @EventListener
  void referralClosed(ReferralClosed closed) {
    ensureTimeline(closed.referralId());
    jdbc.update(
        "update pathway_timeline set outcome = ?, closed_month = ? where referral_id = ? and outcome is null",
        closed.outcome(),
        NetworkCalendar.month(closed.at()),
        closed.referralId());
  }

  private boolean firstTime(UUID referralId, String column, Instant at) {
    // An earlier time can still arrive (history brought in late): the timeline keeps the earliest.
    return jdbc.update(
            "update pathway_timeline set "
                + column
                + " = ? where referral_id = ? and ("
                + column
                + " is null or "
                + column
                + " > ?)",
            Timestamp.from(at),
            referralId,
            Timestamp.from(at))
        == 1;
  }

  /** A referral gets its row from its record, once (when registered, or at its first event if it came in another way). */
  private void ensureTimeline(UUID referralId) {
    if (jdbc.update(
            """
        insert into pathway_timeline (referral_id, business_key, received_at, site, presentation, referring_physician,
          prior_procedure, outcome)
        select id, business_key, created_at, site, presentation, referring_physician, prior_procedure, outcome
        from referral r where r.id = ? and not exists (select 1 from pathway_timeline t where t.referral_id = r.id)
        """,
            referralId)
        == 1) {
      jdbc.query(
          "select created_at, closed_at from referral where id = ?",
          rs -> {
            jdbc.update(
                "update pathway_timeline set received_month = ?, closed_month = ? where referral_id = ?",
                NetworkCalendar.month(rs.getObject(1, OffsetDateTime.class).toInstant()),
                rs.getObject(2) == null
                    ? null
                    : NetworkCalendar.month(rs.getObject(2, OffsetDateTime.class).toInstant()),
                referralId);
          },
          referralId);
    }
  }
}
