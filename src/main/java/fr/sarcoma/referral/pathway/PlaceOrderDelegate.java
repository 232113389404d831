package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.orders.BiopsyGateClosedException;
import fr.sarcoma.referral.orders.ExamOrder;
import fr.sarcoma.referral.orders.ExamOrderService;
import fr.sarcoma.referral.orders.Modality;
import fr.sarcoma.referral.referral.Milestones;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_PlaceOrder: one order per ExamOrderProcess instance; a closed S3 gate is a business outcome. */
@Component("placeOrderDelegate")
class PlaceOrderDelegate implements JavaDelegate {

  private final ExamOrderService orders;
  private final Milestones milestones;

  PlaceOrderDelegate(ExamOrderService orders, Milestones milestones) {
    this.orders = orders;
    this.milestones = milestones;
  }

  @Override
  public void execute(DelegateExecution execution) {
    try {
      ExamOrder order =
          orders.place(
              Variables.referralId(execution),
              Modality.of(Variables.string(execution, PathwayVariables.MODALITY)),
              Variables.string(execution, PathwayVariables.URGENCY),
              Variables.string(execution, PathwayVariables.PROTOCOL_VARIANT),
              execution.getProcessInstanceId());
      execution.setVariable(PathwayVariables.ORDER_ID, order.id().toString());
      if (order.isBiopsy()) {
        // Once the S3 gate let the order through, not when the model merely reached the step.
        milestones.record(order.referralId(), "BIOPSY_ORDERED");
      }
    } catch (BiopsyGateClosedException refused) {
      throw new BpmnError(PathwayVariables.ERROR_BIOPSY_GATE_CLOSED, refused.getMessage());
    }
  }
}
