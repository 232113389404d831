package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.orders.CharacterisationReports;
import fr.sarcoma.referral.platform.EngineAuthentication;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_ReportCharacterisation: the structured report goes to our tables (S3a evidence for the biopsy gate). */
@Component("recordCharacterisationReportListener")
class RecordCharacterisationReportListener implements TaskListener, RecordsAnswers {

  /** The answers recorded here, not in {@code task_answer} ({@link ClinicalAnswers}). */
  private static final Set<String> RECORDED =
      Set.of(
          "sizeLongAxisCm",
          "sizePerpendicularCm",
          "sizeCraniocaudalCm",
          "distanceToJointLineMm",
          "distanceToGrowthPlateMm",
          "relations",
          "aggressiveSigns",
          "tissueFeatures",
          "biopsyTargetZone",
          "skipMetastasis",
          "lesionPattern",
          "suspectedType",
          "hypotheses",
          "characterisationConclusion",
          "mdtNeeded");

  private final CharacterisationReports reports;
  private final EngineAuthentication engineAuthentication;

  RecordCharacterisationReportListener(
      CharacterisationReports reports, EngineAuthentication engineAuthentication) {
    this.reports = reports;
    this.engineAuthentication = engineAuthentication;
  }

  @Override
  public void notify(DelegateTask task) {
    reports.record(
        Variables.referralId(task),
        task.getId(),
        new CharacterisationReports.Report(
            Variables.decimal(task, "sizeLongAxisCm"),
            Variables.decimal(task, "sizePerpendicularCm"),
            Variables.decimal(task, "sizeCraniocaudalCm"),
            Variables.decimal(task, "distanceToJointLineMm"),
            Variables.decimal(task, "distanceToGrowthPlateMm"),
            Variables.string(task, "relations"),
            Variables.joined(task, "aggressiveSigns"),
            Variables.string(task, "tissueFeatures"),
            Variables.string(task, "biopsyTargetZone"),
            Variables.string(task, "skipMetastasis"),
            Variables.string(task, "lesionPattern"),
            Variables.string(task, "suspectedType"),
            Variables.string(task, "hypotheses"),
            Variables.string(task, "characterisationConclusion"),
            Variables.isTrue(task, "mdtNeeded")),
        engineAuthentication.actorOf(task.getAssignee()));
  }

  @Override
  public Set<String> recordedAnswers() {
    return RECORDED;
  }
}
