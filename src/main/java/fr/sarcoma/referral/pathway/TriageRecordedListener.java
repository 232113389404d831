package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.referral.ReferralService;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * BusinessRuleTask_Triage: urgency, S1 ("imaging before any procedure"), the out-of-scope reason (G0) and
 * whether the material of a procedure done elsewhere is requested (U1, U2, M6) go on the referral record.
 */
@Component("triageRecordedListener")
class TriageRecordedListener implements ExecutionListener {

  private final ReferralService referrals;

  TriageRecordedListener(ReferralService referrals) {
    this.referrals = referrals;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.getVariable(PathwayVariables.TRIAGE) instanceof Map<?, ?> triage) {
      referrals.recordTriage(
          Variables.referralId(execution),
          new ReferralService.Triage(
              (String) triage.get("urgency"), (Boolean) triage.get("imagingBeforeAnyProcedure"),
              (String) triage.get("outOfScopeReason"),
                  (Boolean) triage.get("priorProcedureReview")));
    }
  }
}
