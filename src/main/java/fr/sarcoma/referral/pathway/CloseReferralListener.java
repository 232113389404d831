package fr.sarcoma.referral.pathway;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** End events after the MDT: the decision letter went already (M4), the referral closes. */
@Component("closeReferralListener")
class CloseReferralListener implements ExecutionListener {

  private final ReferralClosing closing;

  CloseReferralListener(ReferralClosing closing) {
    this.closing = closing;
  }

  @Override
  public void notify(DelegateExecution execution) {
    closing.close(execution);
  }
}
