package fr.sarcoma.referral.insight;

import fr.sarcoma.referral.pathway.ServiceLevels;
import fr.sarcoma.referral.platform.NetworkCalendar;
import fr.sarcoma.referral.platform.PersonNames;
import fr.sarcoma.referral.referral.Milestones;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Realistic synthetic history for the dashboard and the benchmark: referrals through every branch of
 * the pathway with plausible delays, written straight into our records (referral, milestone log and
 * timeline, chest CT orders, user task times), not through the engine. Deterministic for a seed.
 * Business keys start with {@code SYNTH-} so it can be told apart (and never mistaken for real patients).
 */
@Component
public class SyntheticHistory {

  private static final String[] SITES = {
    "SOFT_TISSUE", "SOFT_TISSUE", "SOFT_TISSUE", "BONE", "BONE", "SPINE"
  };
  private static final String[] PRESENTATIONS = {
    "SWELLING_OR_PAIN", "SWELLING_OR_PAIN", "INCIDENTAL_FINDING", "PATHOLOGICAL_FRACTURE"
  };
  private static final String[] REFERRERS = {
    "Dr Durand (Nancy)",
    "Dr Martin (Metz)",
    "Dr Petit (Épinal)",
    "Dr Roux (Verdun)",
    "Dr Fabre (Thionville)"
  };

  /** Rows written per batch: bounds the memory of a large history (the benchmark writes 100,000 referrals). */
  private static final int BATCH = 5_000;

  private final JdbcTemplate jdbc;
  private final ServiceLevels serviceLevels;
  private final Clock clock;

  SyntheticHistory(JdbcTemplate jdbc, ServiceLevels serviceLevels, Clock clock) {
    this.jdbc = jdbc;
    this.serviceLevels = serviceLevels;
    this.clock = clock;
  }

  public boolean exists() {
    return count() > 0;
  }

  private int count() {
    return jdbc.queryForObject(
        "select count(*) from referral where business_key like 'SYNTH-%'", Integer.class);
  }

