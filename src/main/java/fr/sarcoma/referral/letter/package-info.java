/**
 * Letters to the referring physician (after triage, the MDT's decision, the pathway's outcome) as PDF,
 * from the referral's record and the MDT's decision.
 */
@ApplicationModule(
    allowedDependencies = {"platform", "platform :: web", "referral", "mdt"},
    displayName = "Letters")
package fr.sarcoma.referral.letter;

import org.springframework.modulith.ApplicationModule;
