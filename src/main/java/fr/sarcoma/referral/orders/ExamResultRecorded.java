package fr.sarcoma.referral.orders;

import java.time.Instant;
import java.util.UUID;

/**
 * A result of one of our orders was stored (the first delivery only). Published in the transaction that stored
 * it: the pathway correlates its waiting order with it (unless it was entered in the order's own Tasklist task,
 * {@link Channel#TASKLIST}), insight records the chest CT (X1).
 */
public record ExamResultRecorded(
    UUID orderId, UUID referralId, Modality modality, Instant receivedAt, Channel channel) {}
