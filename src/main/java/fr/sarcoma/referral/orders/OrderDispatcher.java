package fr.sarcoma.referral.orders;

import fr.sarcoma.referral.orders.OrderOutbox.Entry;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends each order of the outbox once. The entry is locked for the whole delivery, so two
 * dispatchers (two application nodes) racing on one order send it once; and the receiver
 * deduplicates on the order identifier, so a delivery repeated after a crash between sending and
 * committing creates nothing new there either.
 */
@Service
public class OrderDispatcher {

  public enum Outcome {
    SENT,
    WORKLIST,
    ALREADY_DISPATCHED
  }

  private final OrderOutbox outbox;
  private final ExamOrderRepository orders;
  private final ObjectProvider<OrderTransport> transport;
  private final Clock clock;

  OrderDispatcher(
      OrderOutbox outbox,
      ExamOrderRepository orders,
      ObjectProvider<OrderTransport> transport,
      Clock clock) {
    this.outbox = outbox;
    this.orders = orders;
    this.transport = transport;
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
    outbox.attempt(orderId);
    ExamOrder order = orders.find(orderId).orElseThrow();
    try {
      String reference = receiver.deliver(order);
      outbox.processed(orderId, OrderStatus.SENT, null, clock.instant());
      orders.updateStatus(orderId, OrderStatus.SENT, reference);
      return Outcome.SENT;
    } catch (OrderRejectedException rejected) {
      outbox.processed(orderId, OrderStatus.REJECTED, rejected.getMessage(), clock.instant());
      orders.updateStatus(orderId, OrderStatus.REJECTED, null);
      throw rejected;
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
    outbox.processed(orderId, OrderStatus.WORKLIST, null, clock.instant());
    orders.updateStatus(orderId, OrderStatus.WORKLIST, null);
  }
}
