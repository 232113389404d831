package fr.sarcoma.referral.insight;

import fr.sarcoma.referral.pathway.ServiceLevels;
import fr.sarcoma.referral.platform.EngineAuthentication;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each user task's waiting and working times over the completed tasks of the cohort's referrals
 * ({@code task_time}, recorded by the task-time listener), against the task's service level.
 */
@Component
class TaskTimeMeasures {

  /** The longest overdue tasks listed with each task (all are counted). */
  static final int LISTED_BREACHES = 10;

  private static final String COMPLETED = " and k.end_reason = 'COMPLETED'";

  private final JdbcTemplate jdbc;
  private final ServiceLevels serviceLevels;
  private final RepositoryService repositoryService;
  private final EngineAuthentication engine;

  TaskTimeMeasures(
      JdbcTemplate jdbc,
      ServiceLevels serviceLevels,
      RepositoryService repositoryService,
      EngineAuthentication engine) {
    this.jdbc = jdbc;
    this.serviceLevels = serviceLevels;
    this.repositoryService = repositoryService;
    this.engine = engine;
  }

  List<Measures.TaskTime> of(Cohort cohort) {
    Map<String, String> names = taskNames();
    // The inner select keeps only what is aggregated: grouping sorts these rows, and narrow rows
    // sort faster.
    List<Measures.TaskTime> measured =
        jdbc.query(
            "select k.task_key, count(*), "
                + Sql.percentiles("k.waiting_hours")
                + ", "
                + Sql.percentiles("k.working_hours")
                + ", sum(k.late) from (select k.task_key, k.waiting_hours,"
                + " k.working_hours, case when k.ended_at > k.due_at then 1 else 0 end as late"
                + cohort.tasksFromWhere()
                + COMPLETED
                + ") k group by k.task_key order by k.task_key",
            (rs, row) -> {
              String key = rs.getString(1);
              return new Measures.TaskTime(
                  key,
                  names.getOrDefault(key, key),
                  rs.getInt(2),
                  Sql.rounded(rs, 3),
                  Sql.rounded(rs, 4),
                  Sql.rounded(rs, 5),
                  Sql.rounded(rs, 6),
                  (double) serviceLevels.task(key).toHours(),
                  rs.getInt(7),
                  List.of());
            },
            cohort.args().toArray());
    return measured.stream()
        .map(task -> task.breachCount() == 0 ? task : withBreaches(task, cohort))
        .toList();
  }

  /** The task's longest occurrences completed after their due date (an index on task key and hours finds them). */
  private Measures.TaskTime withBreaches(Measures.TaskTime task, Cohort cohort) {
    List<Measures.Breach> breaches =
        jdbc.query(
            "select k.referral_id, t.business_key, k.total_hours / 24.0"
                + cohort.tasksWithTimelineFromWhere()
                + COMPLETED
                + " and k.task_key = ? and k.ended_at > k.due_at"
                + " order by k.total_hours desc, k.task_id limit "
                + LISTED_BREACHES,
            (rs, row) ->
                new Measures.Breach(
                    rs.getObject(1, UUID.class), rs.getString(2), Sql.rounded(rs, 3)),
            cohort.argsThen(task.taskKey()));
    return new Measures.TaskTime(
        task.taskKey(),
        task.name(),
        task.count(),
        task.waitingMedianHours(),
        task.waitingP90Hours(),
        task.workingMedianHours(),
        task.workingP90Hours(),
        task.targetHours(),
        task.breachCount(),
        breaches);
  }

  /** The tasks' names in the deployed models (what Tasklist shows), by task key. */
  private Map<String, String> taskNames() {
    return engine.asSystem(
        () -> {
          Map<String, String> names = new HashMap<>();
          for (ProcessDefinition definition :
              repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
            repositoryService
                .getBpmnModelInstance(definition.getId())
                .getModelElementsByType(UserTask.class)
                .forEach(task -> names.putIfAbsent(task.getId(), task.getName()));
          }
          return names;
        });
  }
}
