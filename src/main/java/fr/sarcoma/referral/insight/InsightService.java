package fr.sarcoma.referral.insight;

import fr.sarcoma.referral.platform.NetworkCalendar;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;

/**
 * Cycle times and compliance of the referrals received in a period, computed by the database from
 * {@code pathway_timeline} (one row per referral, kept as milestones are recorded) and
 * {@code task_time}. Each figure is an aggregation over the cohort; nothing is pivoted or sorted in
 * memory. The benchmark (README) holds these to 500 ms at 100,000 referrals.
 */
@Service
public class InsightService {

  /** The longest breaches listed with each interval (all are counted). */
  static final int LISTED_BREACHES = 50;

  /** A guideline rule as SQL conditions: the referrals it applies to, and those that followed it. */
  private record Rule(String name, String appliesTo, String followed) {}

  private static final List<Rule> RULES =
      List.of(
          // S3 (b): no biopsy before the sarcoma MDT has decided.
          new Rule(
              "mdt-before-biopsy",
              "t.biopsy_ordered_at is not null",
              "t.mdt_decided_at < t.biopsy_ordered_at"),
          // S3 (a): the characterisation imaging is reported before any biopsy.
          new Rule(
              "characterisation-before-biopsy",
              "t.biopsy_ordered_at is not null",
              "t.characterisation_reported_at < t.biopsy_ordered_at"),
          // X1: the chest CT is done before the MDT.
          new Rule(
              "chest-ct-before-mdt",
              "t.mdt_decided_at is not null",
              "t.chest_ct_reported_at < t.mdt_decided_at"),
          // PATHWAY.md "Measures managers ask for": the share of referrals after an unplanned
          // excision (lower is better).
          new Rule("after-unplanned-excision", "1 = 1", "t.prior_procedure = 'EXCISION'"));

  private final JdbcTemplate jdbc;
  private final InsightTargets targets;
  private final TaskTimeMeasures taskTimes;
  private final WorkInProgressQuery workInProgress;
  private final ReportingReads reads;

  /** A few threads, so that dashboards cannot take every database connection between them. */
  private final ExecutorService queries =
      Executors.newFixedThreadPool(3, new CustomizableThreadFactory("insight-"));

  InsightService(
      JdbcTemplate jdbc,
      InsightTargets targets,
      TaskTimeMeasures taskTimes,
      WorkInProgressQuery workInProgress,
      ReportingReads reads) {
    this.jdbc = jdbc;
    this.targets = targets;
    this.taskTimes = taskTimes;
    this.workInProgress = workInProgress;
    this.reads = reads;
  }

  @PreDestroy
  void stop() {
    queries.shutdown();
  }

  /**
   * The measures of a cohort. Its four parts (intervals and compliance, task times, volumes and trend,
   * work in progress) are independent scans: they run side by side, each on its own connection.
   */
  public Measures measures(Measures.Filters filters) {
    Cohort cohort = Cohort.of(filters);
    CompletableFuture<IntervalsAndCompliance> intervals =
        part(() -> intervalsAndCompliance(cohort));
    CompletableFuture<List<Measures.TaskTime>> tasks = part(() -> taskTimes.of(cohort));
    CompletableFuture<VolumesAndTrend> volumes = part(() -> volumesAndTrend(cohort));
    Measures.WorkInProgress now = reads.read(() -> workInProgress.of(Cohort.open(filters)));
    return new Measures(
        filters,
        result(intervals).intervals(),
        result(tasks),
        result(intervals).compliance(),
        result(volumes).volumes(),
        result(volumes).monthly(),
        now);
  }

  /** The intervals alone (the metrics' median gauges): one scan, not the whole dashboard. */
  public List<Measures.Interval> intervals(Measures.Filters filters) {
    return reads.read(() -> intervalsAndCompliance(Cohort.of(filters))).intervals();
  }

  private record IntervalsAndCompliance(
      List<Measures.Interval> intervals, List<Measures.Compliance> compliance) {}

  private record VolumesAndTrend(List<Measures.Volume> volumes, List<Measures.Month> monthly) {}

  private <T> CompletableFuture<T> part(Supplier<T> part) {
    return CompletableFuture.supplyAsync(() -> reads.read(part), queries);
  }

