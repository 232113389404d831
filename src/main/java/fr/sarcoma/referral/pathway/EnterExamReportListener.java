package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.orders.Channel;
import fr.sarcoma.referral.orders.ExamOrderService.ResultOutcome;
import fr.sarcoma.referral.orders.ExamResults;
import fr.sarcoma.referral.orders.ResultSenderNotAllowedException;
import fr.sarcoma.referral.platform.EngineAuthentication;
import fr.sarcoma.referral.platform.NetworkCalendar;
import fr.sarcoma.referral.platform.web.FieldProblem;
import fr.sarcoma.referral.platform.web.RuleViolationException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_EnterExamReport ("Saisir le compte rendu"): the result of an order handled by hand, as the department
 * sent it on paper, goes through the same intake as {@code POST /api/orders/{id}/result} ({@link ExamResults}:
 * the completing user's groups checked, stored once in {@code exam_order}, {@code ExamResultRecorded} published
 * for insight). The task's own completion moves the order on ({@link Channel#TASKLIST}: not correlated back into
 * it). The clinical text then leaves the process, and never reaches its history ({@link
 * ClinicalHistoryFilter}).
 */
@Component("enterExamReportListener")
class EnterExamReportListener implements TaskListener, RecordsAnswers {

  static final String PERFORMED_ON = "resultPerformedOn";
  static final String CONCLUSION = "resultConclusion";
  static final String REPORT = "resultReport";

  private final ExamResults results;
  private final EngineAuthentication engineAuthentication;
  private final Clock clock;

  EnterExamReportListener(
      ExamResults results, EngineAuthentication engineAuthentication, Clock clock) {
    this.results = results;
    this.engineAuthentication = engineAuthentication;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    UUID orderId = UUID.fromString(Variables.string(task, PathwayVariables.ORDER_ID));
    LocalDate performedOn = FrenchDates.required(task.getVariable(PERFORMED_ON), PERFORMED_ON);
    LocalDate today = LocalDate.now(clock.withZone(NetworkCalendar.ZONE));
    if (performedOn.isAfter(today)) {
      String reason =
          "ne peut pas être dans le futur (aujourd'hui : " + FrenchDates.format(today) + ")";
      throw new RuleViolationException(
          "Compte rendu refusé : la date de réalisation de l'examen ("
              + FrenchDates.format(performedOn)
              + ") "
              + reason
              + ".",
          List.of(new FieldProblem(PERFORMED_ON, reason)));
    }
    ResultOutcome outcome;
    try {
      outcome =
          results.receive(
              orderId,
              engineAuthentication.groupsOfActor(task.getAssignee()),
              Variables.string(task, CONCLUSION).strip(),
              Variables.string(task, REPORT).strip(),
              performedOn,
              Channel.TASKLIST);
    } catch (ResultSenderNotAllowedException notAllowed) {
      throw new AuthorizationException(notAllowed.getMessage());
    }
    if (outcome == ResultOutcome.DUPLICATE) {
      // A result came in (API, FHIR) while this completion waited for the order: that result ended
      // the task.
      throw new OptimisticLockingException(
          "Un compte rendu est déjà enregistré pour la prescription " + orderId);
    }
  }

  /** Stored in {@code exam_order}; {@link ClinicalAnswers} then takes them out of the process. */
  @Override
  public Set<String> recordedAnswers() {
    return Set.of(PERFORMED_ON, CONCLUSION, REPORT);
  }
}
