package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.orders.OrderDispatcher;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_HandleRejectedOrder: send the corrected order again, or take it over by hand (worklist). */
@Component("handleRejectedOrderListener")
class HandleRejectedOrderListener implements TaskListener {

  static final String RESEND = "RESEND";

  private final OrderDispatcher dispatcher;

  HandleRejectedOrderListener(OrderDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public void notify(DelegateTask task) {
    UUID orderId = UUID.fromString(Variables.string(task, PathwayVariables.ORDER_ID));
    if (RESEND.equals(Variables.string(task, "rejectionAction"))) {
      dispatcher.resend(orderId);
    } else {
      dispatcher.handOverToWorklist(orderId);
    }
  }
}
