package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.mdt.PathologyDiagnoses;
import fr.sarcoma.referral.platform.EngineAuthentication;
import fr.sarcoma.referral.platform.web.RuleViolationException;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_ReviewBiopsyResult (M6): the expert pathologist's structured diagnosis goes to {@code pathology_diagnosis};
 * the case then returns to the MDT for the proposal round (the model sets {@code mdtRound}).
 */
@Component("recordPathologyDiagnosisListener")
class RecordPathologyDiagnosisListener implements TaskListener, RecordsAnswers {

  /** The answers recorded here, not in {@code task_answer} ({@link ClinicalAnswers}). */
  private static final Set<String> RECORDED =
      Set.of("pathologyDiagnosis", "histologicalType", "fnclccGrade", "pathologyReview");

  private final PathologyDiagnoses diagnoses;
  private final EngineAuthentication engineAuthentication;

  RecordPathologyDiagnosisListener(
      PathologyDiagnoses diagnoses, EngineAuthentication engineAuthentication) {
    this.diagnoses = diagnoses;
    this.engineAuthentication = engineAuthentication;
  }

  @Override
  public void notify(DelegateTask task) {
    diagnoses.record(
        Variables.referralId(task),
        task.getId(),
        new PathologyDiagnoses.DiagnosisInput(
            Variables.string(task, "pathologyDiagnosis"),
            Variables.string(task, "histologicalType"),
            grade(Variables.string(task, "fnclccGrade")),
            Variables.string(task, "pathologyReview")),
        engineAuthentication.actorOf(task.getAssignee()));
  }

  /** The form codes the grade "1", "2" or "3"; anything else is refused with the field named. */
  private static Integer grade(String code) {
    if (code == null || code.isBlank()) {
      return null;
    }
    return switch (code.strip()) {
      case "1" -> 1;
      case "2" -> 2;
      case "3" -> 3;
      default ->
          throw RuleViolationException.of("fnclccGrade", "M6 : le grade FNCLCC vaut 1, 2 ou 3.");
    };
  }

  @Override
  public Set<String> recordedAnswers() {
    return RECORDED;
  }
}
