package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.mdt.CaseMovedToSession;
import fr.sarcoma.referral.mdt.MdtSession;
import fr.sarcoma.referral.mdt.SessionWait;
import fr.sarcoma.referral.platform.EngineAuthentication;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The process waits for the session its case is on (TimerEvent_MdtSession) and rolls the case over
 * when the session ends without a decision (BoundaryEvent_MdtSessionOver). When a coordinator moves
 * the case, or cancels its session, the waiting timer follows, in the same transaction. A case waits
 * for its session while it is prepared (Task_PrepareMdtCase) and at the session timer; nowhere else
 * can it be moved.
 */
@Component
class MdtSessionWait implements SessionWait {

  static final String SESSION_TIMER = "TimerEvent_MdtSession";
  static final String SESSION_ENDS_AT = "mdtSessionEndsAt";
  static final Set<String> WAITING_FOR_SESSION = Set.of("Task_PrepareMdtCase", SESSION_TIMER);

  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private final EngineAuthentication engineAuthentication;

  MdtSessionWait(
      RuntimeService runtimeService,
      ManagementService managementService,
      EngineAuthentication engineAuthentication) {
    this.runtimeService = runtimeService;
    this.managementService = managementService;
    this.engineAuthentication = engineAuthentication;
  }

  static void waitFor(DelegateExecution execution, MdtSession session) {
    execution.setVariable(PathwayVariables.MDT_SESSION_AT, Date.from(session.startsAt()));
    execution.setVariable(SESSION_ENDS_AT, Date.from(session.endsAt()));
  }

  @Override
  public boolean waitsForSession(UUID referralId) {
    return engineAuthentication.asSystem(
        () ->
            pathwaysOf(referralId).stream()
                .anyMatch(
                    instance ->
                        runtimeService.getActiveActivityIds(instance.getId()).stream()
                            .anyMatch(WAITING_FOR_SESSION::contains)));
  }

  @EventListener
  void caseMoved(CaseMovedToSession moved) {
    engineAuthentication.asSystem(
        () -> {
          for (ProcessInstance instance : pathwaysOf(moved.referralId())) {
            reschedule(instance.getId(), moved.session());
          }
          return null;
        });
  }

  private List<ProcessInstance> pathwaysOf(UUID referralId) {
    return runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey(PathwayVariables.PROCESS_ID)
        .variableValueEquals(PathwayVariables.REFERRAL_ID, referralId.toString())
        .list();
  }

  private void reschedule(String processInstanceId, MdtSession session) {
    runtimeService.setVariable(
        processInstanceId, PathwayVariables.MDT_SESSION_AT, Date.from(session.startsAt()));
    runtimeService.setVariable(processInstanceId, SESSION_ENDS_AT, Date.from(session.endsAt()));
    Job timer =
        managementService
            .createJobQuery()
            .processInstanceId(processInstanceId)
            .activityId(SESSION_TIMER)
            .timers()
            .singleResult();
    if (timer != null) {
      managementService.setJobDuedate(timer.getId(), Date.from(session.startsAt()));
    }
  }
}
