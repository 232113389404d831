/**
 * The models' Java side: thin delegates and listeners of SarcomaReferralProcess and ExamOrderProcess, the
 * variables' names, service levels, the form contract (form/). It sits above the feature modules and calls their
 * services; it starts the process on {@code ReferralRegistered} and correlates a result on
 * {@code ExamResultRecorded}, both synchronously in the publisher's transaction.
 */
@ApplicationModule(
    allowedDependencies = {"platform", "platform :: web", "referral", "orders", "mdt", "letter"},
    displayName = "Pathway")
package fr.sarcoma.referral.pathway;

import org.springframework.modulith.ApplicationModule;
