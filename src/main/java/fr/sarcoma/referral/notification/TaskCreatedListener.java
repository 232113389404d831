package fr.sarcoma.referral.notification;

import fr.sarcoma.referral.mdt.MdtSessions;
import fr.sarcoma.referral.mdt.MdtSessions.MissedCutoff;
import fr.sarcoma.referral.pathway.PathwayVariables;
import fr.sarcoma.referral.referral.ReferralService;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The moments of the models that call for a notification, heard when a user task is created (the Camunda starter
 * publishes every task event, {@code camunda.bpm.eventing.task}), in the transaction that creates it, so no model
 * carries a listener of its own:
 *
 * <ul>
 *   <li>the first task offered to the coordinators in an urgent referral (Decision_Triage: B4, U1, U2, soft tissue
 *       deep or &gt; 5 cm): "Programmer l'examen" of its first order when orders are handled by hand;
 *   <li>Task_HandleOverdueExam (BoundaryEvent_ReportOverdue: the report is late, sarcoma.pathway.sla);
 *   <li>Task_PrepareMdtCase when the registration missed the nearest session's cutoff (M1).
 * </ul>
 */
@Component
class TaskCreatedListener {

  private final Notifications notifications;
  private final NotificationTexts texts;
  private final ReferralService referrals;
  private final MdtSessions sessions;

  TaskCreatedListener(
      Notifications notifications,
      NotificationTexts texts,
      ReferralService referrals,
      MdtSessions sessions) {
    this.notifications = notifications;
    this.texts = texts;
    this.referrals = referrals;
    this.sessions = sessions;
  }

  @EventListener
  void created(DelegateTask task) {
    if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) || !notifications.active()) {
      return;
    }
    Object referral = task.getVariable(PathwayVariables.REFERRAL_ID);
    if (referral == null) {
      // An order started on its own by an administrator: no referral to speak of.
      return;
    }
    UUID referralId = UUID.fromString(referral.toString());
    String businessKey = task.getExecution().getProcessBusinessKey();
    if (PathwayVariables.TASK_HANDLE_OVERDUE_EXAM.equals(task.getTaskDefinitionKey())) {
      notify(
          NotificationKind.EXAM_OVERDUE,
          task.getId(),
          task,
          businessKey,
          texts.label("modality.", (String) task.getVariable(PathwayVariables.MODALITY)));
    }
    if (PathwayVariables.TASK_PREPARE_MDT_CASE.equals(task.getTaskDefinitionKey())) {
      sessions.missedCutoff(referralId).ifPresent(missed -> notify(missed, task, businessKey));
    }
    if (offeredTo(task, NotificationKind.URGENT_REFERRAL.group())
        && referrals.isUrgent(referralId)) {
      // About the referral, not the task: its first coordinators' task only.
      notify(NotificationKind.URGENT_REFERRAL, referralId.toString(), task, businessKey);
    }
  }

  private void notify(MissedCutoff missed, DelegateTask task, String businessKey) {
    notify(
        NotificationKind.MDT_CUTOFF_MISSED,
        task.getId(),
        task,
        businessKey,
        NotificationTexts.session(missed.missed().startsAt()),
        NotificationTexts.session(missed.missed().registrationCutoffAt()),
        NotificationTexts.session(missed.registered().startsAt()));
  }

  private void notify(
      NotificationKind kind,
      String about,
      DelegateTask task,
      String businessKey,
      Object... details) {
    notifications.open(kind, about, businessKey, task.getId(), task.getName(), details);
  }

  private static boolean offeredTo(DelegateTask task, String group) {
    return task.getCandidates().stream().anyMatch(link -> group.equals(link.getGroupId()));
  }
}
