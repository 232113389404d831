package fr.sarcoma.referral.pathway.form;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * What a completing task's Camunda Form answered, read as {@link FormCheck} reads it: the variables visible
 * from the task, for the fields the form showed (a field hidden by its condition is not an answer).
 */
public final class TaskFormAnswers {

  /** One shown field and its (non-empty) answer. */
  public record Answer(FormField field, Object value) {

    /** The answer as our tables keep it (see {@link FormField#asText}). */
    public String text() {
      return field.asText(value);
    }
  }

  private final FormContract form;
  private final List<Answer> answers;

  private TaskFormAnswers(FormContract form, List<Answer> answers) {
    this.form = form;
    this.answers = answers;
  }

  /** The task's form and its answers; empty for a task without a Camunda Form. */
  public static Optional<TaskFormAnswers> of(DelegateTask task) {
    return DeployedForms.ofTask((TaskEntity) task)
        .map(form -> new TaskFormAnswers(form, answers(form, task.getVariables())));
  }

  private static List<Answer> answers(FormContract form, Map<String, Object> variables) {
    List<Answer> answers = new ArrayList<>();
    for (FormField field : form.fields()) {
      Object value = variables.get(field.key());
      if (!field.isEmpty(value) && !HideConditions.hidden(field.hideWhen(), variables)) {
        answers.add(new Answer(field, value));
      }
    }
    return List.copyOf(answers);
  }

  public String formId() {
    return form.id();
  }

  /** The shown fields that were answered, in the form's order. */
  public List<Answer> answers() {
    return answers;
  }

  /** Every field of the form that is not a routing fact, answered or not, shown or not: none stays a variable. */
  public List<String> leavingTheProcess() {
    return form.fields().stream()
        .filter(field -> !field.keptInProcess())
        .map(FormField::key)
        .toList();
  }
}
