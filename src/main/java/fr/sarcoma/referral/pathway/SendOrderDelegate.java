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
