package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.referral.Milestones;
import fr.sarcoma.referral.referral.ReferralService;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Closes the referral with the outcome its end event names in the model ({@code camunda:property outcome}). */
@Component
class ReferralClosing {

  static final String OUTCOME_PROPERTY = "outcome";

  private final ReferralService referrals;
  private final Milestones milestones;

  ReferralClosing(ReferralService referrals, Milestones milestones) {
    this.referrals = referrals;
    this.milestones = milestones;
  }

  String close(DelegateExecution execution) {
    String outcome = ModelProperties.of(execution, OUTCOME_PROPERTY);
    if (outcome == null) {
      throw new IllegalStateException(
          "End event " + execution.getCurrentActivityId() + " names no outcome");
    }
    UUID referralId = Variables.referralId(execution);
    referrals.close(referralId, outcome);
    milestones.record(referralId, "CLOSED");
    return outcome;
  }
}
