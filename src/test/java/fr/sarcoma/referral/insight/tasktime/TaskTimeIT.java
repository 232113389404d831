package fr.sarcoma.referral.insight.tasktime;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.sql.Timestamp;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every user task of the deployed models records when it was created, first taken and ended (issue 6). */
@PostgresIntegrationTest
class TaskTimeIT {

  @Autowired PathwayDriver pathway;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aTaskIsTimedFromCreationToItsFirstClaimAndToItsCompletion() {
    PathwayDriver.Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            3.0,
            Depth.SUPERFICIAL,
            PriorProcedure.NONE);
    pathway.reportExam(referral, pathway.orders(referral).get(0).modality().name());
    Task task = pathway.task(referral, "Task_ClassifyInitialImaging");

    Map<String, Object> created = row(task.getId());
    assertThat(created.get("referral_id")).isEqualTo(referral.id());
    assertThat(created.get("task_key")).isEqualTo("Task_ClassifyInitialImaging");
    assertThat(created.get("due_at")).as("the service level's due date").isNotNull();
    assertThat(created.get("taken_at")).isNull();
    assertThat(created.get("ended_at")).isNull();

    taskService.claim(task.getId(), "radiologist");
    Timestamp taken = (Timestamp) row(task.getId()).get("taken_at");
    assertThat(taken).isNotNull();
    assertThat(taken).isAfterOrEqualTo((Timestamp) created.get("created_at"));
    taskService.setAssignee(task.getId(), null);
    pathway.complete(
        referral,
        "Task_ClassifyInitialImaging",
        "radiologist",
        PathwayDriver.classification("TYPICAL_BENIGN", false));

    Map<String, Object> ended = row(task.getId());
    assertThat(ended.get("taken_at")).as("the first time it was taken").isEqualTo(taken);
    assertThat(ended.get("end_reason")).isEqualTo("COMPLETED");
    assertThat((Timestamp) ended.get("ended_at")).isAfterOrEqualTo(taken);
    assertThat(((Number) ended.get("waiting_hours")).doubleValue() * 3_600_000)
        .isCloseTo(
            taken.getTime() - ((Timestamp) created.get("created_at")).getTime(),
            org.assertj.core.data.Offset.offset(1.0));
    assertThat(((Number) ended.get("working_hours")).doubleValue() * 3_600_000)
        .isCloseTo(
            ((Timestamp) ended.get("ended_at")).getTime() - taken.getTime(),
            org.assertj.core.data.Offset.offset(1.0));
  }

  private Map<String, Object> row(String taskId) {
    return jdbc.queryForMap("select * from task_time where task_id = ?", taskId);
  }
}
