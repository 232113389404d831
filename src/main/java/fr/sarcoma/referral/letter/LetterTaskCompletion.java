package fr.sarcoma.referral.letter;

import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A coordinator completing a letter's task ("Courrier à imprimer et envoyer", "Courrier non remis") records the
 * delivery as HANDLED, by whom and when, in the completion's transaction. The tasks are standalone (no process),
 * so no task listener runs for them; the engine's history event of the completion is the one signal every door
 * (Tasklist, REST, Java) gives. A decorator of whatever history handler the engine has: every event goes on,
 * unchanged.
 */
@Component
class LetterTaskCompletion extends AbstractProcessEnginePlugin {

  /** Looked up at a completion: the deliveries' store needs the data source the engine is built with. */
  private final ObjectProvider<LetterDeliveries> deliveries;

  LetterTaskCompletion(ObjectProvider<LetterDeliveries> deliveries) {
    this.deliveries = deliveries;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryEventHandler(new Handler(configuration.getHistoryEventHandler()));
  }

  private final class Handler implements HistoryEventHandler {

    private final HistoryEventHandler delegate;

    Handler(HistoryEventHandler delegate) {
      this.delegate = delegate;
    }

    @Override
    public void handleEvent(HistoryEvent event) {
      delegate.handleEvent(event);
      recordIfLetterTaskCompleted(event);
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      delegate.handleEvents(events);
      events.forEach(this::recordIfLetterTaskCompleted);
    }

    private void recordIfLetterTaskCompleted(HistoryEvent event) {
      if (event instanceof HistoricTaskInstanceEventEntity task
          && HistoryEventTypes.TASK_INSTANCE_COMPLETE.getEventName().equals(task.getEventType())) {
        LetterDeliveryTasks.deliveryOf(task.getTaskId())
            .ifPresent(
                delivery ->
                    deliveries
                        .getObject()
                        .handled(delivery, completedBy(task), task.getEndTime().toInstant()));
      }
    }

    /** The task's assignee, else whoever completes it (a task can be completed without a claim). */
    private static String completedBy(HistoricTaskInstanceEventEntity task) {
      if (task.getAssignee() != null) {
        return task.getAssignee();
      }
      return Context.getCommandContext() == null
          ? null
          : Context.getCommandContext().getAuthenticatedUserId();
    }
  }
}
