package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.orders.Channel;
import fr.sarcoma.referral.orders.ExamOrder;
import fr.sarcoma.referral.orders.ExamOrderService;
import fr.sarcoma.referral.orders.OrderAlreadyReportedException;
import fr.sarcoma.referral.platform.NetworkCalendar;
import fr.sarcoma.referral.platform.web.FieldProblem;
import fr.sarcoma.referral.platform.web.RuleViolationException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_ScheduleExam ("Programmer l'examen"): the appointment of an order handled by hand (its date, and where)
 * is recorded through the same service as {@code POST /api/orders/{id}/schedule}, in {@code exam_order}; the
 * answers then leave the process, the order's row being their one record.
 */
@Component("scheduleExamListener")
class ScheduleExamListener implements TaskListener, RecordsAnswers {

  static final String DATE = "scheduledFor";
  static final String PLACE = "scheduledPlace";

  private final ExamOrderService orders;

  ScheduleExamListener(ExamOrderService orders) {
    this.orders = orders;
  }

  @Override
  public void notify(DelegateTask task) {
    UUID orderId = UUID.fromString(Variables.string(task, PathwayVariables.ORDER_ID));
    LocalDate scheduledFor = FrenchDates.required(task.getVariable(DATE), DATE);
    ExamOrder order = orders.find(orderId).orElseThrow();
    LocalDate prescribedOn = LocalDate.ofInstant(order.placedAt(), NetworkCalendar.ZONE);
    if (scheduledFor.isBefore(prescribedOn)) {
      String reason =
          "ne peut pas précéder la prescription (" + FrenchDates.format(prescribedOn) + ")";
      throw new RuleViolationException(
          "Rendez-vous refusé : la date de l'examen ("
              + FrenchDates.format(scheduledFor)
              + ") "
              + reason
              + ".",
          List.of(new FieldProblem(DATE, reason)));
    }
    try {
      orders.schedule(orderId, scheduledFor, place(task), Channel.TASKLIST);
    } catch (OrderAlreadyReportedException reported) {
      // Its result came in (API, FHIR) while this completion waited for the order: that result
      // ended the task.
      throw new OptimisticLockingException(reported.getMessage());
    }
  }

  /** Stored in {@code exam_order}; {@link ClinicalAnswers} then takes them out of the process. */
  @Override
  public Set<String> recordedAnswers() {
    return Set.of(DATE, PLACE);
  }

  private static String place(DelegateTask task) {
    String place = Variables.string(task, PLACE);
    return place == null || place.isBlank() ? null : place.strip();
  }
}
