/**
 * E-mails that tell a group that a task of theirs needs them now: a new urgent referral, an exam overdue, a case
 * that missed the MDT's registration cutoff, a letter the secure e-mail did not deliver. Each goes to the members of
 * the group (their e-mail in the engine's identity store) with the referral's number and a link to the Tasklist task,
 * never the patient. The triggers are thin listeners: the engine's task-created events (Spring eventing of the
 * Camunda starter) and letter's {@code LetterNotDelivered}; each message is a row of the outbox {@code notification},
 * written in the trigger's transaction, sent once by {@link NotificationDispatcher} through the network's SMTP relay
 * ({@code spring.mail.*}). Without a relay nothing is written: Tasklist shows the tasks. The administrators are
 * told the same way, with no task, of an account locked after too many wrong passwords (security's
 * {@code AccountLocked}).
 */
@ApplicationModule(
    allowedDependencies = {"platform", "referral", "mdt", "letter", "pathway", "security"},
    displayName = "Notifications")
package fr.sarcoma.referral.notification;

import org.springframework.modulith.ApplicationModule;
