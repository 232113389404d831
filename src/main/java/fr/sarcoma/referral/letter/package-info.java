/**
 * Letters to the referring physician (after triage, the MDT's decision, the pathway's outcome) as PDF,
 * from the referral's record and the MDT's decision, and their delivery by secure e-mail; a letter not delivered
 * is published as {@link LetterNotDelivered} (the notification module tells the coordinators).
 */
@ApplicationModule(
    allowedDependencies = {"platform", "platform :: web", "referral", "mdt"},
    displayName = "Letters")
package fr.sarcoma.referral.letter;

import org.springframework.modulith.ApplicationModule;
