package fr.sarcoma.referral.pathway;

import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A coordinator's task of one order says which exam it is about, on the Tasklist card and in the list:
 * "Programmer l'examen : IRM". The model keeps the plain name; the exam's French label (modality.* in
 * messages_fr.properties) is added when the task is created.
 */
@Component("examTaskNameListener")
class ExamTaskNameListener implements TaskListener {

  private final MessageSource labels;

  ExamTaskNameListener(MessageSource labels) {
    this.labels = labels;
  }

  @Override
  public void notify(DelegateTask task) {
    String modality = Variables.string(task, PathwayVariables.MODALITY);
    if (modality != null) {
      task.setName(
          task.getName()
              + " : "
              + labels.getMessage("modality." + modality, null, modality, Locale.FRENCH));
    }
  }
}
