package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.orders.Channel;
import fr.sarcoma.referral.orders.ExamOrderService;
import fr.sarcoma.referral.orders.ExamResultRecorded;
import fr.sarcoma.referral.platform.EngineAuthentication;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves the waiting order on once its result is stored. The result is stored first, so nothing is
 * lost when no process waits yet: the process skips the wait when it gets there
 * ({@code Gateway_ReportAlreadyIn}), and a periodic sweep correlates results that arrived while the
 * process was entering the wait in a concurrent transaction. The orders module does not know the
 * model: it publishes {@link ExamResultRecorded}, and the correlation happens here, synchronously, in the
 * transaction that stored the result (both or neither, as before).
 */
@Component
public class ExamResultCorrelation {

  private static final Logger LOG = LoggerFactory.getLogger(ExamResultCorrelation.class);

  private final RuntimeService runtimeService;
  private final ExamOrderService orders;
  private final EngineAuthentication engineAuthentication;

  ExamResultCorrelation(
      RuntimeService runtimeService,
      ExamOrderService orders,
      EngineAuthentication engineAuthentication) {
    this.runtimeService = runtimeService;
    this.orders = orders;
    this.engineAuthentication = engineAuthentication;
  }

  /**
   * A result entered in the order's own Tasklist task ("Saisir le compte rendu") is not correlated: that task's
   * completion moves the order on, and the message would interrupt the very task being completed.
   */
  @EventListener
  void resultRecorded(ExamResultRecorded recorded) {
    if (recorded.channel() != Channel.TASKLIST) {
      correlate(recorded.orderId().toString());
    }
  }

  /** Correlates the result of this order to its waiting process, if one waits; returns how many moved on. */
  int correlate(String orderId) {
    return engineAuthentication.asSystem(
        () ->
            runtimeService
                .createMessageCorrelation(PathwayVariables.MSG_EXAM_REPORT_RECEIVED)
                .processInstanceVariableEquals(PathwayVariables.ORDER_ID, orderId)
                .correlateAllWithResult()
                .size());
  }

  /** Public for tests that run the sweep rather than wait for it. */
  @Scheduled(fixedDelayString = "${sarcoma.orders.result-sweep-delay:PT1M}")
  public void sweep() {
    for (Execution waiting :
        runtimeService
            .createExecutionQuery()
            .messageEventSubscriptionName(PathwayVariables.MSG_EXAM_REPORT_RECEIVED)
            .list()) {
      Object orderId = runtimeService.getVariable(waiting.getId(), PathwayVariables.ORDER_ID);
      if (orderId != null && orders.isRecorded(orderId.toString())) {
        LOG.info("Correlating the stored result of order {}", orderId);
        correlate(orderId.toString());
      }
    }
  }
}
