package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.mdt.MdtSessions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_RegisterForMdt (M1): the first session whose cutoff has not passed and that has room. */
@Component("registerForMdtDelegate")
class RegisterForMdtDelegate implements JavaDelegate {

  private final MdtSessions sessions;

  RegisterForMdtDelegate(MdtSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    MdtSessionWait.waitFor(execution, sessions.register(Variables.referralId(execution)));
  }
}