  /** {@code perMonth} referrals a month over the last {@code months} months; returns how many were written. */
  @Transactional
  public int generate(int months, int perMonth, long seed) {
    Random random = new Random(seed);
    Instant now = clock.instant();
    Instant start = now.minus(Duration.ofDays(30L * months));
    int total = months * perMonth;
    // Numbered after any synthetic history already there: generating twice adds to it.
    int numbered = count();
    Rows rows = new Rows();
    for (int n = 0; n < total; n++) {
      Instant received =
          start.plus(
              Duration.ofMinutes(
                  (long) (random.nextDouble() * Duration.between(start, now).toMinutes())));
      UUID patient = UUID.randomUUID();
      UUID referral = UUID.randomUUID();
      String site = SITES[random.nextInt(SITES.length)];
      String name = "Patient synthétique " + (numbered + n + 1);
      rows.patients.add(
          new Object[] {
            patient,
            "SYNTH-" + patient,
            name,
            LocalDate.of(1940 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28)),
            random.nextBoolean() ? "FEMALE" : "MALE",
            Timestamp.from(received),
            PersonNames.key(name)
          });
      // Found by the patient search as the intake's patients are (referral/ReferralRepository).
      for (String word : PersonNames.searchWords(name)) {
        rows.patientWords.add(new Object[] {patient, word});
      }
      Path path = new Path(referral, received, now, random, rows);
      String outcome = walk(path, site, random);
      SyntheticReferral record =
          new SyntheticReferral(
              "SYNTH-%07d".formatted(numbered + n + 1),
              REFERRERS[random.nextInt(REFERRERS.length)],
              PRESENTATIONS[random.nextInt(PRESENTATIONS.length)],
              site,
              random.nextDouble() < 0.08 ? "EXCISION" : "NONE",
              outcome);
      rows.referrals.add(
          new Object[] {
            referral,
            record.number(),
            patient,
            record.referrer(),
            record.presentation(),
            site,
            record.priorProcedure(),
            Timestamp.from(received),
            outcome,
            path.closedAt(outcome)
          });
      rows.timelines.add(path.timeline(record));
      if (rows.referrals.size() == BATCH) {
        write(rows);
        rows = new Rows();
      }
    }
    write(rows);
    return total;
  }

  /** What a synthetic referral is, as written to referral and copied to its timeline. */
  private record SyntheticReferral(
      String number,
      String referrer,
      String presentation,
      String site,
      String priorProcedure,
      String outcome) {}

  /** What one batch of referrals writes, table by table. */
  private static final class Rows {
    final List<Object[]> patients = new ArrayList<>();
    final List<Object[]> patientWords = new ArrayList<>();
    final List<Object[]> referrals = new ArrayList<>();
    final List<Object[]> milestones = new ArrayList<>();
    final List<Object[]> timelines = new ArrayList<>();
    final List<Object[]> chestCts = new ArrayList<>();
    final List<Object[]> tasks = new ArrayList<>();
  }

  private void write(Rows rows) {
    jdbc.batchUpdate(
        "insert into patient (id, identifier, display_name, birth_date, sex, created_at, name_key) values (?, ?, ?, ?, ?, ?, ?)",
        rows.patients);
    jdbc.batchUpdate(
        "insert into patient_name_word (patient_id, word) values (?, ?)", rows.patientWords);
    jdbc.batchUpdate(
        """
        insert into referral (id, business_key, patient_id, referring_physician, presentation, site, anatomical_location,
          depth, prior_procedure, created_at, outcome, closed_at)
        values (?, ?, ?, ?, ?, ?, 'cuisse', 'DEEP', ?, ?, ?, ?)
        """,
        rows.referrals);
    jdbc.batchUpdate(
        "insert into milestone (referral_id, name, occurred_at) values (?, ?, ?)", rows.milestones);
    List<String> columns =
        new ArrayList<>(
            List.of(
                "referral_id",
                "business_key",
                "received_at",
                "received_month",
                "site",
                "presentation",
                "referring_physician",
                "prior_procedure",
                "outcome",
                "closed_month"));
    Milestones.NAMES.forEach(name -> columns.add(Milestones.column(name)));
    columns.addAll(List.of("chest_ct_reported_at", "last_milestone", "last_milestone_at"));
    PathwayInterval.ALL.forEach(interval -> columns.add(interval.column()));
    jdbc.batchUpdate(
        "insert into pathway_timeline ("
            + String.join(", ", columns)
            + ") values ("
            + String.join(", ", Collections.nCopies(columns.size(), "?"))
            + ")",
        rows.timelines);
    jdbc.batchUpdate(
        """
        insert into exam_order (id, referral_id, modality, urgency, protocol, status, placed_at, exam_process_instance_id,
          result_conclusion, result_received_at)
        values (?, ?, 'CHEST_CT', 'ROUTINE', 'Scanner thoracique (historique synthétique)', 'REPORTED', ?, ?,
          'Pas de lésion secondaire', ?)
        """,
        rows.chestCts);
    jdbc.batchUpdate(
        """
        insert into task_time (task_id, referral_id, received_at, task_key, created_at, taken_at, due_at, ended_at,
          end_reason, waiting_hours, working_hours, total_hours)
        values (?, ?, ?, ?, ?, ?, ?, ?, 'COMPLETED', ?, ?, ?)
        """,
        rows.tasks);
  }

  /**
   * A referral moving along: each step a plausible number of days after the previous, until now.
   * A step may be a user task's work: the task is created at the previous step, taken some hours
   * later and completed at this step.
   */
  private final class Path {
    private final UUID referral;
    private final Instant now;
    private final Random random;
    private final Rows rows;
    private final Map<String, Instant> firstTimes = new HashMap<>();
    private final Instant received;
    private String last;
    private Instant at;
    private Instant chestCt;

    Path(UUID referral, Instant received, Instant now, Random random, Rows rows) {
      this.referral = referral;
      this.received = received;
      this.at = received;
      this.now = now;
      this.random = random;
      this.rows = rows;
    }

    /** Records the milestone after min..max days; false once that would be in the future (still in progress). */
    boolean step(String milestone, int minDays, int maxDays) {
      return step(milestone, minDays, maxDays, null);
    }

    boolean step(String milestone, int minDays, int maxDays, String taskKey) {
      Instant next =
          at.plus(Duration.ofHours(24L * minDays + random.nextInt(24 * (maxDays - minDays) + 1)));
      if (next.isAfter(now)) {
        return false;
      }
      if (taskKey != null) {
        task(taskKey, at, next);
      }
      at = next;
      rows.milestones.add(new Object[] {referral, milestone, Timestamp.from(at)});
      firstTimes.putIfAbsent(milestone, at);
      last = milestone;
      return true;
    }

    /** The chest CT of the extension work-up, ordered at {@code ordered} and reported now. */
    void chestCt(Instant ordered) {
      chestCt = at;
      rows.chestCts.add(
          new Object[] {
            UUID.randomUUID(),
            referral,
            Timestamp.from(ordered),
            "synthetic-" + UUID.randomUUID(),
            Timestamp.from(at)
          });
    }

    /** Taken after a wait of up to 60 % of its span (most much sooner), completed at the step. */
    private void task(String taskKey, Instant created, Instant completed) {
      long span = Duration.between(created, completed).toMinutes();
      Instant taken =
          created.plus(
              Duration.ofMinutes((long) (span * 0.6 * random.nextDouble() * random.nextDouble())));
      rows.tasks.add(
          new Object[] {
            "synthetic-" + UUID.randomUUID(),
            referral,
            Timestamp.from(received),
            taskKey,
            Timestamp.from(created),
            Timestamp.from(taken),
            Timestamp.from(created.plus(serviceLevels.task(taskKey))),
            Timestamp.from(completed),
            hours(created, taken),
            hours(taken, completed),
            hours(created, completed)
          });
    }

    /** Closed at its last step when it has an outcome; open otherwise. */
    Timestamp closedAt(String outcome) {
      return outcome == null ? null : Timestamp.from(at);
    }

    /**
     * The pathway_timeline row: the referral's record (as written to referral), first time of each
     * milestone, the chest CT, the last milestone, the intervals' days.
     */
    Object[] timeline(SyntheticReferral record) {
      Timestamp closed = closedAt(record.outcome());
      List<Object> row =
          new ArrayList<>(
              Arrays.asList(
                  referral,
                  record.number(),
                  Timestamp.from(received),
                  NetworkCalendar.month(received),
                  record.site(),
                  record.presentation(),
                  record.referrer(),
                  record.priorProcedure(),
                  record.outcome(),
                  closed == null ? null : NetworkCalendar.month(closed.toInstant())));
      Milestones.NAMES.forEach(
          name ->
              row.add(firstTimes.containsKey(name) ? Timestamp.from(firstTimes.get(name)) : null));
      row.add(chestCt == null ? null : Timestamp.from(chestCt));
      row.add(last);
      row.add(last == null ? null : Timestamp.from(at));
      for (PathwayInterval interval : PathwayInterval.ALL) {
        Instant from = firstTimes.get(interval.from());
        Instant to = firstTimes.get(interval.to());
        row.add(from == null || to == null || to.isBefore(from) ? null : hours(from, to) / 24.0);
      }
      return row.toArray();
    }
  }

  private static double hours(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 3_600_000.0;
  }

  /** Walks one referral through the pathway's branches; returns its outcome, or null while in progress. */
  private static String walk(Path path, String site, Random random) {
    path.step("REFERRAL_RECEIVED", 0, 0);
    if ("SPINE".equals(site)) {
      return path.step("CLOSED", 0, 1) ? "OUT_OF_SCOPE" : null;
    }
    if (!path.step("FIRST_IMAGING_ORDERED", 0, 2) || !path.step("FIRST_IMAGING_REPORTED", 3, 21)) {
      return null;
    }
    double branch = random.nextDouble();
    if (branch < 0.30) {
      return path.step("CLOSED", 1, 4, "Task_ClassifyInitialImaging")
          ? "TYPICAL_BENIGN_DISCHARGED"
          : null;
    }
    if (branch < 0.36 && "BONE".equals(site)) {
      return path.step("CLOSED", 1, 4, "Task_ClassifyInitialImaging")
          ? "NO_TOUCH_LESION_DISCHARGED"
          : null;
    }
    if (!path.step("CHARACTERISATION_ORDERED", 1, 3, "Task_ClassifyInitialImaging")
        || !path.step("CHARACTERISATION_REPORTED", 7, 25)) {
      return null;
    }
    if (random.nextDouble() < 0.2) {
      return path.step("CLOSED", 1, 5) ? "TYPICAL_BENIGN_DISCHARGED" : null;
    }
    Instant characterised = path.at;
    if (!path.step("EXTENSION_WORKUP_COMPLETE", 5, 18)) {
      return null;
    }
    path.chestCt(characterised);
    if (!path.step("MDT_REGISTERED", 0, 1, "Task_PrepareMdtCase")
        || !path.step("MDT_DECIDED", 3, 14)) {
      return null;
    }
    double decision = random.nextDouble();
    if (decision < 0.45) {
      if (!path.step("APPROACH_AGREED", 1, 7, "Task_AgreeBiopsyApproach")
          || !path.step("BIOPSY_ORDERED", 0, 3)) {
        return null;
      }
      return path.step("CLOSED", 7, 21) ? "MDT_PROPOSAL_RECORDED" : null;
    }
    String outcome =
        decision < 0.70
            ? "MDT_SURVEILLANCE"
            : decision < 0.90 ? "MDT_DISCHARGED_BENIGN" : "MDT_OTHER_DECISION";
    return path.step("CLOSED", 0, 2) ? outcome : null;
  }
}
