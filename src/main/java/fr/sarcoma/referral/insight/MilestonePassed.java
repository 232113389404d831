package fr.sarcoma.referral.insight;

import java.time.Instant;
import java.util.UUID;

/** A referral passed a step of the pathway for the first time (its column of pathway_timeline was just set). */
public record MilestonePassed(UUID referralId, String name, Instant at) {}
