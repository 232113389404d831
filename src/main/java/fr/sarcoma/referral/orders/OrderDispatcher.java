package fr.sarcoma.referral.orders;

import fr.sarcoma.referral.orders.OrderOutbox.Entry;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each order of the outbox once. The entry is locked for the whole delivery, so two
 * dispatchers (two application nodes) racing on one order send it once; and the receiver
 * deduplicates on the order identifier, so a delivery repeated after a crash between sending and
 * committing creates nothing new there either.
 *
 * <p>Every attempt is counted on the entry with its outcome (issue 15). A failed one (receiver down,
 * timed out, 5xx) fails the job, whose transaction rolls back: it is recorded afterwards, in a
 * transaction of its own, once the job's has rolled back and released the entry's lock (a new
 * transaction while the job's still holds the lock would wait on it for ever).
 */
@Service
public class OrderDispatcher {

  private static final Logger log = LoggerFactory.getLogger(OrderDispatcher.class);

  public enum Outcome {
    SENT,
    WORKLIST,
    ALREADY_DISPATCHED
  }

  private final OrderOutbox outbox;
  private final ExamOrderRepository orders;
  private final ObjectProvider<OrderTransport> transport;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  OrderDispatcher(
      OrderOutbox outbox,
      ExamOrderRepository orders,
      ObjectProvider<OrderTransport> transport,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.outbox = outbox;
    this.orders = orders;
    this.transport = transport;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /** A rejection is recorded (and the process told), not rolled back. */
  @Transactional(noRollbackFor = OrderRejectedException.class)
  public Outcome dispatch(UUID orderId) {
    Entry entry = outbox.lock(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
    if (!OrderOutbox.PENDING.equals(entry.status())) {
      return Outcome.ALREADY_DISPATCHED;
    }
    OrderTransport receiver = transport.getIfAvailable();
    if (receiver == null) {
      toWorklist(orderId);
      return Outcome.WORKLIST;
    }
    ExamOrder order = orders.find(orderId).orElseThrow();
    try {
      String reference = receiver.deliver(order);
      outbox.delivered(orderId, OrderStatus.SENT, null, clock.instant());
      orders.updateStatus(orderId, OrderStatus.SENT, reference);
      return Outcome.SENT;
    } catch (OrderRejectedException rejected) {
      outbox.delivered(orderId, OrderStatus.REJECTED, rejected.getMessage(), clock.instant());
      orders.updateStatus(orderId, OrderStatus.REJECTED, null);
      throw rejected;
    } catch (RuntimeException failed) {
      recordFailureAfterRollback(orderId, failed, clock.instant());
      throw failed;
    }
  }

  /** After a rejection: a coordinator corrected the order and sends it again. */
  @Transactional
  public void resend(UUID orderId) {
    outbox.resend(orderId);
    orders.updateStatus(orderId, OrderStatus.PLACED, null);
  }

  /** After a rejection, or for a department outside the order system: handled by hand. */
  @Transactional
  public void handOverToWorklist(UUID orderId) {
    toWorklist(orderId);
  }

  private void toWorklist(UUID orderId) {
    outbox.processed(orderId, OrderStatus.WORKLIST, clock.instant());
    orders.updateStatus(orderId, OrderStatus.WORKLIST, null);
  }

  /**
   * The failure leaves with the exception and the job's transaction (and this one, which it joins)
   * rolls back: the attempt is written once that transaction has completed, in a new one, so it
   * survives the rollback and finds the entry's lock released.
   */
  private void recordFailureAfterRollback(UUID orderId, RuntimeException failure, Instant at) {
    String error =
        failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            try {
              ownTransaction.executeWithoutResult(done -> outbox.failed(orderId, error, at));
            } catch (RuntimeException notRecorded) {
              // The job fails and retries anyway; only the record of this attempt is missing.
              log.warn("Failed attempt to send order {} not recorded", orderId, notRecorded);
            }
          }
        });
  }
}
