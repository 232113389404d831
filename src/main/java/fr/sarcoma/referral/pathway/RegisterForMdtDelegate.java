package fr.sarcoma.referral.pathway;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.sarcoma.referral.mdt.MdtService;

/** ServiceTask_RegisterForMdt (M1): the session the case goes to, for the process to wait for. */
@Component("registerForMdtDelegate")
class RegisterForMdtDelegate implements JavaDelegate {

  private final MdtService mdt;

  RegisterForMdtDelegate(MdtService mdt) {
    this.mdt = mdt;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(PathwayVariables.MDT_SESSION_AT, Date.from(mdt.register(Variables.referralId(execution))));
  }
}
