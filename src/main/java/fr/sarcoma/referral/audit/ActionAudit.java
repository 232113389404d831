package fr.sarcoma.referral.audit;

import fr.sarcoma.referral.mdt.MdtDecisionRecorded;
import fr.sarcoma.referral.orders.ExamResultRecorded;
import fr.sarcoma.referral.orders.OrderPlaced;
import java.util.UUID;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What was done to a referral's pathway, in its trail: a task completed (a built-in listener on every
 * user task of every model, {@link AuditPlugin}), an MDT decision recorded or corrected, an order placed,
 * a result received. Written in the transaction of the action: an action refused or rolled back leaves
 * no row. The administrators' engine operations come from the engine's own log ({@link
 * OperationLogMirror}).
 */
@Component
class ActionAudit implements TaskListener {

  private final AuditTrail trail;
  private final Callers callers;

  ActionAudit(AuditTrail trail, Callers callers) {
    this.trail = trail;
    this.callers = callers;
  }

  @Override
  public void notify(DelegateTask task) {
    if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
      return;
    }
    UUID referralId = referralId(task.getVariable(ProcessReferrals.REFERRAL_ID));
    if (referralId == null) {
      return;
    }
    Caller caller = callers.acting();
    if (caller == Caller.SYSTEM && task.getAssignee() != null) {
      // Completed through the Java API without a logged-in user: the task's assignee did it.
      caller = new Caller(task.getAssignee(), null);
    }
    record(
        caller,
        AuditAction.TASK_COMPLETED,
        referralId,
        task.getTaskDefinitionKey() + " (tâche " + task.getId() + ")");
  }

  @EventListener
  void decisionRecorded(MdtDecisionRecorded recorded) {
    Caller caller = callers.acting();
    record(
        caller == Caller.SYSTEM ? new Caller(recorded.recordedBy(), null) : caller,
        recorded.isCorrection() ? AuditAction.DECISION_CORRECTED : AuditAction.DECISION_RECORDED,
        recorded.referralId(),
        "décision " + recorded.decisionId() + " version " + recorded.version());
  }

  @EventListener
  void orderPlaced(OrderPlaced placed) {
    record(
        callers.acting(),
        AuditAction.ORDER_PLACED,
        placed.referralId(),
        "demande d'examen " + placed.orderId() + " " + placed.modality());
  }

  @EventListener
  void resultRecorded(ExamResultRecorded recorded) {
    record(
        callers.acting(),
        AuditAction.RESULT_RECORDED,
        recorded.referralId(),
        "résultat de l'examen " + recorded.orderId() + " " + recorded.modality());
  }

  private void record(Caller caller, AuditAction action, UUID referralId, String detail) {
    trail.append(caller, action, referralId, Callers.actionDoor(), reasonFor(caller), detail);
  }

  /**
   * What allowed an action: the system's own work, an administrator's repair, or the permission the
   * user's groups hold (a task's candidate group, the MDT chairs' right to correct...).
   */
  static String reasonFor(Caller caller) {
    if (caller == Caller.SYSTEM) {
      return "SYSTEM";
    }
    return caller.in(Groups.CAMUNDA_ADMIN) ? "ADMIN_REPAIR" : "GROUP_PERMISSION";
  }

  static UUID referralId(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return UUID.fromString(value.toString());
    } catch (IllegalArgumentException notAReferral) {
      return null;
    }
  }
}
