package fr.sarcoma.referral.orders;

import java.util.UUID;

/**
 * An order was written (once per order): published in the transaction that wrote it, with its outbox
 * entry. The audit records it in the referral's trail.
 */
public record OrderPlaced(UUID orderId, UUID referralId, Modality modality) {}
