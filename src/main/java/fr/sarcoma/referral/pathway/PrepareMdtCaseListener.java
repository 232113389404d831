package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.mdt.MdtSessions;
import fr.sarcoma.referral.platform.web.RuleViolationException;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_PrepareMdtCase: the question put to the MDT goes on the agenda; B4: a pathological fracture is
 * not fixed before the MDT has seen the case.
 */
@Component("prepareMdtCaseListener")
class PrepareMdtCaseListener implements TaskListener, RecordsAnswers {

  /** The answers recorded here, not in {@code task_answer} ({@link ClinicalAnswers}). */
  private static final Set<String> RECORDED = Set.of("mdtQuestion");

  static final String PATHOLOGICAL_FRACTURE = "PATHOLOGICAL_FRACTURE";

  private final MdtSessions sessions;

  PrepareMdtCaseListener(MdtSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public void notify(DelegateTask task) {
    if (PATHOLOGICAL_FRACTURE.equals(Variables.string(task, PathwayVariables.PRESENTATION))
        && !Variables.isTrue(task, "fixationDeferred")) {
      throw RuleViolationException.of(
          "fixationDeferred",
          "B4 : fracture pathologique, confirmer qu'aucune ostéosynthèse n'est réalisée avant la RCP.");
    }
    sessions.recordQuestion(Variables.referralId(task), Variables.string(task, "mdtQuestion"));
  }

  @Override
  public Set<String> recordedAnswers() {
    return RECORDED;
  }
}
