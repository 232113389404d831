package fr.sarcoma.referral.insight;

import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.sarcoma.referral.referral.NetworkCalendar;


/**
 * Cycle times and compliance of the referrals received in a period, computed by the database from
 * the first time each referral passed each milestone ({@code pathway_timeline}) and our records.
 * Each figure is one aggregation over the cohort; nothing is pivoted or sorted in memory.
 */
@Service
public class InsightService {

  /** The longest breaches listed with each interval (all are counted). */
  static final int LISTED_BREACHES = 50;

  /** A guideline rule as SQL conditions: the referrals it applies to, and those that followed it. */
  private record Rule(String name, String appliesTo, String followed) {
  }

  private static final List<Rule> RULES = List.of(
      // S1: no biopsy before the sarcoma MDT has decided.
      new Rule("mdt-before-biopsy", "t.biopsy_ordered_at is not null", "t.mdt_decided_at < t.biopsy_ordered_at"),
      // I3: the characterisation MRI is read before any biopsy.
      new Rule("characterisation-before-biopsy", "t.biopsy_ordered_at is not null",
          "t.characterisation_reported_at < t.biopsy_ordered_at"),
      // E1: the chest CT is part of the dossier the MDT decides on.
      new Rule("chest-ct-before-mdt", "t.mdt_decided_at is not null", "t.chest_ct_reported_at < t.mdt_decided_at"),
      // P2: the share of referrals that come after an unplanned excision (lower is better).
      new Rule("after-unplanned-excision", "1 = 1", "t.prior_procedure = 'EXCISION'"));

  private final JdbcTemplate jdbc;
  private final InsightTargets targets;
  private final TaskTimeMeasures taskTimes;
  private final WorkInProgressQuery workInProgress;

  InsightService(JdbcTemplate jdbc, InsightTargets targets, TaskTimeMeasures taskTimes,
      WorkInProgressQuery workInProgress) {
    this.jdbc = jdbc;
    this.targets = targets;
    this.taskTimes = taskTimes;
    this.workInProgress = workInProgress;
  }

  /** One snapshot: the figures are read in one read-only transaction, so they agree with each other. */
  @Transactional(readOnly = true)
  public Measures measures(Measures.Filters filters) {
    Cohort cohort = Cohort.of(filters);
    List<Measures.Interval> intervals = new ArrayList<>();
    List<Measures.Compliance> compliance = new ArrayList<>();
    intervalsAndCompliance(cohort, intervals, compliance);
    List<Measures.Volume> volumes = new ArrayList<>();
    List<Measures.Month> monthly = new ArrayList<>();
    volumesAndTrend(cohort, volumes, monthly);
    return new Measures(filters, intervals, taskTimes.of(cohort), compliance, volumes, monthly,
        workInProgress.of(Cohort.open(filters)));
  }

  /** Medians, percentiles and breach counts of every interval, and every rule's counts: one scan of the cohort. */
  private void intervalsAndCompliance(Cohort cohort, List<Measures.Interval> intervals,
      List<Measures.Compliance> compliance) {
    List<String> columns = new ArrayList<>();
    List<String> aggregates = new ArrayList<>();
    List<Object> targetArgs = new ArrayList<>();
    for (int i = 0; i < PathwayInterval.ALL.size(); i++) {
      columns.add("t." + PathwayInterval.ALL.get(i).column() + " as d" + i);
      aggregates.add("count(d%1$d), %2$s, count(case when d%1$d > ? then 1 end)".formatted(i, Sql.percentiles("d" + i)));
      Double target = target(PathwayInterval.ALL.get(i));
      targetArgs.add(target == null ? Double.MAX_VALUE : target);
    }
    for (int i = 0; i < RULES.size(); i++) {
      Rule rule = RULES.get(i);
      columns.add("case when %s then 1 else 0 end as e%d".formatted(rule.appliesTo(), i));
      columns.add("case when %s and %s then 1 else 0 end as c%d".formatted(rule.appliesTo(), rule.followed(), i));
      aggregates.add("sum(e%1$d), sum(c%1$d)".formatted(i));
    }
    String sql = "select " + String.join(", ", aggregates) + " from (select " + String.join(", ", columns)
        + Cohort.TIMELINE + cohort.where() + ") c";
    List<Object> args = new ArrayList<>(targetArgs);
    args.addAll(cohort.args());
    jdbc.query(sql, rs -> {
      int column = 1;
      for (PathwayInterval interval : PathwayInterval.ALL) {
        int count = rs.getInt(column);
        Double median = Sql.rounded(rs, column + 1);
        Double p90 = Sql.rounded(rs, column + 2);
        int breachCount = rs.getInt(column + 3);
        column += 4;
        Double target = target(interval);
        intervals.add(new Measures.Interval(interval.name(), interval.from(), interval.to(), count, median, p90, target,
            target == null ? 0 : breachCount, breachCount == 0 || target == null ? List.of()
                : longestBreaches(cohort, interval, target)));
      }
      for (Rule rule : RULES) {
        int eligible = rs.getInt(column);
        int compliant = rs.getInt(column + 1);
        column += 2;
        compliance.add(new Measures.Compliance(rule.name(), eligible, compliant,
            eligible == 0 ? null : Math.round(1000.0 * compliant / eligible) / 1000.0,
            targets.complianceRates().get(rule.name())));
      }
    }, args.toArray());
  }

