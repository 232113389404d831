package fr.sarcoma.referral.pathway;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import fr.sarcoma.referral.referral.Milestones;

/** Records the milestone the model names on the element ({@code milestoneOnStart} / {@code milestoneOnEnd}). */
@Component("milestoneListener")
class MilestoneListener implements ExecutionListener {

  private final Milestones milestones;

  MilestoneListener(Milestones milestones) {
    this.milestones = milestones;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String property = EVENTNAME_START.equals(execution.getEventName()) ? "milestoneOnStart" : "milestoneOnEnd";
    String milestone = ModelProperties.of(execution, property);
    if (milestone != null) {
      milestones.record(Variables.referralId(execution), milestone);
    }
  }
}
