/**
 * The patient's file as a clinician reads it on a task (Tasklist's card and "Dossier" tab) or from the patient
 * search: identity, presentation, exams with their reports, MDT decisions, the session and the question
 * put to the MDT, the surgeon's approach, letters, milestones, open tasks (with the order each order's
 * task is about). Every read of a patient's file goes through {@link PatientFiles}, and every search of
 * a patient (by name, IPP, birth date, referral number; the intake's check for a known patient) through {@link
 * PatientSearch}, both behind need-to-know and the read audit (platform's {@code PatientReads},
 * implemented by the audit module).
 */
@ApplicationModule(
    allowedDependencies = {"platform", "platform :: web", "referral", "orders", "mdt", "letter"},
    displayName = "Patient file")
package fr.sarcoma.referral.dossier;

import org.springframework.modulith.ApplicationModule;
