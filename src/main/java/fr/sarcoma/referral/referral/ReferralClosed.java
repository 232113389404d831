package fr.sarcoma.referral.referral;

import java.time.Instant;
import java.util.UUID;

/** A referral's pathway ended with this outcome (published once, when the record is closed). */
public record ReferralClosed(UUID referralId, String outcome, Instant at) {}
