package fr.sarcoma.referral.pathway;

import java.util.Date;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import fr.sarcoma.referral.mdt.CaseMovedToSession;
import fr.sarcoma.referral.mdt.MdtSession;
import fr.sarcoma.referral.platform.EngineAuthentication;

/**
 * The process waits for the session its case is on (TimerEvent_MdtSession) and rolls the case over
 * when the session ends without a decision (BoundaryEvent_MdtSessionOver). When a coordinator moves
 * the case, or cancels its session, the waiting timer follows, in the same transaction.
 */
@Component
class MdtSessionWait {

  static final String SESSION_TIMER = "TimerEvent_MdtSession";
  static final String SESSION_ENDS_AT = "mdtSessionEndsAt";

  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private final EngineAuthentication engineAuthentication;

  MdtSessionWait(RuntimeService runtimeService, ManagementService managementService,
      EngineAuthentication engineAuthentication) {
    this.runtimeService = runtimeService;
    this.managementService = managementService;
    this.engineAuthentication = engineAuthentication;
  }

  static void waitFor(DelegateExecution execution, MdtSession session) {
    execution.setVariable(PathwayVariables.MDT_SESSION_AT, Date.from(session.startsAt()));
    execution.setVariable(SESSION_ENDS_AT, Date.from(session.endsAt()));
  }

  @EventListener
  void caseMoved(CaseMovedToSession moved) {
    engineAuthentication.asSystem(() -> {
      for (ProcessInstance instance : runtimeService.createProcessInstanceQuery()
          .processDefinitionKey(PathwayVariables.PROCESS_ID)
          .variableValueEquals(PathwayVariables.REFERRAL_ID, moved.referralId().toString()).list()) {
        reschedule(instance.getId(), moved.session());
      }
      return null;
    });
  }

  private void reschedule(String processInstanceId, MdtSession session) {
    runtimeService.setVariable(processInstanceId, PathwayVariables.MDT_SESSION_AT, Date.from(session.startsAt()));
    runtimeService.setVariable(processInstanceId, SESSION_ENDS_AT, Date.from(session.endsAt()));
    Job timer = managementService.createJobQuery().processInstanceId(processInstanceId).activityId(SESSION_TIMER)
        .timers().singleResult();
    if (timer != null) {
      managementService.setJobDuedate(timer.getId(), Date.from(session.startsAt()));
    }
  }

}
