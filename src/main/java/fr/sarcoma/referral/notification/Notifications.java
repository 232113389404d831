package fr.sarcoma.referral.notification;

import fr.sarcoma.referral.notification.GroupMailboxes.Mailbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Writes a notification for each member (with an e-mail) of the kind's group, in the caller's transaction: the
 * outbox rows commit with the step that opened the task, or not at all. Without a relay ({@code spring.mail.host})
 * or with {@code sarcoma.notifications.enabled=false}, nothing is written: the tasks are in Tasklist, and no message
 * waits for a relay that may never come. Logs name the kind, the task and the referral number, never the patient.
 */
@Service
class Notifications {

  private static final Logger log = LoggerFactory.getLogger(Notifications.class);

  private final NotificationOutbox outbox;
  private final GroupMailboxes mailboxes;
  private final NotificationTexts texts;
  private final ObjectProvider<JavaMailSender> relay;
  private final Clock clock;
  private final boolean enabled;

  Notifications(
      NotificationOutbox outbox,
      GroupMailboxes mailboxes,
      NotificationTexts texts,
      ObjectProvider<JavaMailSender> relay,
      Clock clock,
      @Value("${sarcoma.notifications.enabled:true}") boolean enabled) {
    this.outbox = outbox;
    this.mailboxes = mailboxes;
    this.texts = texts;
    this.relay = relay;
    this.clock = clock;
    this.enabled = enabled;
  }

  /** Whether notifications are written at all: enabled, and a relay to send them. */
  boolean active() {
    return enabled && relay.getIfAvailable() != null;
  }

  /**
   * The notification of {@code kind} about {@code about} (the task, or the referral for an urgent one), once per
   * recipient, whatever the number of calls.
   *
   * @param details the kind's own arguments of its body ({1}, {2}... in messages_fr.properties)
   */
  void open(
      NotificationKind kind,
      String about,
      String businessKey,
      String taskId,
      String taskName,
      Object... details) {
    if (!active()) {
      return;
    }
    List<Mailbox> recipients;
    String subject;
    String body;
    try {
      recipients = mailboxes.of(kind.group());
      subject = texts.subject(kind, businessKey);
      body = texts.body(kind, businessKey, taskId, taskName, details);
    } catch (RuntimeException unavailable) {
      // The identity store out of reach (a directory behind it), a label missing: the task is in
      // Tasklist, and a
      // notification never holds up the step that opened it.
      log.warn(
          "Notification {} for task {} ({}) not written", kind, taskId, businessKey, unavailable);
      return;
    }
    if (recipients.isEmpty()) {
      log.info(
          "Notification {} for task {} ({}): no member of {} has an e-mail",
          kind,
          taskId,
          businessKey,
          kind.group());
      return;
    }
    long written = write(kind, about, recipients, taskId, businessKey, subject, body);
    if (written > 0) {
      log.info(
          "Notification {} for task {} ({}) to {} member(s) of {}",
          kind,
          taskId,
          businessKey,
          written,
          kind.group());
    }
  }

  /**
   * The alert of {@code kind} about {@code about}, not tied to a task (an account locked), once per recipient
   * whatever the number of calls.
   *
   * @param details the kind's arguments ({0}, {1}... of its subject and body in messages_fr.properties)
   */
  void alert(NotificationKind kind, String about, Object... details) {
    if (!active()) {
      return;
    }
    List<Mailbox> recipients;
    String subject;
    String body;
    try {
      recipients = mailboxes.of(kind.group());
      subject = texts.alertSubject(kind, details);
      body = texts.alertBody(kind, details);
    } catch (RuntimeException unavailable) {
      log.warn("Alert {} about {} not written", kind, about, unavailable);
      return;
    }
    if (recipients.isEmpty()) {
      log.info("Alert {} about {}: no member of {} has an e-mail", kind, about, kind.group());
      return;
    }
    long written = write(kind, about, recipients, null, null, subject, body);
    if (written > 0) {
      log.info("Alert {} about {} to {} member(s) of {}", kind, about, written, kind.group());
    }
  }

  private long write(
      NotificationKind kind,
      String about,
      List<Mailbox> recipients,
      String taskId,
      String businessKey,
      String subject,
      String body) {
    Instant now = clock.instant();
    return recipients.stream()
        .filter(to -> outbox.add(kind, about, to, taskId, businessKey, subject, body, now))
        .count();
  }
}
