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

/** Task_RecordMdtDecision: quorum (M2) checked, decision and participants recorded (M4, S3b). */
@Component("recordMdtDecisionListener")
class RecordMdtDecisionListener implements TaskListener, RecordsAnswers {

  /** The answers recorded here, not in {@code task_answer} ({@link ClinicalAnswers}). */
  private static final Set<String> RECORDED =
      Set.of(
          "attendingSpecialties",
          "attendees",
          "mdtOutcome",
          "biopsyTechnique",
          "biopsyTargetZone",
          "biopsyCentre",
          "decisionRationale");

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
    String specialties = Variables.joined(task, "attendingSpecialties");
    List<String> present =
        specialties == null || specialties.isBlank()
            ? List.of()
            : Arrays.asList(specialties.split(","));
    mdt.recordDecision(
        Variables.referralId(task),
        task.getId(),
        new MdtService.DecisionInput(
            present,
            Variables.string(task, "attendees"),
            Variables.string(task, PathwayVariables.MDT_OUTCOME),
            Variables.string(task, "biopsyTechnique"),
            Variables.string(task, "biopsyTargetZone"),
            Variables.string(task, "biopsyCentre"),
            Variables.string(task, "decisionRationale")),
        engineAuthentication.actorOf(task.getAssignee()));
    sessions.markDiscussed(Variables.referralId(task));
  }

  @Override
  public Set<String> recordedAnswers() {
    return RECORDED;
  }
}
