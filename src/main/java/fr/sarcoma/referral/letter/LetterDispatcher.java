package fr.sarcoma.referral.letter;

import fr.sarcoma.referral.letter.LetterDeliveries.Delivery;
import fr.sarcoma.referral.platform.OutgoingMail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each letter of the delivery outbox once, by secure e-mail through the configured relay. Each row is
 * sent in its own transaction that holds the row's lock for the whole send and marks it SENT before
 * committing: a second node skips a row being sent, and finds it SENT afterwards; a node that dies mid-send
 * leaves the row PENDING (its transaction rolled back), and the next run sends it once. A temporary failure
 * (relay down, 4xx) is tried again with an exponential backoff until {@code max-attempts} (then FAILED); a
 * permanent refusal (5xx) is REFUSED at once. Logs name the delivery and the referral number, never the patient.
 */
@Service
public class LetterDispatcher {

  private static final Logger log = LoggerFactory.getLogger(LetterDispatcher.class);

  private final LetterDeliveries deliveries;
  private final LetterMailer mailer;
  private final LetterDeliveryTasks people;
  private final ObjectProvider<JavaMailSender> relay;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final int maxAttempts;
  private final Duration firstRetry;
  private final int batch;

  LetterDispatcher(
      LetterDeliveries deliveries,
      LetterMailer mailer,
      LetterDeliveryTasks people,
      ObjectProvider<JavaMailSender> relay,
      ApplicationEventPublisher events,
      TransactionTemplate transactions,
      Clock clock,
      @Value("${sarcoma.letters.delivery.max-attempts:6}") int maxAttempts,
      @Value("${sarcoma.letters.delivery.first-retry:PT1M}") Duration firstRetry,
      @Value("${sarcoma.letters.delivery.batch:20}") int batch) {
    this.deliveries = deliveries;
    this.mailer = mailer;
    this.people = people;
    this.relay = relay;
    this.events = events;
    this.transactions = transactions;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    this.firstRetry = firstRetry;
    this.batch = batch;
  }

  /** Whether letters go by e-mail at all: without a relay ({@code spring.mail.host}), they are printed. */
  public boolean relayConfigured() {
    return relay.getIfAvailable() != null;
  }

  @Scheduled(
      fixedDelayString = "${sarcoma.letters.delivery.poll:PT30S}",
      initialDelayString = "${sarcoma.letters.delivery.poll:PT30S}")
  public void deliverDue() {
    deliverDue(clock.instant());
  }

  /** Sends every row due at {@code now}; returns how many were sent. */
  int deliverDue(Instant now) {
    JavaMailSender sender = relay.getIfAvailable();
    if (sender == null) {
      return 0;
    }
    int sent = 0;
    for (UUID id : deliveries.due(now, batch)) {
      Boolean done = transactions.execute(status -> deliver(sender, id, now));
      if (Boolean.TRUE.equals(done)) {
        sent++;
      }
    }
    return sent;
  }

  private boolean deliver(JavaMailSender sender, UUID id, Instant now) {
    Delivery delivery = deliveries.lock(id).orElse(null);
    if (delivery == null || delivery.status() != DeliveryStatus.PENDING) {
      // Another node is sending it, or has just sent it.
      return false;
    }
    try {
      sender.send(mailer.message(sender, delivery));
      deliveries.sent(id, clock.instant());
      log.info("Letter delivery {} ({}) sent", id, delivery.businessKey());
      return true;
    } catch (MailException failure) {
      OutgoingMail.Failure answer = OutgoingMail.Failure.of(failure);
      String reason = answer.reason();
      int attempts = delivery.attempts() + 1;
      if (answer.permanent()) {
        deliveries.failed(id, DeliveryStatus.REFUSED, null, reason);
        handOver(delivery, DeliveryStatus.REFUSED, reason);
        log.warn("Letter delivery {} ({}) refused: {}", id, delivery.businessKey(), reason);
      } else if (attempts >= maxAttempts) {
        deliveries.failed(id, DeliveryStatus.FAILED, null, reason);
        handOver(delivery, DeliveryStatus.FAILED, reason);
        log.warn(
            "Letter delivery {} ({}) failed after {} attempts: {}",
            id,
            delivery.businessKey(),
            attempts,
            reason);
      } else {
        Instant next = now.plus(backoff(attempts));
        deliveries.failed(id, DeliveryStatus.PENDING, next, reason);
        log.info(
            "Letter delivery {} ({}) attempt {} failed, next at {}: {}",
            id,
            delivery.businessKey(),
            attempts,
            next,
            reason);
      }
      return false;
    }
  }

  /**
   * Not delivered: a coordinator's task, in the transaction that records it, and {@link LetterNotDelivered} (the
   * notification module tells the coordinators by e-mail).
   */
  private void handOver(Delivery delivery, DeliveryStatus status, String reason) {
    String taskId =
        people.open(
            delivery.id(),
            delivery.letterId(),
            delivery.businessKey(),
            delivery.recipientRole(),
            delivery.recipientName(),
            status,
            reason);
    events.publishEvent(
        new LetterNotDelivered(
            delivery.id(),
            taskId,
            LetterDeliveryTasks.name(status, delivery.businessKey()),
            delivery.businessKey(),
            delivery.kind(),
            delivery.recipientRole(),
            status));
  }

  /** first-retry, doubled after each failed attempt: 1, 2, 4, 8... minutes by default. */
  Duration backoff(int failedAttempts) {
    return firstRetry.multipliedBy(1L << Math.min(failedAttempts - 1, 16));
  }
}
