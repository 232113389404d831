package fr.sarcoma.referral.referral;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * When a referral passed each step of the pathway (recorded by listeners on the model): the full log in
 * {@code milestone}. Each record is published as a {@link MilestoneRecorded} event in the same transaction;
 * insight keeps its read model (the first time of each step, in {@code pathway_timeline}) from them.
 */
@Component
public class Milestones {

  /** The milestones of the model, in pathway order; each has its column in pathway_timeline. */
  public static final List<String> NAMES =
      List.of(
          "REFERRAL_RECEIVED",
          "FIRST_IMAGING_ORDERED",
          "FIRST_IMAGING_REPORTED",
          "CHARACTERISATION_ORDERED",
          "CHARACTERISATION_REPORTED",
          "EXTENSION_WORKUP_COMPLETE",
          "MDT_REGISTERED",
          "MDT_DECIDED",
          "APPROACH_AGREED",
          "BIOPSY_ORDERED",
          "CLOSED");

  public record Milestone(String name, Instant at) {}

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
    jdbc.update(
        "insert into milestone (referral_id, name, occurred_at) values (?, ?, ?)",
        referralId,
        name,
        Timestamp.from(at));
    events.publishEvent(new MilestoneRecorded(referralId, name, at));
  }

  public List<Milestone> of(UUID referralId) {
    return jdbc.query(
        "select name, occurred_at from milestone where referral_id = ? order by occurred_at, id",
        (rs, row) ->
            new Milestone(
                rs.getString("name"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant()),
        referralId);
  }

  /** The milestones of several referrals in one read (a list of search results), in the order of {@link #of}. */
  Map<UUID, List<Milestone>> ofReferrals(Collection<UUID> referralIds) {
    Map<UUID, List<Milestone>> byReferral = new HashMap<>();
    if (referralIds.isEmpty()) {
      return byReferral;
    }
    jdbc.query(
        "select referral_id, name, occurred_at from milestone where referral_id in ("
            + String.join(", ", Collections.nCopies(referralIds.size(), "?"))
            + ") order by occurred_at, id",
        (RowCallbackHandler)
            rs ->
                byReferral
                    .computeIfAbsent(
                        rs.getObject("referral_id", UUID.class), id -> new ArrayList<>())
                    .add(
                        new Milestone(
                            rs.getString("name"),
                            rs.getObject("occurred_at", OffsetDateTime.class).toInstant())),
        referralIds.toArray());
    return byReferral;
  }

  /** The timeline column of a milestone: REFERRAL_RECEIVED → referral_received_at. */
  public static String column(String milestone) {
    if (!NAMES.contains(milestone)) {
      throw new IllegalArgumentException("Not a milestone of the pathway: " + milestone);
    }
    return milestone.toLowerCase(Locale.ROOT) + "_at";
  }
}
