package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.letter.LetterService;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Message end events without the MDT (G0, ST2, B2): close the referral and write its letter. */
@Component("sendOutcomeLetterDelegate")
class SendOutcomeLetterDelegate implements JavaDelegate {

  private final ReferralClosing closing;
  private final LetterService letters;

  SendOutcomeLetterDelegate(ReferralClosing closing, LetterService letters) {
    this.closing = closing;
    this.letters = letters;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String outcome = closing.close(execution);
    letters.sendOutcomeLetter(
        Variables.referralId(execution), outcome, outOfScopeReason(execution));
  }

  private static String outOfScopeReason(DelegateExecution execution) {
    return execution.getVariable(PathwayVariables.TRIAGE) instanceof Map<?, ?> triage
            && triage.get("outOfScopeReason") != null
        ? triage.get("outOfScopeReason").toString()
        : null;
  }
}
