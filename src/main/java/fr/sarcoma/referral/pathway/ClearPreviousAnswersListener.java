package fr.sarcoma.referral.pathway;

import java.util.Arrays;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Before a step is done again (another MRI, another MDT round after "further imaging"), removes the
 * answers of the previous round that the model lists ({@code camunda:property clearAnswers}):
 * Tasklist pre-fills a form with any variable of the same name, and a chair must not find last
 * month's decision already ticked.
 */
@Component("clearPreviousAnswersListener")
class ClearPreviousAnswersListener implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    String names = ModelProperties.of(execution, "clearAnswers");
    if (names != null) {
      execution.removeVariables(Arrays.stream(names.split(",")).map(String::trim).toList());
    }
  }
}