  /** A part's result, or the exception it failed with (not wrapped, so errors are reported as they are). */
  private static <T> T result(CompletableFuture<T> part) {
    try {
      return part.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Medians, percentiles and breach counts of every interval, and every rule's counts: one scan of the cohort. */
  private IntervalsAndCompliance intervalsAndCompliance(Cohort cohort) {
    List<String> columns = new ArrayList<>();
    List<String> aggregates = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    for (int i = 0; i < PathwayInterval.ALL.size(); i++) {
      columns.add("t." + PathwayInterval.ALL.get(i).column() + " as d" + i);
      aggregates.add(
          "count(d%1$d), %2$s, count(case when d%1$d > ? then 1 end)"
              .formatted(i, Sql.percentiles("d" + i)));
      Double target = target(PathwayInterval.ALL.get(i));
      args.add(target == null ? Double.MAX_VALUE : target);
    }
    for (int i = 0; i < RULES.size(); i++) {
      Rule rule = RULES.get(i);
      columns.add("case when %s then 1 else 0 end as e%d".formatted(rule.appliesTo(), i));
      columns.add(
          "case when %s and %s then 1 else 0 end as c%d"
              .formatted(rule.appliesTo(), rule.followed(), i));
      aggregates.add("sum(e%1$d), sum(c%1$d)".formatted(i));
    }
    args.addAll(cohort.args());
    List<Measures.Interval> intervals = new ArrayList<>();
    List<Measures.Compliance> compliance = new ArrayList<>();
    jdbc.query(
        "select "
            + String.join(", ", aggregates)
            + " from (select "
            + String.join(", ", columns)
            + Cohort.TIMELINE
            + cohort.where()
            + ") c",
        rs -> {
          int column = 1;
          for (PathwayInterval interval : PathwayInterval.ALL) {
            Double target = target(interval);
            intervals.add(
                new Measures.Interval(
                    interval.name(),
                    interval.from(),
                    interval.to(),
                    rs.getInt(column),
                    Sql.rounded(rs, column + 1),
                    Sql.rounded(rs, column + 2),
                    target,
                    target == null ? 0 : rs.getInt(column + 3),
                    List.of()));
            column += 4;
          }
          for (Rule rule : RULES) {
            int eligible = rs.getInt(column);
            int compliant = rs.getInt(column + 1);
            column += 2;
            compliance.add(
                new Measures.Compliance(
                    rule.name(),
                    eligible,
                    compliant,
                    eligible == 0 ? null : Math.round(1000.0 * compliant / eligible) / 1000.0,
                    targets.complianceRates().get(rule.name())));
          }
        },
        args.toArray());
    for (int i = 0; i < intervals.size(); i++) {
      if (intervals.get(i).breachCount() > 0) {
        intervals.set(i, withBreaches(intervals.get(i), PathwayInterval.ALL.get(i), cohort));
      }
    }
    return new IntervalsAndCompliance(List.copyOf(intervals), compliance);
  }

  private Double target(PathwayInterval interval) {
    return targets.intervalDays().get(interval.name());
  }

  /** The interval's longest breaches (an index on its days finds them without a sort). */
  private Measures.Interval withBreaches(
      Measures.Interval interval, PathwayInterval definition, Cohort cohort) {
    String days = "t." + definition.column();
    List<Measures.Breach> breaches =
        jdbc.query(
            "select t.referral_id, t.business_key, "
                + days
                + Cohort.TIMELINE
                + cohort.where()
                + " and "
                + days
                + " > ? order by "
                + days
                + " desc, t.business_key limit "
                + LISTED_BREACHES,
            (rs, row) ->
                new Measures.Breach(
                    rs.getObject(1, UUID.class), rs.getString(2), Sql.rounded(rs, 3)),
            cohort.argsThen(interval.targetDays()));
    return new Measures.Interval(
        interval.name(),
        interval.from(),
        interval.to(),
        interval.count(),
        interval.medianDays(),
        interval.p90Days(),
        interval.targetDays(),
        interval.breachCount(),
        breaches);
  }

  /**
   * Volumes by site, presentation and outcome, and the monthly trend (received, and closed before the
   * period's end, in every month of the period): one grouping of the cohort.
   */
  private VolumesAndTrend volumesAndTrend(Cohort cohort) {
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    Map<String, int[]> months = new TreeMap<>();
    for (YearMonth month = YearMonth.from(cohort.filters().from().atZone(NetworkCalendar.ZONE));
        NetworkCalendar.startOf(month).isBefore(cohort.filters().to());
        month = month.plusMonths(1)) {
      months.put(month.toString(), new int[2]);
    }
    jdbc.query(
        "select t.site, t.presentation, t.outcome, t.received_month, t.closed_month, count(*),"
            + " count(case when t.closed_at < ? then 1 end)"
            + Cohort.TIMELINE
            + cohort.where()
            + " group by t.site, t.presentation, t.outcome, t.received_month, t.closed_month",
        rs -> {
          int n = rs.getInt(6);
          counts
              .computeIfAbsent("site", d -> new TreeMap<>())
              .merge(rs.getString(1), n, Integer::sum);
          counts
              .computeIfAbsent("presentation", d -> new TreeMap<>())
              .merge(rs.getString(2), n, Integer::sum);
          counts
              .computeIfAbsent("outcome", d -> new TreeMap<>())
              .merge(rs.getString(3) == null ? "IN_PROGRESS" : rs.getString(3), n, Integer::sum);
          months.computeIfAbsent(rs.getString(4), month -> new int[2])[0] += n;
          if (rs.getString(5) != null && rs.getInt(7) > 0) {
            months.computeIfAbsent(rs.getString(5), month -> new int[2])[1] += rs.getInt(7);
          }
        },
        Stream.concat(Stream.of(Timestamp.from(cohort.filters().to())), cohort.args().stream())
            .toArray());
    List<Measures.Volume> volumes = new ArrayList<>();
    for (String dimension : List.of("site", "presentation", "outcome")) {
      counts
          .getOrDefault(dimension, Map.of())
          .forEach((value, count) -> volumes.add(new Measures.Volume(dimension, value, count)));
    }
    return new VolumesAndTrend(
        volumes,
        months.entrySet().stream()
            .map(
                month ->
                    new Measures.Month(month.getKey(), month.getValue()[0], month.getValue()[1]))
            .toList());
  }
}
