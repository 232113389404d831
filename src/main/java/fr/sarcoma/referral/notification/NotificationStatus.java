package fr.sarcoma.referral.notification;

/** Where one notification stands (see {@link NotificationDispatcher}). */
enum NotificationStatus {
  /** To send, at its next attempt. */
  PENDING,
  /** Accepted by the relay. */
  SENT,
  /** Refused by the relay (5xx), or every attempt failed: not sent (the task is in Tasklist all the same). */
  FAILED
}
