package fr.sarcoma.referral.platform;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.support.PostgresIntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * History retention (README, "History retention"): the nightly cleanup removes a process instance's history once
 * its historyTimeToLive has passed since it ended, never while it runs; and no history row is written a second
 * time to carry a removal time.
 */
@PostgresIntegrationTest
class HistoryRetentionIT {

  private static final String PROCESS = "HistoryRetentionIT";

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired JdbcTemplate jdbc;

  private String deploymentId;

  @AfterEach
  void undeploy() {
    if (deploymentId != null) {
      repositoryService.deleteDeployment(deploymentId, true);
    }
  }

  @Test
  void theCleanupRemovesTheHistoryOfEndedInstancesOnlyAndNoRowCarriesARemovalTime() {
    deploymentId =
        repositoryService
            .createDeployment()
            .name(PROCESS)
            .addModelInstance(
                PROCESS + ".bpmn",
                Bpmn.createExecutableProcess(PROCESS)
                    // Zero days: removable as soon as it ended.
                    .camundaHistoryTimeToLive(0)
                    .startEvent()
                    .userTask("Task_Something")
                    .endEvent()
                    .done())
            .deploy()
            .getId();
    String ended = runtimeService.startProcessInstanceByKey(PROCESS).getId();
    String running = runtimeService.startProcessInstanceByKey(PROCESS).getId();
    taskService.complete(
        taskService.createTaskQuery().processInstanceId(ended).singleResult().getId());
    assertThat(
            jdbc.queryForObject(
                "select count(*) from act_hi_actinst where proc_inst_id_ in (?, ?) and removal_time_ is not null",
                Integer.class,
                ended,
                running))
        .isZero();

    // The nightly job, run now (immediately due: outside its batch window too).
    Job cleanup = historyService.cleanUpHistoryAsync(true);
    managementService.executeJob(cleanup.getId());

    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(ended).count())
        .isZero();
    assertThat(
            historyService.createHistoricActivityInstanceQuery().processInstanceId(ended).count())
        .isZero();
    assertThat(
            historyService.createHistoricProcessInstanceQuery().processInstanceId(running).count())
        .isOne();
    assertThat(
            historyService
                .createHistoricTaskInstanceQuery()
                .processInstanceId(running)
                .taskDefinitionKey("Task_Something")
                .count())
        .isOne();
  }
}
