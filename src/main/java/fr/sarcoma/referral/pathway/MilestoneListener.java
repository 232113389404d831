package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.referral.Milestones;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Records the milestones the model names on the element ({@code milestoneOnStart} / {@code milestoneOnEnd}),
 * one or several separated by commas, in that order (U1: the operative-bed MRI is both the first imaging
 * and the characterisation).
 */
@Component("milestoneListener")
class MilestoneListener implements ExecutionListener {

  private final Milestones milestones;

  MilestoneListener(Milestones milestones) {
    this.milestones = milestones;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String property =
        EVENTNAME_START.equals(execution.getEventName()) ? "milestoneOnStart" : "milestoneOnEnd";
    String names = ModelProperties.of(execution, property);
    if (names != null) {
      for (String milestone : names.split(",")) {
        milestones.record(Variables.referralId(execution), milestone.strip());
      }
    }
  }
}
