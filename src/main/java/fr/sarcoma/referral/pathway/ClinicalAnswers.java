package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.pathway.form.TaskFormAnswers;
import fr.sarcoma.referral.platform.EngineAuthentication;
import fr.sarcoma.referral.referral.TaskAnswers;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.listener.DelegateExpressionTaskListener;
import org.springframework.stereotype.Component;

/**
 * Clinical text leaves the engine: when a user task with a Camunda Form completes, its answers go to our tables
 * and every answer that is not a routing fact (the form declares those {@code keptInProcess}) is removed from the
 * process variables, in the completion's transaction. The answers the task's own listeners record in a feature
 * table ({@link RecordsAnswers}) are theirs; the others go to {@code task_answer}. {@link ClinicalHistoryFilter}
 * keeps the removed answers out of the history.
 *
 * <p>Runs last on completion ({@link ClinicalAnswersPlugin}), after the form check and after the model's own
 * listeners, which read the answers; a refused completion rolls everything back, this included.
 */
@Component
class ClinicalAnswers implements TaskListener {

  private final TaskAnswers taskAnswers;
  private final EngineAuthentication engineAuthentication;

  ClinicalAnswers(TaskAnswers taskAnswers, EngineAuthentication engineAuthentication) {
    this.taskAnswers = taskAnswers;
    this.engineAuthentication = engineAuthentication;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskFormAnswers.of(task).ifPresent(form -> moveOut(task, form));
  }

  private void moveOut(DelegateTask task, TaskFormAnswers form) {
    Set<String> recorded = recordedByTheTasksListeners(task);
    List<TaskAnswers.Answer> others =
        form.answers().stream()
            .filter(answer -> !recorded.contains(answer.field().key()))
            .map(
                answer ->
                    new TaskAnswers.Answer(
                        answer.field().key(), answer.field().label(), answer.text()))
            .toList();
    if (!others.isEmpty()) {
      taskAnswers.record(
          new TaskAnswers.Task(
              referralId(task),
              task.getProcessInstanceId(),
              task.getId(),
              task.getTaskDefinitionKey(),
              task.getName(),
              form.formId(),
              engineAuthentication.actorOf(task.getAssignee())),
          others);
    }
    task.removeVariables(form.leavingTheProcess());
  }

  /** The fields the model's listeners of this task's completion record themselves ({@link RecordsAnswers}). */
  private static Set<String> recordedByTheTasksListeners(DelegateTask task) {
    ExpressionManager expressions = Context.getProcessEngineConfiguration().getExpressionManager();
    return ((TaskEntity) task)
        .getTaskDefinition().getTaskListenersForEvent(TaskListener.EVENTNAME_COMPLETE).stream()
            .filter(DelegateExpressionTaskListener.class::isInstance)
            .map(
                listener ->
                    expressions
                        .createExpression(
                            ((DelegateExpressionTaskListener) listener).getExpressionText())
                        .getValue(task))
            .filter(RecordsAnswers.class::isInstance)
            .flatMap(listener -> ((RecordsAnswers) listener).recordedAnswers().stream())
            .collect(Collectors.toSet());
  }

  /** The task's referral; none for a task outside a referral (a process deployed by hand). */
  private static UUID referralId(DelegateTask task) {
    try {
      return task.getVariable(PathwayVariables.REFERRAL_ID) instanceof String id
          ? UUID.fromString(id)
          : null;
    } catch (IllegalArgumentException notAnId) {
      return null;
    }
  }
}
