package fr.sarcoma.referral.insight.tasktime;

import fr.sarcoma.referral.pathway.PathwayVariables;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Records when each user task was created, first taken, and ended (see {@link TaskTimes}). */
@Component
class TaskTimeListener implements TaskListener {

  private final TaskTimes times;
  private final Clock clock;

  TaskTimeListener(TaskTimes times, Clock clock) {
    this.times = times;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    Instant now = clock.instant();
    switch (task.getEventName()) {
      case EVENTNAME_CREATE ->
          times.created(
              task.getId(), referralId(task), task.getTaskDefinitionKey(), now, task.getDueDate());
      case EVENTNAME_ASSIGNMENT -> {
        if (task.getAssignee() != null) {
          times.taken(task.getId(), now);
        }
      }
      case EVENTNAME_COMPLETE ->
          times.ended(task.getId(), now, TaskTimes.COMPLETED, task.getDueDate());
      case EVENTNAME_DELETE -> times.ended(task.getId(), now, TaskTimes.DELETED, task.getDueDate());
      default -> {
        // update, timeout: nothing to time.
      }
    }
  }

  /** Tasks of our models carry the referral id; a task of any other process is timed without one. */
  private static UUID referralId(DelegateTask task) {
    Object id = task.getVariable(PathwayVariables.REFERRAL_ID);
    return id == null ? null : UUID.fromString(id.toString());
  }
}
