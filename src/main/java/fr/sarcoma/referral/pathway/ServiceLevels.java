package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.orders.ExamOrder;
import fr.sarcoma.referral.orders.ExamOrderService;
import fr.sarcoma.referral.platform.NetworkCalendar;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.stereotype.Component;

/**
 * Service levels of the pathway (sarcoma.pathway.sla in application.yml), read by the models: user
 * task due dates ({@code ${serviceLevels.due('Task_X', triage.urgency)}}) and the overdue timer of
 * each order ({@code ${serviceLevels.examReport(modality, urgency)}}). Urgent referrals get the
 * shorter of the step's delay and the urgent cap. A step that follows an exam handled by hand is due
 * after the appointment ({@code ${serviceLevels.afterExam('Task_X', orderId)}}).
 */
@Component("serviceLevels")
public class ServiceLevels {

  @ConfigurationProperties("sarcoma.pathway.sla")
  public record Settings(
      Period defaultTask,
      Map<String, Period> tasks,
      Period urgentTaskCap,
      Period defaultExamReport,
      Map<String, Period> examReports,
      Period urgentExamReportCap) {

    @ConstructorBinding
    public Settings {
      defaultTask = defaultTask == null ? Period.ofDays(5) : defaultTask;
      tasks = tasks == null ? Map.of() : Map.copyOf(tasks);
      urgentTaskCap = urgentTaskCap == null ? Period.ofDays(2) : urgentTaskCap;
      defaultExamReport = defaultExamReport == null ? Period.ofDays(14) : defaultExamReport;
      examReports = examReports == null ? Map.of() : Map.copyOf(examReports);
      urgentExamReportCap = urgentExamReportCap == null ? Period.ofDays(7) : urgentExamReportCap;
    }
  }

  static final String URGENT = "URGENT";

  /** A step due "n days after the exam" is due that evening, in the network's time zone. */
  static final LocalTime END_OF_DAY = LocalTime.of(18, 0);

  private final Settings settings;
  private final Clock clock;
  private final ExamOrderService orders;

  ServiceLevels(Settings settings, Clock clock, ExamOrderService orders) {
    this.settings = settings;
    this.clock = clock;
    this.orders = orders;
  }

  public Date due(String taskKey, String urgency) {
    Period delay =
        capped(
            settings.tasks().getOrDefault(taskKey, settings.defaultTask()),
            urgency,
            settings.urgentTaskCap());
    return Date.from(clock.instant().plus(Duration.ofDays(delay.getDays())));
  }

  /**
   * Due the step's delay after the appointment of the order (the evening of that day, Paris): the report of an
   * exam booked in three weeks is not late before the exam. An order not booked: due as {@link #due}.
   */
  public Date afterExam(String taskKey, String orderId) {
    ExamOrder order = orders.find(UUID.fromString(orderId)).orElse(null);
    if (order == null || order.scheduledFor() == null) {
      return due(taskKey, order == null ? null : order.urgency());
    }
    Period delay =
        capped(
            settings.tasks().getOrDefault(taskKey, settings.defaultTask()),
            order.urgency(),
            settings.urgentTaskCap());
    return Date.from(
        order
            .scheduledFor()
            .plusDays(delay.getDays())
            .atTime(END_OF_DAY)
            .atZone(NetworkCalendar.ZONE)
            .toInstant());
  }

  /** The service level of a user task for a routine referral (the managers' target for it). */
  public Duration task(String taskKey) {
    return Duration.ofDays(
        settings.tasks().getOrDefault(taskKey, settings.defaultTask()).getDays());
  }

  /** An ISO-8601 duration for the order's non-interrupting overdue timer. */
  public String examReport(String modality, String urgency) {
    return capped(
            settings.examReports().getOrDefault(modality, settings.defaultExamReport()),
            urgency,
            settings.urgentExamReportCap())
        .toString();
  }

  private static Period capped(Period delay, String urgency, Period urgentCap) {
    return URGENT.equals(urgency) && urgentCap.getDays() < delay.getDays() ? urgentCap : delay;
  }
}
