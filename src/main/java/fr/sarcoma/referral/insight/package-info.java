/**
 * Managers' cycle times and compliance (JSON, CSV, dashboard, Prometheus) and each user task's times
 * (tasktime/). Its read model, pathway_timeline, is its own: {@link PathwayTimeline} keeps it from the events of
 * the modules below (ReferralRegistered, MilestoneRecorded, ExamResultRecorded, ReferralClosed) and publishes
 * {@link MilestonePassed} the first time a referral passes a step.
 */
@ApplicationModule(
    allowedDependencies = {"platform", "platform :: web", "referral", "orders", "pathway"},
    displayName = "Insight")
package fr.sarcoma.referral.insight;

import org.springframework.modulith.ApplicationModule;
