package fr.sarcoma.referral.pathway;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.sarcoma.referral.imaging.BiopsyGateClosedException;
import fr.sarcoma.referral.imaging.ExamOrder;
import fr.sarcoma.referral.imaging.ExamOrderService;

/** ServiceTask_PlaceOrder: one order per ExamOrderProcess instance; a closed S3 gate is a business outcome. */
@Component("placeOrderDelegate")
class PlaceOrderDelegate implements JavaDelegate {

  private final ExamOrderService orders;

  PlaceOrderDelegate(ExamOrderService orders) {
    this.orders = orders;
  }

  @Override
  public void execute(DelegateExecution execution) {
    try {
      ExamOrder order = orders.place(Variables.referralId(execution),
          Variables.string(execution, PathwayVariables.MODALITY), Variables.string(execution, PathwayVariables.URGENCY),
          execution.getProcessInstanceId());
      execution.setVariable(PathwayVariables.ORDER_ID, order.id().toString());
    } catch (BiopsyGateClosedException refused) {
      throw new BpmnError(PathwayVariables.ERROR_BIOPSY_GATE_CLOSED, refused.getMessage());
    }
  }
}
