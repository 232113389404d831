package fr.sarcoma.referral.notification;

import fr.sarcoma.referral.security.AccountLocked;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An account locked for a while after too many wrong passwords in a row: the administrators ({@code camunda-admin}
 * members with an e-mail) are told, in the transaction of the failed check, once per lock. The account and the end of
 * the lock, never the password tried.
 */
@Component
class AccountLockedListener {

  private static final int ABOUT_LENGTH = 64;

  private final Notifications notifications;

  AccountLockedListener(Notifications notifications) {
    this.notifications = notifications;
  }

  @EventListener
  void locked(AccountLocked lock) {
    String about = lock.lockedUntil().getEpochSecond() + ":" + lock.userId();
    notifications.alert(
        NotificationKind.ACCOUNT_LOCKED,
        about.length() > ABOUT_LENGTH ? about.substring(0, ABOUT_LENGTH) : about,
        lock.userId(),
        lock.wrongPasswords(),
        NotificationTexts.session(lock.lockedUntil()));
  }
}
