package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.letter.LetterService;
import fr.sarcoma.referral.mdt.MdtService;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_SendMdtDecisionLetter (M4). */
@Component("sendMdtDecisionLetterDelegate")
class SendMdtDecisionLetterDelegate implements JavaDelegate {

  private final MdtService mdt;
  private final LetterService letters;

  SendMdtDecisionLetterDelegate(MdtService mdt, LetterService letters) {
    this.mdt = mdt;
    this.letters = letters;
  }

  @Override
  public void execute(DelegateExecution execution) {
    UUID referralId = Variables.referralId(execution);
    letters.sendMdtDecisionLetter(
        referralId,
        mdt.latestDecision(referralId)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "No MDT decision on record for referral " + referralId)));
  }
}
