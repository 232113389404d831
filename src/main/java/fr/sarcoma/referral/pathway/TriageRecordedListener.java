package fr.sarcoma.referral.pathway;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import fr.sarcoma.referral.referral.ReferralService;

/** BusinessRuleTask_Triage: urgency and S1 ("imaging before any procedure") go on the referral record. */
@Component("triageRecordedListener")
class TriageRecordedListener implements ExecutionListener {

  private final ReferralService referrals;

  TriageRecordedListener(ReferralService referrals) {
    this.referrals = referrals;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.getVariable(PathwayVariables.TRIAGE) instanceof Map<?, ?> triage) {
      referrals.recordTriage(Variables.referralId(execution), (String) triage.get("urgency"),
          (Boolean) triage.get("imagingBeforeAnyProcedure"));
    }
  }
}
