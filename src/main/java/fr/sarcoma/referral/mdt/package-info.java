/**
 * The sarcoma MDT: sessions and registration (M1), decisions and quorum (M2-M4), the operating surgeon's
 * approach, and the biopsy gate (S3, {@link BiopsyGate}): its evidence is the MDT's decision and the surgeon's
 * approach (plus the characterisation report, read from orders), so the gate lives here and the order service
 * calls it through its {@code BiopsyOrderGuard} port.
 */
@ApplicationModule(
    allowedDependencies = {"platform", "platform :: web", "referral", "orders"},
    displayName = "MDT")
package fr.sarcoma.referral.mdt;

import org.springframework.modulith.ApplicationModule;