  private Double target(PathwayInterval interval) {
    return targets.intervalDays().get(interval.name());
  }

  private List<Measures.Breach> longestBreaches(Cohort cohort, PathwayInterval interval, double target) {
    String days = "t." + interval.column();
    return jdbc.query("select t.referral_id, t.business_key, " + days + Cohort.TIMELINE + cohort.where() + " and "
        + days + " > ? order by " + days + " desc, t.business_key limit " + LISTED_BREACHES,
        (rs, row) -> new Measures.Breach(rs.getObject(1, UUID.class), rs.getString(2), Sql.rounded(rs, 3)),
        cohort.argsThen(target));
  }

  /**
   * Volumes by site, presentation and outcome, and the monthly trend (received, and closed before the
   * period's end, in every month of the period): one grouping of the cohort.
   */
  private void volumesAndTrend(Cohort cohort, List<Measures.Volume> volumes, List<Measures.Month> monthly) {
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    Map<String, int[]> months = new TreeMap<>();
    for (YearMonth month = YearMonth.from(cohort.filters().from().atZone(NetworkCalendar.ZONE));
        NetworkCalendar.startOf(month).isBefore(cohort.filters().to()); month = month.plusMonths(1)) {
      months.put(month.toString(), new int[2]);
    }
    jdbc.query("select t.site, t.presentation, t.outcome, t.received_month, t.closed_month, count(*),"
        + " count(case when t.closed_at < ? then 1 end)" + Cohort.TIMELINE + cohort.where()
        + " group by t.site, t.presentation, t.outcome, t.received_month, t.closed_month", rs -> {
          int n = rs.getInt(6);
          counts.computeIfAbsent("site", d -> new TreeMap<>()).merge(rs.getString(1), n, Integer::sum);
          counts.computeIfAbsent("presentation", d -> new TreeMap<>()).merge(rs.getString(2), n, Integer::sum);
          counts.computeIfAbsent("outcome", d -> new TreeMap<>())
              .merge(rs.getString(3) == null ? "IN_PROGRESS" : rs.getString(3), n, Integer::sum);
          months.computeIfAbsent(rs.getString(4), month -> new int[2])[0] += n;
          if (rs.getString(5) != null && rs.getInt(7) > 0) {
            months.computeIfAbsent(rs.getString(5), month -> new int[2])[1] += rs.getInt(7);
          }
        }, Stream.concat(Stream.of(Timestamp.from(cohort.filters().to())), cohort.args().stream()).toArray());
    for (String dimension : List.of("site", "presentation", "outcome")) {
      counts.getOrDefault(dimension, Map.of())
          .forEach((value, count) -> volumes.add(new Measures.Volume(dimension, value, count)));
    }
    months.forEach((month, count) -> monthly.add(new Measures.Month(month, count[0], count[1])));
  }
}
