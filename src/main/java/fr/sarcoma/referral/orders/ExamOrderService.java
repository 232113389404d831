package fr.sarcoma.referral.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Orders of the pathway (initial imaging, MRI, extension work-up, biopsy) and their results. */
@Service
public class ExamOrderService {

  public enum ResultOutcome {
    RECORDED,
    DUPLICATE
  }

  private final ExamOrderRepository orders;
  private final ExamProtocols protocols;
  private final BiopsyOrderGuard biopsyGate;
  private final OrderOutbox outbox;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ExamOrderService(
      ExamOrderRepository orders,
      ExamProtocols protocols,
      BiopsyOrderGuard biopsyGate,
      OrderOutbox outbox,
      ApplicationEventPublisher events,
      Clock clock) {
    this.orders = orders;
    this.protocols = protocols;
    this.biopsyGate = biopsyGate;
    this.outbox = outbox;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Places the order of one ExamOrderProcess instance, once: a retried or replayed step gets the
   * order already placed. Its outbox entry is written in the same transaction, so an order is
   * never lost between being written and being sent. A biopsy passes the S3 gate first, or nothing is written; the refusal is a
   * business outcome of the process, so it does not doom the engine's transaction.
   */
  @Transactional(noRollbackFor = BiopsyGateClosedException.class)
  public ExamOrder place(
      UUID referralId, Modality modality, String urgency, String examProcessInstanceId) {
    return place(referralId, modality, urgency, null, examProcessInstanceId);
  }

  /** As {@link #place(UUID, Modality, String, String)}, with a variant of the modality's protocol (U1: the operative bed). */
  @Transactional(noRollbackFor = BiopsyGateClosedException.class)
  public ExamOrder place(
      UUID referralId,
      Modality modality,
      String urgency,
      String protocolVariant,
      String examProcessInstanceId) {
    Optional<ExamOrder> placed = orders.findPlacedBy(examProcessInstanceId);
    if (placed.isPresent()) {
      return placed.get();
    }
    if (modality == Modality.BIOPSY) {
      biopsyGate.verify(referralId);
    }
    ExamOrder order =
        ExamOrder.placed(
            referralId,
            modality,
            urgency,
            protocols.protocolFor(modality.name(), protocolVariant),
            clock.instant());
    orders.insert(order, examProcessInstanceId);
    outbox.add(order.id(), order.placedAt());
    events.publishEvent(new OrderPlaced(order.id(), referralId, modality));
    return order;
  }

  /**
   * Stores a result once and publishes {@link ExamResultRecorded}, with the door it came through; a second
   * delivery of a result for the same order changes nothing.
   */
  @Transactional
  public ResultOutcome recordResult(
      UUID orderId, String conclusion, String report, LocalDate performedOn, Channel channel) {
    ExamOrder order =
        orders.findForUpdate(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
    if (order.hasResult()) {
      return ResultOutcome.DUPLICATE;
    }
    Instant receivedAt = clock.instant();
    orders.recordResult(orderId, conclusion, report, performedOn, receivedAt);
    events.publishEvent(
        new ExamResultRecorded(orderId, order.referralId(), order.modality(), receivedAt, channel));
    return ResultOutcome.RECORDED;
  }

  /** The worklist: orders in a status (e.g. WORKLIST for a centre without an order system). */
  public List<ExamOrder> withStatus(OrderStatus status) {
    return orders.withStatus(status);
  }

  /**
   * A coordinator records the appointment of a worklist order: its date and where (établissement, service;
   * may be unknown to an integrator). A booking again replaces the previous one. Publishes {@link
   * ExamScheduled}, with the door it came through.
   */
  @Transactional
  public ExamOrder schedule(
      UUID orderId, LocalDate scheduledFor, String scheduledPlace, Channel channel) {
    ExamOrder order =
        orders.findForUpdate(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
    if (order.hasResult()) {
      throw new OrderAlreadyReportedException(orderId);
    }
    orders.schedule(orderId, scheduledFor, scheduledPlace);
    events.publishEvent(new ExamScheduled(orderId, order.referralId(), channel));
    return orders.find(orderId).orElseThrow();
  }

  public Optional<ExamOrder> findByReceiverReference(String receiverReference) {
    return orders.findByReceiverReference(receiverReference);
  }

  public boolean isRecorded(String orderId) {
    return orders.find(UUID.fromString(orderId)).map(ExamOrder::hasResult).orElse(false);
  }

  /** Whether the coordination handles the order by hand (no order system, or taken over): see {@link ExamOrder#isHandledByHand()}. */
  public boolean isHandledByHand(String orderId) {
    return orders.find(UUID.fromString(orderId)).map(ExamOrder::isHandledByHand).orElse(false);
  }

  /** The order an ExamOrderProcess instance placed, if it has placed one yet: which order its tasks are about. */
  public Optional<UUID> orderPlacedBy(String examProcessInstanceId) {
    return orders.findPlacedBy(examProcessInstanceId).map(ExamOrder::id);
  }

  public List<ExamOrder> ofReferral(UUID referralId) {
    return orders.ofReferral(referralId);
  }

  /**
   * How the sending of each order of a referral went: attempts and the last error, by order id; an
   * order without an entry has {@link OrderDispatch#NONE}.
   */
  public Map<UUID, OrderDispatch> dispatchesOfReferral(UUID referralId) {
    return outbox.ofReferral(referralId);
  }

  public Optional<ExamOrder> find(UUID orderId) {
    return orders.find(orderId);
  }
}
