package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.letter.LetterService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_RequestPriorProcedureMaterial (U1, U2, M6): the letter that asks the referring physician
 * for the first procedure's reports, slides and blocks; written once per referral.
 */
@Component("requestPriorProcedureMaterialDelegate")
class RequestPriorProcedureMaterialDelegate implements JavaDelegate {

  private final LetterService letters;

  RequestPriorProcedureMaterialDelegate(LetterService letters) {
    this.letters = letters;
  }

  @Override
  public void execute(DelegateExecution execution) {
    letters.sendPriorProcedureMaterialRequest(
        Variables.referralId(execution),
        Variables.string(execution, PathwayVariables.PRIOR_PROCEDURE));
  }
}
