package fr.sarcoma.referral.insight;

import fr.sarcoma.referral.referral.Stage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Work in progress now: open referrals by the stage of their last milestone, open tasks by group, the oldest. */
@Component
public class WorkInProgressQuery {

  private static final int OLDEST = 10;

  private final JdbcTemplate jdbc;
  private final Clock clock;

  WorkInProgressQuery(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Every open referral, by stage (the metrics' gauges). */
  public Map<String, Long> openByStage() {
    return byStage(Cohort.open(new Measures.Filters(null, null, null, null)));
  }

  Measures.WorkInProgress of(Cohort open) {
    List<Measures.Volume> stages =
        byStage(open).entrySet().stream()
            .map(entry -> new Measures.Volume("stage", entry.getKey(), entry.getValue().intValue()))
            .toList();
    Instant now = clock.instant();
    List<Measures.Waiting> oldest =
        jdbc.query(
            "select t.referral_id, t.business_key, t.received_at, t.last_milestone"
                + Cohort.TIMELINE
                + open.where()
                + " order by t.received_at, t.business_key limit "
                + OLDEST,
            (rs, row) ->
                new Measures.Waiting(
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    Stage.afterMilestone(rs.getString(4)),
                    Math.round(
                            Duration.between(rs.getObject(3, OffsetDateTime.class).toInstant(), now)
                                    .toMinutes()
                                / 144.0)
                        / 10.0),
            open.args().toArray());
    List<Measures.Volume> tasksByGroup =
        jdbc.query(
            """
        select l.group_id_, count(distinct t.id_)
        from act_ru_task t join act_ru_identitylink l on l.task_id_ = t.id_ and l.type_ = 'candidate'
        where l.group_id_ is not null group by l.group_id_ order by l.group_id_
        """,
            (rs, row) -> new Measures.Volume("group", rs.getString(1), rs.getInt(2)));
    return new Measures.WorkInProgress(stages, tasksByGroup, oldest);
  }

  private Map<String, Long> byStage(Cohort open) {
    Map<String, Long> stages = new TreeMap<>();
    jdbc.query(
        "select t.last_milestone, count(*)"
            + Cohort.TIMELINE
            + open.where()
            + " group by t.last_milestone",
        rs -> {
          stages.merge(Stage.afterMilestone(rs.getString(1)), rs.getLong(2), Long::sum);
        },
        open.args().toArray());
    return stages;
  }
}
