package fr.sarcoma.referral.letter;

import java.util.UUID;

/**
 * A letter the secure e-mail did not deliver to one recipient ({@link DeliveryStatus#REFUSED} by the relay, or
 * {@link DeliveryStatus#FAILED} after every attempt): published, in the transaction that records it, once the
 * coordinators' task "Courrier non remis" exists. No patient in it: the referral's number, the letter's kind, the
 * recipient's role.
 *
 * @param taskId the coordinators' Tasklist task (a standalone task, see {@code LetterDeliveryTasks})
 * @param taskName its title, as Tasklist shows it
 * @param letterKind the letter's kind (OUTCOME, MDT_DECISION, PRIOR_PROCEDURE_MATERIAL, DIAGNOSIS)
 * @param recipientRole REFERRING_PHYSICIAN or GENERAL_PRACTITIONER
 */
public record LetterNotDelivered(
    UUID deliveryId,
    String taskId,
    String taskName,
    String businessKey,
    String letterKind,
    String recipientRole,
    DeliveryStatus status) {}
