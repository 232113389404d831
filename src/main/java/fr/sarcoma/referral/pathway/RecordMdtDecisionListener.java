package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.mdt.MdtService;
import fr.sarcoma.referral.mdt.MdtSessions;
import fr.sarcoma.referral.platform.EngineAuthentication;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_RecordMdtDecision: the fiche RCP (PATHWAY.md) recorded with the decision (M4, S3b): quorum (M2) checked on
 * the participants chosen by name, the chair who completes the task validating it.
 */
@Component("recordMdtDecisionListener")
class RecordMdtDecisionListener implements TaskListener, RecordsAnswers {

  /** The answers recorded here, not in {@code task_answer} ({@link ClinicalAnswers}). */
  private static final Set<String> RECORDED =
      Set.of(
          MdtService.PARTICIPANTS,
          "mdtOutcome",
          "biopsyTechnique",
          "biopsyTargetZone",
          "biopsyCentre",
          "decisionRationale",
          "guideline",
          "guidelineConform",
          "nonConformityReason",
          "clinicalTrialConsidered",
          "clinicalTrialDetail",
          "patientInformedBy",
          "chairValidation");

  private final MdtService mdt;
  private final MdtSessions sessions;
  private final EngineAuthentication engineAuthentication;

  RecordMdtDecisionListener(
      MdtService mdt, MdtSessions sessions, EngineAuthentication engineAuthentication) {
    this.mdt = mdt;
    this.sessions = sessions;
    this.engineAuthentication = engineAuthentication;
  }

  @Override
  public void notify(DelegateTask task) {
    String participants = Variables.joined(task, MdtService.PARTICIPANTS);
    mdt.recordDecision(
        Variables.referralId(task),
        task.getId(),
        new MdtService.DecisionInput(
            participants == null || participants.isBlank()
                ? List.of()
                : Arrays.asList(participants.split(",")),
            Variables.string(task, PathwayVariables.MDT_OUTCOME),
            Variables.string(task, "biopsyTechnique"),
            Variables.string(task, "biopsyTargetZone"),
            Variables.string(task, "biopsyCentre"),
            Variables.string(task, "decisionRationale"),
            Variables.string(task, "guideline"),
            yesNo(task, "guidelineConform"),
            Variables.string(task, "nonConformityReason"),
            yesNo(task, "clinicalTrialConsidered"),
            Variables.string(task, "clinicalTrialDetail"),
            Variables.string(task, "patientInformedBy")),
        engineAuthentication.actorOf(task.getAssignee()));
    sessions.markDiscussed(Variables.referralId(task));
  }

  /** A YES/NO radio as a Boolean; unanswered (or anything else) as null, which the record refuses. */
  private static Boolean yesNo(DelegateTask task, String name) {
    String answer = Variables.string(task, name);
    return "YES".equals(answer) ? Boolean.TRUE : "NO".equals(answer) ? Boolean.FALSE : null;
  }

  @Override
  public Set<String> recordedAnswers() {
    return RECORDED;
  }
}
