package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.orders.ExamOrderService;
import org.springframework.stereotype.Component;

/** For {@code Gateway_ReportAlreadyIn}: a result stored before the process waits for it. */
@Component("examReports")
public class ExamReports {

  private final ExamOrderService orders;

  ExamReports(ExamOrderService orders) {
    this.orders = orders;
  }

  public boolean isRecorded(String orderId) {
    return orders.isRecorded(orderId);
  }
}
