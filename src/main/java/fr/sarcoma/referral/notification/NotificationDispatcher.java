package fr.sarcoma.referral.notification;

import fr.sarcoma.referral.notification.NotificationOutbox.Notification;
import fr.sarcoma.referral.platform.OutgoingMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each notification of the outbox once, through the relay the letters use ({@code spring.mail.*}), as the
 * letters' dispatcher does: each row in its own transaction that holds the row's lock for the whole send and marks
 * it SENT before committing (a second node skips it; a node that dies mid-send leaves it PENDING, sent again with
 * the same Message-ID, {@code <notification-<id>@rcp-sarcomes>}). A relay down or a temporary 4xx is tried again
 * after first-retry, then twice as long each time, until max-attempts (FAILED); a 5xx refusal is FAILED at once.
 * A notification not sent opens no task: the task it points to is in Tasklist already.
 */
@Service
public class NotificationDispatcher {

  private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

  private final NotificationOutbox outbox;
  private final ObjectProvider<JavaMailSender> relay;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final String from;
  private final int maxAttempts;
  private final Duration firstRetry;
  private final int batch;

  NotificationDispatcher(
      NotificationOutbox outbox,
      ObjectProvider<JavaMailSender> relay,
      TransactionTemplate transactions,
      Clock clock,
      @Value("${sarcoma.notifications.from:${sarcoma.letters.delivery.from:}}") String from,
      @Value("${sarcoma.notifications.max-attempts:6}") int maxAttempts,
      @Value("${sarcoma.notifications.first-retry:PT1M}") Duration firstRetry,
      @Value("${sarcoma.notifications.batch:20}") int batch) {
    this.outbox = outbox;
    this.relay = relay;
    this.transactions = transactions;
    this.clock = clock;
    this.from = from;
    this.maxAttempts = maxAttempts;
    this.firstRetry = firstRetry;
    this.batch = batch;
  }

  @Scheduled(
      fixedDelayString = "${sarcoma.notifications.poll:PT30S}",
      initialDelayString = "${sarcoma.notifications.poll:PT30S}")
  public void sendDue() {
    sendDue(clock.instant());
  }

  /** Sends every row due at {@code now}; returns how many were sent. */
  int sendDue(Instant now) {
    JavaMailSender sender = relay.getIfAvailable();
    if (sender == null) {
      return 0;
    }
    int sent = 0;
    for (UUID id : outbox.due(now, batch)) {
      if (Boolean.TRUE.equals(transactions.execute(status -> send(sender, id, now)))) {
        sent++;
      }
    }
    return sent;
  }

  private boolean send(JavaMailSender sender, UUID id, Instant now) {
    Notification notification = outbox.lock(id).orElse(null);
    if (notification == null || notification.status() != NotificationStatus.PENDING) {
      // Another node is sending it, or has just sent it.
      return false;
    }
    MimeMessage message;
    try {
      message = message(sender, notification);
    } catch (MessagingException unwritable) {
      // A malformed address in the identity store: no attempt will ever do better.
      outbox.failed(id, NotificationStatus.FAILED, null, unwritable.getMessage());
      log.warn(
          "Notification {} {} not writable: {}", id, notification.kind(), unwritable.getMessage());
      return false;
    }
    try {
      sender.send(message);
      outbox.sent(id, clock.instant());
      log.info("Notification {} {} ({}) sent", id, notification.kind(), notification.businessKey());
      return true;
    } catch (MailException failure) {
      OutgoingMail.Failure answer = OutgoingMail.Failure.of(failure);
      int attempts = notification.attempts() + 1;
      if (answer.permanent() || attempts >= maxAttempts) {
        outbox.failed(id, NotificationStatus.FAILED, null, answer.reason());
        log.warn(
            "Notification {} {} ({}) not sent after {} attempt(s): {}",
            id,
            notification.kind(),
            notification.businessKey(),
            attempts,
            answer.reason());
      } else {
        Instant next = now.plus(backoff(attempts));
        outbox.failed(id, NotificationStatus.PENDING, next, answer.reason());
        log.info(
            "Notification {} {} ({}) attempt {} failed, next at {}: {}",
            id,
            notification.kind(),
            notification.businessKey(),
            attempts,
            next,
            answer.reason());
      }
      return false;
    }
  }

  private MimeMessage message(JavaMailSender sender, Notification notification)
      throws MessagingException {
    MimeMessage message =
        OutgoingMail.withMessageId(sender, "<notification-" + notification.id() + "@rcp-sarcomes>");
    MimeMessageHelper mail = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
    if (!from.isBlank()) {
      mail.setFrom(from);
    }
    mail.setTo(notification.email());
    mail.setSubject(notification.subject());
    mail.setText(notification.body());
    return message;
  }

  /** first-retry, doubled after each failed attempt: 1, 2, 4, 8... minutes by default. */
  Duration backoff(int failedAttempts) {
    return firstRetry.multipliedBy(1L << Math.min(failedAttempts - 1, 16));
  }
}
