package fr.sarcoma.referral.pathway.process;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Stands in for the order service behind ExamOrderProcess: {@code placeOrderDelegate} (sets orderId, or closes the S3
 * gate for a biopsy), {@code sendOrderDelegate} (may reject an order, as a receiver's 4xx does, or hand it to the
 * worklist when there is no order system), {@code handleRejectedOrderListener} (a rejected order taken over by hand)
 * and {@code examReports} (whether an order's report is already in, whether it is handled by hand). No table, no FHIR:
 * only what the model routes on.
 */
public final class FakeOrderSystem {

  static final String GATE_REFUSAL =
      "Biopsie refusée : aucun compte rendu de caractérisation (S3a).";
  static final String RECEIVER_REJECTION = "Code acte inconnu du RIS";

  private final List<String> placedModalities = new ArrayList<>();
  private final Set<String> reportsIn = new HashSet<>();
  private final Set<String> byHand = new HashSet<>();
  private boolean noOrderSystem;
  private int sequence;
  private int sends;
  private int rejectionsLeft;
  private boolean biopsyGateClosed;

  /** The next placed biopsy is refused by the S3 gate, as the order service does when evidence is missing. */
  void closeBiopsyGate() {
    biopsyGateClosed = true;
  }

  /** No order system configured: every order sent goes to the worklist, handled by hand. */
  void withoutOrderSystem() {
    noOrderSystem = true;
  }

  /** The next {@code times} sends are rejected by the receiver. */
  void rejectSends(int times) {
    rejectionsLeft = times;
  }

  /** The report of that order was posted before the process waits for it (stored on the order). */
  void reportArrivedEarly(String orderId) {
    reportsIn.add(orderId);
  }

  List<String> placedModalities() {
    return List.copyOf(placedModalities);
  }

  int sends() {
    return sends;
  }

  JavaDelegate placeOrderDelegate() {
    return this::place;
  }

  JavaDelegate sendOrderDelegate() {
    return this::send;
  }

  private void place(DelegateExecution execution) {
    String modality = (String) execution.getVariable("modality");
    if ("BIOPSY".equals(modality) && biopsyGateClosed) {
      throw new BpmnError("BIOPSY_GATE_CLOSED", GATE_REFUSAL);
    }
    placedModalities.add(modality);
    execution.setVariable("orderId", "ORDER-" + modality + "-" + ++sequence);
  }

  private void send(DelegateExecution execution) {
    sends++;
    if (rejectionsLeft > 0) {
      rejectionsLeft--;
      throw new BpmnError("ORDER_REJECTED", RECEIVER_REJECTION);
    }
    if (noOrderSystem) {
      byHand.add((String) execution.getVariable("orderId"));
    }
  }

  /** {@code handleRejectedOrderListener}: recorded; HANDLE_MANUALLY hands the order over to the worklist. */
  TaskListener handleRejectedOrderListener(TaskListener recorder) {
    return task -> {
      recorder.notify(task);
      if ("HANDLE_MANUALLY".equals(task.getVariable("rejectionAction"))) {
        byHand.add((String) task.getVariable("orderId"));
      }
    };
  }

  /** The {@code examReports} bean: {@code ${examReports.isRecorded(orderId)}}. */
  public boolean isRecorded(String orderId) {
    return reportsIn.contains(orderId);
  }

  /** The {@code examReports} bean: {@code ${examReports.isHandledByHand(orderId)}}. */
  public boolean isHandledByHand(String orderId) {
    return byHand.contains(orderId);
  }
}
