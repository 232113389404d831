package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.orders.OrderDispatcher;
import fr.sarcoma.referral.orders.OrderRejectedException;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_SendOrder: the order leaves (FHIR, or the worklist). A receiver that is down fails
 * the job, which retries with backoff and then becomes an incident in Cockpit; a refusal (4xx) is a
 * business outcome for a coordinator.
 *
 * <p>Why order sends cannot starve the other jobs (issue 15): a send holds a job executor thread at
 * most the FHIR client's connect + read timeouts (sarcoma.fhir.*, 3 s + 10 s), then fails and waits
 * at least 5 s for its retry; and its job has a lower priority (camunda:jobPriority -10) than every
 * other job (0), with the engine acquiring by priority (job-executor-acquire-by-priority): while
 * another job is due, no send is acquired before it (FhirOrderIT proves it on the acquisition query).
 * So a pathway step waits at most for one send in progress, never behind a queue of them. A cap on
 * concurrent sends was not chosen: a send over the cap would either wait for a permit on its
 * thread, the very starvation to avoid, or fail the job and spend a retry with no attempt made.
 */
@Component("sendOrderDelegate")
class SendOrderDelegate implements JavaDelegate {

  static final String ERROR_ORDER_REJECTED = "ORDER_REJECTED";

  private final OrderDispatcher dispatcher;

  SendOrderDelegate(OrderDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public void execute(DelegateExecution execution) {
    try {
      dispatcher.dispatch(UUID.fromString(Variables.string(execution, PathwayVariables.ORDER_ID)));
    } catch (OrderRejectedException rejected) {
      throw new BpmnError(ERROR_ORDER_REJECTED, rejected.getMessage());
    }
  }
}
