package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.mdt.MdtSessions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_RollOverMdtCase (M1): not discussed at its session, the case goes on the next one with room. */
@Component("rollOverMdtCaseDelegate")
class RollOverMdtCaseDelegate implements JavaDelegate {

  private final MdtSessions sessions;

  RollOverMdtCaseDelegate(MdtSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    MdtSessionWait.waitFor(execution, sessions.rollOver(Variables.referralId(execution)));
  }
}
