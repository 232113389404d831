package fr.sarcoma.referral.insight.metrics;

import fr.sarcoma.referral.insight.InsightService;
import fr.sarcoma.referral.insight.Measures;
import fr.sarcoma.referral.insight.PathwayInterval;
import fr.sarcoma.referral.insight.WorkInProgressQuery;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.referral.Stage;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The pathway's operational figures for Prometheus, read from our tables and the engine rather than
 * counted in memory, so they survive restarts and agree across nodes:
 * <ul>
 * <li>{@code sarcoma_referrals_started_total{site}}: referrals registered, by site;</li>
 * <li>{@code sarcoma_referrals_closed_total{outcome}}: referrals closed, by outcome (the end-state codes the
 * deployed models name, read at start-up);</li>
 * <li>{@code sarcoma_work_in_progress{stage}}: open referrals by the stage of their last milestone;</li>
 * <li>{@code sarcoma_interval_seconds{interval}}: a histogram of each interval ({@link IntervalTimers});</li>
 * <li>{@code sarcoma_interval_median_days{interval}}: median days of each pathway interval for the
 * referrals received in the last 90 days ({@link InsightService}, as managers see it; NaN when none);</li>
 * <li>{@code sarcoma_open_incidents}: the engine's open incidents (failed jobs).</li>
 * </ul>
 * Tags carry codes only (site, outcome, stage, interval), never patient data. The figures are read
 * at most once per {@code sarcoma.metrics.cache-ttl} (default 30 s) whatever the scrape rate.
 */
@Component
public class PathwayMetrics implements MeterBinder {

  static final Duration WINDOW = Duration.ofDays(90);

  /** One reading of every figure. */
  record Snapshot(
      Instant readAt,
      Map<String, Long> startedBySite,
      Map<String, Long> closedByOutcome,
      Map<String, Long> openByStage,
      Map<String, Double> medianDays,
      long openIncidents) {}

  private final JdbcTemplate jdbc;
  private final InsightService insight;
  private final WorkInProgressQuery workInProgress;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final RepositoryService repositoryService;
  private final Clock clock;
  private final Duration cacheTtl;
  private volatile Snapshot snapshot;

  PathwayMetrics(
      JdbcTemplate jdbc,
      InsightService insight,
      WorkInProgressQuery workInProgress,
      RuntimeService runtimeService,
      IdentityService identityService,
      RepositoryService repositoryService,
      Clock clock,
      @Value("${sarcoma.metrics.cache-ttl:PT30S}") Duration cacheTtl) {
    this.jdbc = jdbc;
    this.insight = insight;
    this.workInProgress = workInProgress;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.repositoryService = repositoryService;
    this.clock = clock;
    this.cacheTtl = cacheTtl;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Site site : Site.values()) {
      FunctionCounter.builder(
              "sarcoma.referrals.started",
              this,
              metrics -> metrics.current().startedBySite().getOrDefault(site.name(), 0L))
          .description("Referrals registered, by site")
          .tag("site", site.name())
          .register(registry);
    }
    for (String stage : Stage.OPEN_STAGES) {
      gauge(
          registry,
          "sarcoma.work.in.progress",
          "Open referrals by the stage of their last milestone",
          "stage",
          stage,
          metrics -> metrics.current().openByStage().getOrDefault(stage, 0L));
    }
    for (String interval : PathwayInterval.ALL.stream().map(PathwayInterval::name).toList()) {
      Gauge.builder(
              "sarcoma.interval.median",
              this,
              metrics -> metrics.current().medianDays().getOrDefault(interval, Double.NaN))
          .description("Median days of a pathway interval, referrals received in the last 90 days")
          .baseUnit("days")
          .tag("interval", interval)
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder("sarcoma.open.incidents", this, metrics -> metrics.current().openIncidents())
        .description("Open incidents in the process engine")
        .strongReference(true)
        .register(registry);
    // Outcomes are the models' end-state codes: those the deployed models name, and any already
    // stored.
    Set<String> outcomes = new TreeSet<>(modelOutcomes());
    outcomes.addAll(
        jdbc.queryForList(
            "select distinct outcome from referral where outcome is not null", String.class));
    for (String outcome : outcomes) {
      FunctionCounter.builder(
              "sarcoma.referrals.closed",
              this,
              metrics -> metrics.current().closedByOutcome().getOrDefault(outcome, 0L))
          .description("Referrals closed, by outcome")
          .tag("outcome", outcome)
          .register(registry);
    }
  }

  /** The {@code outcome} properties of the end events of the latest deployed process models. */
  private Set<String> modelOutcomes() {
    Set<String> outcomes = new TreeSet<>();
    for (ProcessDefinition definition :
        repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
      BpmnModelInstance model = repositoryService.getBpmnModelInstance(definition.getId());
      for (EndEvent end : model.getModelElementsByType(EndEvent.class)) {
        if (end.getExtensionElements() == null) {
          continue;
        }
        end
            .getExtensionElements()
            .getElementsQuery()
            .filterByType(CamundaProperties.class)
            .list()
            .stream()
            .flatMap(properties -> properties.getCamundaProperties().stream())
            .filter(
                property ->
                    "outcome".equals(property.getCamundaName())
                        && property.getCamundaValue() != null)
            .forEach(property -> outcomes.add(property.getCamundaValue()));
      }
    }
    return outcomes;
  }

  /** Forgets the cached reading: the next scrape reads the tables again. */
  public void invalidate() {
    snapshot = null;
  }

  Snapshot current() {
    Snapshot cached = snapshot;
    Instant now = clock.instant();
    if (cached != null && cached.readAt().plus(cacheTtl).isAfter(now)) {
      return cached;
    }
    synchronized (this) {
      cached = snapshot;
      if (cached == null || !cached.readAt().plus(cacheTtl).isAfter(now)) {
        cached = read(now);
        snapshot = cached;
      }
      return cached;
    }
  }

  private Snapshot read(Instant now) {
    Map<String, Long> started = new HashMap<>();
    jdbc.query(
        "select site, count(*) as n from referral group by site",
        rs -> {
          started.put(rs.getString("site"), rs.getLong("n"));
        });
    Map<String, Long> closed = new HashMap<>();
    jdbc.query(
        "select outcome, count(*) as n from referral where outcome is not null group by outcome",
        rs -> {
          closed.put(rs.getString("outcome"), rs.getLong("n"));
        });
    Map<String, Double> medians = new HashMap<>();
    for (Measures.Interval interval :
        insight.intervals(new Measures.Filters(now.minus(WINDOW), now, null, null))) {
      if (interval.medianDays() != null) {
        medians.put(interval.name(), interval.medianDays());
      }
    }
    return new Snapshot(
        now,
        Map.copyOf(started),
        Map.copyOf(closed),
        Map.copyOf(workInProgress.openByStage()),
        Map.copyOf(medians),
        openIncidents());
  }

  /** Every incident, whoever scrapes: the engine's authorization checks apply to the request's user otherwise. */
  private long openIncidents() {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return runtimeService.createIncidentQuery().count();
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      String tag,
      String value,
      ToDoubleFunction<PathwayMetrics> reading) {
    Gauge.builder(name, this, reading)
        .description(description)
        .tag(tag, value)
        .strongReference(true)
        .register(registry);
  }
}
