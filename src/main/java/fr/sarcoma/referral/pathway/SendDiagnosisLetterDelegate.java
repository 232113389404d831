package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.letter.LetterService;
import fr.sarcoma.referral.mdt.MdtService;
import fr.sarcoma.referral.mdt.PathologyDiagnoses;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_SendDiagnosisLetter (M6): the expert diagnosis and the MDT's proposal, to the referrer and GP. */
@Component("sendDiagnosisLetterDelegate")
class SendDiagnosisLetterDelegate implements JavaDelegate {

  private final PathologyDiagnoses diagnoses;
  private final MdtService mdt;
  private final LetterService letters;

  SendDiagnosisLetterDelegate(PathologyDiagnoses diagnoses, MdtService mdt, LetterService letters) {
    this.diagnoses = diagnoses;
    this.mdt = mdt;
    this.letters = letters;
  }

  @Override
  public void execute(DelegateExecution execution) {
    UUID referralId = Variables.referralId(execution);
    letters.sendDiagnosisLetter(
        referralId,
        diagnoses
            .latest(referralId)
            .orElseThrow(
                () ->
                    new IllegalStateException("No pathology diagnosis for referral " + referralId)),
        mdt.latestDecision(referralId)
            .orElseThrow(
                () -> new IllegalStateException("No MDT proposal for referral " + referralId)));
  }
}
