package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.orders.ExamOrderService;
import org.springframework.stereotype.Component;

/**
 * What ExamOrderProcess routes on, read from the order: a result stored before the process waits for it
 * ({@code Gateway_ReportAlreadyIn}), and an order the coordination handles by hand ({@code
 * Gateway_HandledByHand}: no order system, or taken over after a rejection).
 */
@Component("examReports")
public class ExamReports {

  private final ExamOrderService orders;

  ExamReports(ExamOrderService orders) {
    this.orders = orders;
  }

  public boolean isRecorded(String orderId) {
    return orders.isRecorded(orderId);
  }

  public boolean isHandledByHand(String orderId) {
    return orders.isHandledByHand(orderId);
  }
}
