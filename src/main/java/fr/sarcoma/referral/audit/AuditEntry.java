package fr.sarcoma.referral.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One row of the audit trail. {@code door}: {@code api}, {@code tasklist-plugin}, {@code agenda},
 * {@code letter}, {@code engine-rest}, {@code engine-history}, {@code webapp} or {@code system};
 * {@code reason}: the need-to-know rule that allowed a read ({@code NO_RULE} when refused), or what
 * allowed an action (docs/security.md).
 */
record AuditEntry(
    UUID id,
    Instant at,
    String actor,
    List<String> actorGroups,
    AuditAction action,
    UUID referralId,
    String door,
    String reason,
    String detail) {}
