package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.mdt.MdtService;
import fr.sarcoma.referral.platform.EngineAuthentication;
import fr.sarcoma.referral.platform.web.RuleViolationException;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_AgreeBiopsyApproach (S3c): the surgeon who completes it records that they will operate; a technique that
 * differs from the MDT's decision (its latest version) needs a {@code deviationReason} (M4), stored with the approach.
 */
@Component("recordBiopsyApproachListener")
class RecordBiopsyApproachListener implements TaskListener, RecordsAnswers {

  /** The answers recorded here, not in {@code task_answer} ({@link ClinicalAnswers}). */
  private static final Set<String> RECORDED =
      Set.of("operatingSurgeon", "biopsyApproach", "biopsyTechnique", "deviationReason");

  private final MdtService mdt;
  private final EngineAuthentication engineAuthentication;

  RecordBiopsyApproachListener(MdtService mdt, EngineAuthentication engineAuthentication) {
    this.mdt = mdt;
    this.engineAuthentication = engineAuthentication;
  }

  @Override
  public void notify(DelegateTask task) {
    String surgeon = engineAuthentication.actorOf(task.getAssignee());
    if (surgeon == null) {
      throw new RuleViolationException(
          "S3 : la voie d'abord doit être validée par un chirurgien identifié.", List.of());
    }
    mdt.recordApproach(
        Variables.referralId(task),
        task.getId(),
        new MdtService.ApproachInput(
            Variables.isTrue(task, "operatingSurgeon"), Variables.string(task, "biopsyApproach"),
            Variables.string(task, "biopsyTechnique"), Variables.string(task, "deviationReason")),
        surgeon);
  }

  @Override
  public Set<String> recordedAnswers() {
    return RECORDED;
  }
}
