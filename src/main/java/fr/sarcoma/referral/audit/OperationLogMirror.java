package fr.sarcoma.referral.audit;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * The engine's user operation log (what a logged-in user did through the engine: an instance modified,
 * a variable set or removed, a task claimed or assigned, a job retried...) mirrored into the audit
 * trail, one row per operation, in the engine's transaction, with the referral of its process
 * instance, so that one query answers "who touched this patient's pathway". Completing a task is
 * recorded by {@link ActionAudit} (with or without a logged-in user), not twice here.
 */
class OperationLogMirror implements HistoryEventHandler {

  private final AuditTrail trail;
  private final Callers callers;
  private final ProcessReferrals processes;

  OperationLogMirror(AuditTrail trail, Callers callers, ProcessReferrals processes) {
    this.trail = trail;
    this.callers = callers;
    this.processes = processes;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (!(event instanceof UserOperationLogEntryEventEntity entry)
        || entry.getUserId() == null
        || (EntityTypes.TASK.equals(entry.getEntityType())
            && UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(entry.getOperationType()))) {
      return;
    }
    UUID referralId = referralOf(entry.getProcessInstanceId());
    if (referralId == null) {
      referralId = referralOf(entry.getRootProcessInstanceId());
    }
    if (referralId == null) {
      return;
    }
    Caller acting = callers.acting();
    Caller caller =
        acting.userId().equals(entry.getUserId()) ? acting : new Caller(entry.getUserId(), null);
    trail.appendOnce(
        entry.getOperationId(),
        caller,
        action(entry.getEntityType(), entry.getOperationType()),
        referralId,
        Callers.actionDoor(),
        ActionAudit.reasonFor(caller),
        entry.getEntityType() + "." + entry.getOperationType());
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  static AuditAction action(String entityType, String operationType) {
    if (EntityTypes.PROCESS_INSTANCE.equals(entityType)
        && UserOperationLogEntry.OPERATION_TYPE_CREATE.equals(operationType)) {
      return AuditAction.INSTANCE_STARTED;
    }
    if (EntityTypes.VARIABLE.equals(entityType)) {
      return AuditAction.VARIABLE_CHANGED;
    }
    if (EntityTypes.TASK.equals(entityType) || EntityTypes.IDENTITY_LINK.equals(entityType)) {
      return AuditAction.TASK_UPDATED;
    }
    if (EntityTypes.PROCESS_INSTANCE.equals(entityType)
        || EntityTypes.JOB.equals(entityType)
        || EntityTypes.JOB_DEFINITION.equals(entityType)
        || EntityTypes.INCIDENT.equals(entityType)) {
      return AuditAction.INSTANCE_MODIFIED;
    }
    return AuditAction.ENGINE_OPERATION;
  }

  /**
   * The instance's {@code referralId}: from the running instance in this command (it may not be
   * flushed yet), else from the history.
   */
  private UUID referralOf(String processInstanceId) {
    if (processInstanceId == null) {
      return null;
    }
    CommandContext command = Context.getCommandContext();
    UUID running =
        command == null
            ? null
            : command.runWithoutAuthorization(
                () -> {
                  ExecutionEntity instance =
                      command.getExecutionManager().findExecutionById(processInstanceId);
                  return instance == null
                      ? null
                      : ActionAudit.referralId(instance.getVariable(ProcessReferrals.REFERRAL_ID));
                });
    return running != null
        ? running
        : processes.ofProcessInstances(List.of(processInstanceId)).get(processInstanceId);
  }
}
