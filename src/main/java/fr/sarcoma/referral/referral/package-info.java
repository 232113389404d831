/**
 * The referral and patient records, the intake API and a referral's status view (with its orders, read
 * from orders, and its open tasks), and the log of milestones. It does not start the process: it publishes
 * {@link ReferralRegistered} (the pathway starts the process, in the same transaction), {@link MilestoneRecorded}
 * and {@link ReferralClosed} (insight keeps its read model from them).
 */
@ApplicationModule(
    allowedDependencies = {"platform", "platform :: web", "orders"},
    displayName = "Referral intake")
package fr.sarcoma.referral.referral;

import org.springframework.modulith.ApplicationModule;
