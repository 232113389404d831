package fr.sarcoma.referral.orders;

import java.util.UUID;

/**
 * The appointment of an order handled by hand was recorded (or changed). Published in the transaction that
 * stored it: the pathway moves an order waiting for its booking on, unless the booking is that task's own
 * ({@link Channel#TASKLIST}).
 */
public record ExamScheduled(UUID orderId, UUID referralId, Channel channel) {}
