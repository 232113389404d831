package fr.sarcoma.referral.notification;

import fr.sarcoma.referral.letter.LetterNotDelivered;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A letter the secure e-mail did not deliver (refused, or every attempt failed): the coordinators are told, with
 * the link to their "Courrier non remis" task, in the transaction that opened it.
 */
@Component
class LetterNotDeliveredListener {

  private final Notifications notifications;
  private final NotificationTexts texts;

  LetterNotDeliveredListener(Notifications notifications, NotificationTexts texts) {
    this.notifications = notifications;
    this.texts = texts;
  }

  @EventListener
  void notDelivered(LetterNotDelivered letter) {
    notifications.open(
        NotificationKind.LETTER_NOT_DELIVERED,
        letter.taskId(),
        letter.businessKey(),
        letter.taskId(),
        letter.taskName(),
        texts.label("letterKind.", letter.letterKind()),
        texts.label("recipientRole.", letter.recipientRole()),
        texts.label("deliveryStatus.", letter.status().name()));
  }
}
