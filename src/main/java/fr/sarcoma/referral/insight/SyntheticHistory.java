package fr.sarcoma.referral.insight;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Realistic synthetic history for the dashboard and the benchmark: referrals through every branch of
 * the pathway with plausible delays, written straight into our records (referral, milestone, chest
 * CT orders), not through the engine. Deterministic for a seed. Business keys start with
 * {@code SYNTH-} so it can be told apart (and never mistaken for real patients).
 */
@Component
public class SyntheticHistory {

  private static final String[] SITES = {"SOFT_TISSUE", "SOFT_TISSUE", "SOFT_TISSUE", "BONE", "BONE", "SPINE"};
  private static final String[] PRESENTATIONS = {"SWELLING_OR_PAIN", "SWELLING_OR_PAIN", "INCIDENTAL_FINDING",
      "PATHOLOGICAL_FRACTURE"};
  private static final String[] REFERRERS = {"Dr Durand (Nancy)", "Dr Martin (Metz)", "Dr Petit (Épinal)",
      "Dr Roux (Verdun)", "Dr Fabre (Thionville)"};

  private final JdbcTemplate jdbc;
  private final Clock clock;

  SyntheticHistory(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public boolean exists() {
    return jdbc.queryForObject("select count(*) from referral where business_key like 'SYNTH-%'", Integer.class) > 0;
  }

  /** {@code perMonth} referrals a month over the last {@code months} months; returns how many were written. */
  @Transactional
  public int generate(int months, int perMonth, long seed) {
    Random random = new Random(seed);
    Instant now = clock.instant();
    Instant start = now.minus(Duration.ofDays(30L * months));
    List<Object[]> patients = new ArrayList<>();
    List<Object[]> referrals = new ArrayList<>();
    List<Object[]> milestones = new ArrayList<>();
    List<Object[]> chestCts = new ArrayList<>();
    int total = months * perMonth;
    for (int n = 0; n < total; n++) {
      Instant received = start.plus(Duration.ofMinutes((long) (random.nextDouble() * Duration.between(start, now)
          .toMinutes())));
      UUID patient = UUID.randomUUID();
      UUID referral = UUID.randomUUID();
      String site = SITES[random.nextInt(SITES.length)];
      patients.add(new Object[] {patient, "SYNTH-" + patient, "Patient synthétique " + (n + 1),
          LocalDate.of(1940 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28)),
          random.nextBoolean() ? "FEMALE" : "MALE", Timestamp.from(received)});
      Path path = new Path(referral, received, now, random, milestones);
      String outcome = walk(path, site, random, chestCts);
      referrals.add(new Object[] {referral, "SYNTH-%07d".formatted(n + 1), patient,
          REFERRERS[random.nextInt(REFERRERS.length)], PRESENTATIONS[random.nextInt(PRESENTATIONS.length)], site,
          random.nextDouble() < 0.08 ? "EXCISION" : "NONE", Timestamp.from(received), outcome,
          outcome == null ? null : Timestamp.from(path.at)});
    }
    jdbc.batchUpdate("insert into patient (id, identifier, display_name, birth_date, sex, created_at) values (?, ?, ?, ?, ?, ?)",
        patients);
    jdbc.batchUpdate("""
        insert into referral (id, business_key, patient_id, referring_physician, presentation, site, anatomical_location,
          depth, prior_procedure, created_at, outcome, closed_at)
        values (?, ?, ?, ?, ?, ?, 'cuisse', 'DEEP', ?, ?, ?, ?)
        """, referrals);
    jdbc.batchUpdate("insert into milestone (referral_id, name, occurred_at) values (?, ?, ?)", milestones);
    jdbc.batchUpdate("""
        insert into exam_order (id, referral_id, modality, urgency, protocol, status, placed_at, exam_process_instance_id,
          result_conclusion, result_received_at)
        values (?, ?, 'CHEST_CT', 'ROUTINE', 'Scanner thoracique (historique synthétique)', 'REPORTED', ?, ?,
          'Pas de lésion secondaire', ?)
        """, chestCts);
    return total;
  }

  /** A referral moving along: each step a plausible number of days after the previous, until now. */
  private static final class Path {
    private final UUID referral;
    private final Instant now;
    private final Random random;
    private final List<Object[]> milestones;
    private Instant at;

    Path(UUID referral, Instant received, Instant now, Random random, List<Object[]> milestones) {
      this.referral = referral;
      this.at = received;
      this.now = now;
      this.random = random;
      this.milestones = milestones;
    }

    /** Records the milestone after min..max days; false once that would be in the future (still in progress). */
    boolean step(String milestone, int minDays, int maxDays) {
      Instant next = at.plus(Duration.ofHours(24L * minDays + random.nextInt(24 * (maxDays - minDays) + 1)));
      if (next.isAfter(now)) {
        return false;
      }
      at = next;
      milestones.add(new Object[] {referral, milestone, Timestamp.from(at)});
      return true;
    }
  }

  /** Walks one referral through the pathway's branches; returns its outcome, or null while in progress. */
  private static String walk(Path path, String site, Random random, List<Object[]> chestCts) {
    path.step("REFERRAL_RECEIVED", 0, 0);
    if ("SPINE".equals(site)) {
      return path.step("CLOSED", 0, 1) ? "OUT_OF_SCOPE" : null;
    }
    if (!path.step("FIRST_IMAGING_ORDERED", 0, 2) || !path.step("FIRST_IMAGING_REPORTED", 3, 21)) {
      return null;
    }
    double branch = random.nextDouble();
    if (branch < 0.30) {
      return path.step("CLOSED", 1, 4) ? "TYPICAL_BENIGN_DISCHARGED" : null;
    }
    if (branch < 0.36 && "BONE".equals(site)) {
      return path.step("CLOSED", 1, 4) ? "NO_TOUCH_LESION_DISCHARGED" : null;
    }
    if (!path.step("CHARACTERISATION_ORDERED", 1, 3) || !path.step("CHARACTERISATION_REPORTED", 7, 25)) {
      return null;
    }
    if (random.nextDouble() < 0.2) {
      return path.step("CLOSED", 1, 5) ? "TYPICAL_BENIGN_DISCHARGED" : null;
    }
    Instant characterised = path.at;
    if (!path.step("EXTENSION_WORKUP_COMPLETE", 5, 18)) {
      return null;
    }
    chestCts.add(new Object[] {UUID.randomUUID(), path.referral, Timestamp.from(characterised),
        "synthetic-" + UUID.randomUUID(), Timestamp.from(path.at)});
    if (!path.step("MDT_REGISTERED", 0, 1) || !path.step("MDT_DECIDED", 3, 14)) {
      return null;
    }
    double decision = random.nextDouble();
    if (decision < 0.45) {
      if (!path.step("APPROACH_AGREED", 1, 7) || !path.step("BIOPSY_ORDERED", 0, 3)) {
        return null;
      }
      return path.step("CLOSED", 7, 21) ? "BIOPSY_RESULT_REVIEWED" : null;
    }
    String outcome = decision < 0.70 ? "MDT_SURVEILLANCE" : decision < 0.90 ? "MDT_DISCHARGED_BENIGN"
        : "MDT_OTHER_DECISION";
    return path.step("CLOSED", 0, 2) ? outcome : null;
  }
}
