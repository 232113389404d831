package fr.sarcoma.referral.pathway.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * The delegates and listeners whose work is outside the model (letters, milestones, records in our tables) as
 * recorders: each call is logged with where it happened, so a test says which bean ran at which element.
 */
final class CallLog {

  private final List<String> calls = new ArrayList<>();

  /** A delegate, execution listener or task listener registered as {@code name}. */
  Recorder recorder(String name) {
    return new Recorder(name);
  }

  /** Where {@code name} ran, in order: element ids (with the event for an execution listener, e.g. {@code X:end}). */
  List<String> of(String name) {
    String prefix = name + "@";
    return calls.stream()
        .filter(call -> call.startsWith(prefix))
        .map(call -> call.substring(prefix.length()))
        .toList();
  }

  final class Recorder implements JavaDelegate, ExecutionListener, TaskListener {

    private final String name;

    private Recorder(String name) {
      this.name = name;
    }

    @Override
    public void execute(DelegateExecution execution) {
      calls.add(name + "@" + execution.getCurrentActivityId());
    }

    @Override
    public void notify(DelegateExecution execution) {
      calls.add(name + "@" + execution.getCurrentActivityId() + ":" + execution.getEventName());
    }

    @Override
    public void notify(DelegateTask task) {
      calls.add(name + "@" + task.getTaskDefinitionKey());
    }
  }
}
