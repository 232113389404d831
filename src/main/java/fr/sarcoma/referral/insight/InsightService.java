package fr.sarcoma.referral.insight;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import fr.sarcoma.referral.referral.Stage;

/**
 * Cycle times and compliance from the milestones the model records (first occurrence of each per
 * referral) and our own records, for the referrals received in a period, optionally one site and
 * one referrer (centre). Percentiles are interpolated between ranks (as SQL's percentile_cont).
 */
@Service
public class InsightService {

  /** name, from milestone, to milestone. */
  static final List<String[]> INTERVALS = List.of(
      new String[] {"referral-to-first-imaging", "REFERRAL_RECEIVED", "FIRST_IMAGING_REPORTED"},
      new String[] {"first-imaging-to-mdt", "FIRST_IMAGING_REPORTED", "MDT_DECIDED"},
      new String[] {"mdt-to-biopsy", "MDT_DECIDED", "BIOPSY_ORDERED"},
      new String[] {"referral-to-diagnosis", "REFERRAL_RECEIVED", "MDT_DECIDED"});

  private record Referral(UUID id, String number, String site, String presentation, String outcome,
      String priorProcedure, Map<String, Instant> milestones, Instant chestCtReported) {
  }

  private final JdbcTemplate jdbc;
  private final InsightTargets targets;

  InsightService(JdbcTemplate jdbc, InsightTargets targets) {
    this.jdbc = jdbc;
    this.targets = targets;
  }

  public Measures measures(Measures.Filters filters) {
    List<Referral> referrals = referrals(filters);
    List<Measures.Interval> intervals = INTERVALS.stream().map(interval -> interval(interval, referrals)).toList();
    List<Measures.Compliance> compliance = List.of(
        compliance("mdt-before-biopsy", referrals, r -> r.milestones().containsKey("BIOPSY_ORDERED"),
            r -> before(r, "MDT_DECIDED", r.milestones().get("BIOPSY_ORDERED"))),
        compliance("characterisation-before-biopsy", referrals, r -> r.milestones().containsKey("BIOPSY_ORDERED"),
            r -> before(r, "CHARACTERISATION_REPORTED", r.milestones().get("BIOPSY_ORDERED"))),
        compliance("chest-ct-before-mdt", referrals, r -> r.milestones().containsKey("MDT_DECIDED"),
            r -> r.chestCtReported() != null && r.chestCtReported().isBefore(r.milestones().get("MDT_DECIDED"))),
        compliance("after-unplanned-excision", referrals, r -> true, r -> "EXCISION".equals(r.priorProcedure())));
    List<Measures.Volume> volumes = new ArrayList<>();
    volumes.addAll(volumes("site", referrals, Referral::site));
    volumes.addAll(volumes("presentation", referrals, Referral::presentation));
    volumes.addAll(volumes("outcome", referrals, r -> r.outcome() == null ? "IN_PROGRESS" : r.outcome()));
    return new Measures(filters, intervals, compliance, volumes, monthly(referrals, filters),
        workInProgress(filters));
  }

  private static List<Measures.Month> monthly(List<Referral> referrals, Measures.Filters filters) {
    Map<String, int[]> months = new TreeMap<>();
    for (Referral referral : referrals) {
      Instant received = referral.milestones().get("REFERRAL_RECEIVED");
      if (received != null) {
        months.computeIfAbsent(month(received), key -> new int[2])[0]++;
      }
      Instant closed = referral.milestones().get("CLOSED");
      if (closed != null && closed.isBefore(filters.to())) {
        months.computeIfAbsent(month(closed), key -> new int[2])[1]++;
      }
    }
    return months.entrySet().stream()
        .map(entry -> new Measures.Month(entry.getKey(), entry.getValue()[0], entry.getValue()[1])).toList();
  }

  private static String month(Instant instant) {
    return YearMonth.from(instant.atZone(ZoneId.of("Europe/Paris"))).toString();
  }

  private Measures.WorkInProgress workInProgress(Measures.Filters filters) {
    List<Object> args = new ArrayList<>();
    String where = " where r.outcome is null" + siteAndReferrer(filters, args);
    Instant now = Instant.now();
    List<Measures.Waiting> open = jdbc.query("""
        select r.id, r.business_key, r.created_at,
          (select m.name from milestone m where m.referral_id = r.id order by m.occurred_at desc, m.id desc limit 1) as last
        from referral r""" + where + " order by r.created_at", (rs, row) -> new Measures.Waiting(
            rs.getObject("id", UUID.class), rs.getString("business_key"), Stage.afterMilestone(rs.getString("last")),
            Math.round(Duration.between(rs.getObject("created_at", OffsetDateTime.class).toInstant(), now).toMinutes()
                / 144.0) / 10.0), args.toArray());
    Map<String, Integer> stages = new TreeMap<>();
    open.forEach(waiting -> stages.merge(waiting.stage(), 1, Integer::sum));
    List<Measures.Volume> tasksByGroup = jdbc.query("""
        select l.group_id_ as group_id, count(distinct t.id_) as tasks
        from act_ru_task t join act_ru_identitylink l on l.task_id_ = t.id_ and l.type_ = 'candidate'
        where l.group_id_ is not null group by l.group_id_ order by l.group_id_
        """, (rs, row) -> new Measures.Volume("group", rs.getString("group_id"), rs.getInt("tasks")));
    return new Measures.WorkInProgress(
        stages.entrySet().stream().map(entry -> new Measures.Volume("stage", entry.getKey(), entry.getValue())).toList(),
        tasksByGroup, open.stream().limit(10).toList());
  }

