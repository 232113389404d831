package fr.sarcoma.referral.insight;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import fr.sarcoma.referral.pathway.ServiceLevels;
import fr.sarcoma.referral.platform.EngineAuthentication;

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

  TaskTimeMeasures(JdbcTemplate jdbc, ServiceLevels serviceLevels, RepositoryService repositoryService,
      EngineAuthentication engine) {
    this.jdbc = jdbc;
    this.serviceLevels = serviceLevels;
    this.repositoryService = repositoryService;
    this.engine = engine;
  }

  List<Measures.TaskTime> of(Cohort cohort) {
    Map<String, List<Measures.Breach>> breaches = longestBreaches(cohort);
    Map<String, String> names = taskNames();
    return jdbc.query("select k.task_key, count(*), " + Sql.percentiles("k.waiting_hours") + ", "
        + Sql.percentiles("k.working_hours") + ", count(case when k.ended_at > k.due_at then 1 end)"
        + cohort.tasksFromWhere() + COMPLETED
        + " group by k.task_key order by k.task_key", (rs, row) -> {
          String key = rs.getString(1);
          return new Measures.TaskTime(key, names.getOrDefault(key, key), rs.getInt(2), Sql.rounded(rs, 3),
              Sql.rounded(rs, 4), Sql.rounded(rs, 5), Sql.rounded(rs, 6),
              (double) serviceLevels.task(key).toHours(), rs.getInt(7), breaches.getOrDefault(key, List.of()));
        }, cohort.args().toArray());
  }

  /** The tasks completed after their due date, longest first, at most {@link #LISTED_BREACHES} per task. */
  private Map<String, List<Measures.Breach>> longestBreaches(Cohort cohort) {
    Map<String, List<Measures.Breach>> breaches = new HashMap<>();
    String days = "(k.waiting_hours + coalesce(k.working_hours, 0)) / 24.0";
    jdbc.query("select late.task_key, late.referral_id, b.business_key, late.days from (select k.task_key,"
        + " k.referral_id, " + days + " as days, row_number() over (partition by k.task_key order by " + days
        + " desc, k.task_id) as place" + cohort.tasksFromWhere() + COMPLETED + " and k.ended_at > k.due_at) late"
        + " join pathway_timeline b on b.referral_id = late.referral_id where late.place <= " + LISTED_BREACHES
        + " order by late.task_key, late.days desc, b.business_key", rs -> {
          breaches.computeIfAbsent(rs.getString(1), key -> new ArrayList<>()).add(
              new Measures.Breach(rs.getObject(2, UUID.class), rs.getString(3), Sql.rounded(rs, 4)));
        }, cohort.args().toArray());
    return breaches;
  }

  /** The tasks' names in the deployed models (what Tasklist shows), by task key. */
  private Map<String, String> taskNames() {
    return engine.asSystem(() -> {
      Map<String, String> names = new HashMap<>();
      for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
        repositoryService.getBpmnModelInstance(definition.getId()).getModelElementsByType(UserTask.class)
            .forEach(task -> names.putIfAbsent(task.getId(), task.getName()));
      }
      return names;
    });
  }
}
