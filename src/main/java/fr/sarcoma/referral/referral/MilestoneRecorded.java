package fr.sarcoma.referral.referral;

import java.time.Instant;
import java.util.UUID;

/**
 * A referral passed a step of the pathway (or an event logged beside its steps), recorded in its log. Insight
 * keeps its read model (pathway_timeline) from these, in the same transaction.
 */
public record MilestoneRecorded(UUID referralId, String name, Instant at) {}
