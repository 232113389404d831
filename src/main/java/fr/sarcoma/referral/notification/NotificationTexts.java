package fr.sarcoma.referral.notification;

import fr.sarcoma.referral.platform.NetworkCalendar;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A notification's French subject and plain-text body ({@code notification.*} in messages_fr.properties): the
 * referral's number, what happened, the task's title and its link in Tasklist, never the patient (no name, IPP or
 * birth date: the referral number is a sequence, SARC-2026-000123). The link opens the task in Tasklist after login:
 * {@code <sarcoma.network.base-url>/camunda/app/tasklist/default/#/?task=<task id>}.
 */
@Component
class NotificationTexts {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE", Locale.FRENCH);
  private static final DateTimeFormatter MONTH_AND_TIME =
      DateTimeFormatter.ofPattern("MMMM uuuu 'à' HH'h'mm", Locale.FRENCH);

  private final MessageSource messages;
  private final String baseUrl;

  NotificationTexts(
      MessageSource messages,
      @Value("${sarcoma.network.base-url:http://localhost:8080}") String baseUrl) {
    this.messages = messages;
    this.baseUrl = baseUrl.strip().replaceAll("/+$", "");
  }

  String subject(NotificationKind kind, String businessKey) {
    return text("notification." + kind + ".subject", businessKey);
  }

  /** {@code details}: the kind's own arguments ({1}, {2}... of its body; {0} is the referral's number). */
  String body(
      NotificationKind kind,
      String businessKey,
      String taskId,
      String taskName,
      Object... details) {
    Object[] arguments = Stream.concat(Stream.of(businessKey), Stream.of(details)).toArray();
    return text("notification." + kind + ".body", arguments)
        + "\n\n"
        + text("notification.task", taskName)
        + "\n"
        + taskLink(taskId)
        + "\n\n"
        + text("notification.footer");
  }

  /** An alert's subject ({@code notification.<kind>.subject}, with the kind's own arguments). */
  String alertSubject(NotificationKind kind, Object... details) {
    return text("notification." + kind + ".subject", details);
  }

  /** An alert's body: the kind's text, then the alerts' footer (no task, no patient in an alert). */
  String alertBody(NotificationKind kind, Object... details) {
    return text("notification." + kind + ".body", details)
        + "\n\n"
        + text("notification.alertFooter");
  }

  String taskLink(String taskId) {
    return baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  /** A French label of the bundle ({@code modality.MRI}, {@code letterKind.OUTCOME}...), or the code itself. */
  String label(String prefix, String code) {
    return code == null ? "" : messages.getMessage(prefix + code, null, code, Locale.FRENCH);
  }

  /**
   * An MDT session's start (or cutoff), as the coordinators read it, Paris time: "jeudi 10 décembre 2026 à 14h00",
   * "mardi 1er décembre 2026 à 14h00".
   */
  static String session(Instant at) {
    ZonedDateTime time = at.atZone(NetworkCalendar.ZONE);
    int day = time.getDayOfMonth();
    return DAY.format(time)
        + " "
        + (day == 1 ? "1er" : String.valueOf(day))
        + " "
        + MONTH_AND_TIME.format(time);
  }

  private String text(String key, Object... arguments) {
    return messages.getMessage(key, arguments, Locale.FRENCH);
  }
}
