package fr.sarcoma.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's bare baseline is our typical biopsy path's shape in plain elements (issue 16): as many user
 * tasks and jobs as the path our benchmark walks (its report counts both systems' history to show they match).
 */
class BarePathwayModelTest {

  @Test
  void theBareModelHasTheBiopsyPathsUserTasksJobsAndTimers() {
    BpmnModelInstance model = BarePathwayModel.model();
    Bpmn.validateModel(model);

    // 8 clinical forms, 4 orders booked and reported, 3 letters printed.
    assertThat(model.getModelElementsByType(UserTask.class)).hasSize(19);
    assertThat(model.getModelElementsByType(UserTask.class))
        .filteredOn(task -> task.getId().startsWith("Task_RecordMdtDecision"))
        .extracting(UserTask::getCamundaCandidateGroups)
        .containsExactly("mdt-chairs", "mdt-chairs");
    // 4 orders placed and sent, 2 MDT registrations, 3 letters: every one asynchronous.
    assertThat(model.getModelElementsByType(ServiceTask.class))
        .hasSize(13)
        .allSatisfy(
            task -> {
              assertThat(task.isCamundaAsyncBefore()).isTrue();
              assertThat(task.getCamundaDelegateExpression()).isEqualTo("${noop}");
            });
    assertThat(model.getModelElementsByType(IntermediateCatchEvent.class)).hasSize(2);
    assertThat(BarePathwayModel.steps()).hasSize(19 + 13 + 2);
  }
}
