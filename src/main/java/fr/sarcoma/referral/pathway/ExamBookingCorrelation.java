package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.orders.Channel;
import fr.sarcoma.referral.orders.ExamScheduled;
import fr.sarcoma.referral.platform.EngineAuthentication;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An order handled by hand booked through the API ({@code POST /api/orders/{id}/schedule}, an integrator's
 * scheduling system) leaves no stale task in Tasklist: a coordinator's "Programmer l'examen" still open moves on to
 * "Saisir le compte rendu" ({@code Msg_ExamScheduled}), and a "Saisir le compte rendu" already open gets the due
 * date of the new appointment. A booking made in "Programmer l'examen" itself ({@link Channel#TASKLIST}) is that
 * task's own completion: nothing to do. Synchronous, in the transaction that stored the booking.
 */
@Component
class ExamBookingCorrelation {

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ServiceLevels serviceLevels;
  private final EngineAuthentication engineAuthentication;

  ExamBookingCorrelation(
      RuntimeService runtimeService,
      TaskService taskService,
      ServiceLevels serviceLevels,
      EngineAuthentication engineAuthentication) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.serviceLevels = serviceLevels;
    this.engineAuthentication = engineAuthentication;
  }

  @EventListener
  void examScheduled(ExamScheduled scheduled) {
    if (scheduled.channel() == Channel.TASKLIST) {
      return;
    }
    String orderId = scheduled.orderId().toString();
    engineAuthentication.asSystem(
        () -> {
          runtimeService
              .createMessageCorrelation(PathwayVariables.MSG_EXAM_SCHEDULED)
              .processInstanceVariableEquals(PathwayVariables.ORDER_ID, orderId)
              .correlateAllWithResult();
          for (Task entry :
              taskService
                  .createTaskQuery()
                  .taskDefinitionKey(PathwayVariables.TASK_ENTER_EXAM_REPORT)
                  .processVariableValueEquals(PathwayVariables.ORDER_ID, orderId)
                  .list()) {
            entry.setDueDate(
                serviceLevels.afterExam(PathwayVariables.TASK_ENTER_EXAM_REPORT, orderId));
            taskService.saveTask(entry);
          }
          return null;
        });
  }
}