  private Measures.Interval interval(String[] interval, List<Referral> referrals) {
    List<Measures.Breach> all = new ArrayList<>();
    List<Double> days = new ArrayList<>();
    for (Referral referral : referrals) {
      Instant from = referral.milestones().get(interval[1]);
      Instant to = referral.milestones().get(interval[2]);
      if (from != null && to != null && !to.isBefore(from)) {
        double d = Duration.between(from, to).toMinutes() / 1440.0;
        days.add(d);
        all.add(new Measures.Breach(referral.id(), referral.number(), d));
      }
    }
    Double target = targets.intervalDays().get(interval[0]);
    List<Measures.Breach> breaches = target == null ? List.of()
        : all.stream().filter(b -> b.days() > target).sorted((a, b) -> Double.compare(b.days(), a.days())).toList();
    days.sort(Double::compare);
    return new Measures.Interval(interval[0], interval[1], interval[2], days.size(), percentile(days, 0.5),
        percentile(days, 0.9), target, breaches);
  }

  /** Linear interpolation between closest ranks: position p × (n − 1). */
  static Double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return null;
    }
    double position = p * (sorted.size() - 1);
    int lower = (int) Math.floor(position);
    int upper = (int) Math.ceil(position);
    double value = sorted.get(lower) + (position - lower) * (sorted.get(upper) - sorted.get(lower));
    return Math.round(value * 100) / 100.0;
  }

  private Measures.Compliance compliance(String rule, List<Referral> referrals,
      Predicate<Referral> applies, Predicate<Referral> followed) {
    List<Referral> eligible = referrals.stream().filter(applies).toList();
    int compliant = (int) eligible.stream().filter(followed).count();
    Double rate = eligible.isEmpty() ? null : Math.round(1000.0 * compliant / eligible.size()) / 1000.0;
    return new Measures.Compliance(rule, eligible.size(), compliant, rate, targets.complianceRates().get(rule));
  }

  private static boolean before(Referral referral, String milestone, Instant limit) {
    Instant at = referral.milestones().get(milestone);
    return at != null && at.isBefore(limit);
  }

  private static List<Measures.Volume> volumes(String dimension, List<Referral> referrals,
      Function<Referral, String> value) {
    Map<String, Integer> counts = new TreeMap<>();
    referrals.forEach(referral -> counts.merge(value.apply(referral), 1, Integer::sum));
    return counts.entrySet().stream().map(entry -> new Measures.Volume(dimension, entry.getKey(), entry.getValue()))
        .toList();
  }

  /** The site and referrer (centre) filters, as SQL conditions on referral {@code r}; their values go to {@code args}. */
  private static String siteAndReferrer(Measures.Filters filters, List<Object> args) {
    StringBuilder conditions = new StringBuilder();
    if (filters.site() != null) {
      conditions.append(" and r.site = ?");
      args.add(filters.site());
    }
    if (filters.referrer() != null) {
      conditions.append(" and lower(r.referring_physician) like ?");
      args.add("%" + filters.referrer().toLowerCase(Locale.ROOT) + "%");
    }
    return conditions.toString();
  }

  private List<Referral> referrals(Measures.Filters filters) {
    List<Object> args = new ArrayList<>(List.of(Timestamp.from(filters.from()), Timestamp.from(filters.to())));
    String where = " where r.created_at >= ? and r.created_at < ?" + siteAndReferrer(filters, args);
    Map<UUID, Map<String, Instant>> milestones = new HashMap<>();
    jdbc.query("select m.referral_id, m.name, min(m.occurred_at) as at from milestone m join referral r on r.id = m.referral_id"
        + where + " group by m.referral_id, m.name", rs -> {
          milestones.computeIfAbsent(rs.getObject("referral_id", UUID.class), id -> new HashMap<>())
              .put(rs.getString("name"), rs.getObject("at", OffsetDateTime.class).toInstant());
        }, args.toArray());
    Map<UUID, Instant> chestCt = new HashMap<>();
    jdbc.query("select o.referral_id, min(o.result_received_at) as at from exam_order o join referral r on r.id = o.referral_id"
        + where + " and o.modality = 'CHEST_CT' and o.result_received_at is not null group by o.referral_id",
        rs -> {
          chestCt.put(rs.getObject("referral_id", UUID.class), rs.getObject("at", OffsetDateTime.class).toInstant());
        }, args.toArray());
    return jdbc.query("select r.id, r.business_key, r.site, r.presentation, r.outcome, r.prior_procedure from referral r"
        + where, (rs, row) -> {
          UUID id = rs.getObject("id", UUID.class);
          return new Referral(id, rs.getString("business_key"), rs.getString("site"), rs.getString("presentation"),
              rs.getString("outcome"), rs.getString("prior_procedure"), milestones.getOrDefault(id, Map.of()),
              chestCt.get(id));
        }, args.toArray());
  }
}
