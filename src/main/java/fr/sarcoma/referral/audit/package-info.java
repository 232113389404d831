/**
 * Need-to-know and the audit trail. {@link NeedToKnow} implements platform's {@code PatientReads}: every
 * screen and API that shows a patient's identity or clinical file asks it first; {@link ReferralAccess}
 * holds the rules (docs/security.md), {@link AuditTrail} the append-only table {@code audit_event} (the
 * database refuses any update or delete of it). The engine's doors are audited too: variable reads
 * through Camunda's REST and webapp APIs ({@link EngineReadAudit}), and what was done (task completed,
 * decision recorded, order placed, an administrator's changes, from the engine's user operation log), and the
 * accounts locked for a while after too many wrong passwords (security's {@code AccountLocked}).
 * Auditors read the trail per referral and per user (JSON, CSV, a French page).
 */
@ApplicationModule(
    allowedDependencies = {"platform", "platform :: web", "referral", "orders", "mdt", "security"},
    displayName = "Audit")
package fr.sarcoma.referral.audit;

import org.springframework.modulith.ApplicationModule;
