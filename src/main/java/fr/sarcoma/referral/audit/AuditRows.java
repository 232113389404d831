package fr.sarcoma.referral.audit;

import fr.sarcoma.referral.referral.ReferralService;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The trail as auditors read it: each entry with the referral's number and the French label of its
 * action, door and reason (messages_fr.properties: auditAction.*, auditDoor.*, auditReason.*).
 */
@Component
class AuditRows {

  /** One entry as shown and exported; the codes stay beside their labels. */
  record Row(
      Instant at,
      String actor,
      List<String> actorGroups,
      String action,
      String actionLabel,
      UUID referralId,
      String referralNumber,
      String door,
      String doorLabel,
      String reason,
      String reasonLabel,
      String detail) {}

  private final ReferralService referrals;
  private final MessageSource messages;

  AuditRows(ReferralService referrals, MessageSource messages) {
    this.referrals = referrals;
    this.messages = messages;
  }

  List<Row> of(List<AuditEntry> entries) {
    Map<UUID, String> numbers = new HashMap<>();
    return entries.stream()
        .map(
            entry ->
                new Row(
                    entry.at(),
                    entry.actor(),
                    entry.actorGroups(),
                    entry.action().name(),
                    label("auditAction." + entry.action().name(), entry.action().name()),
                    entry.referralId(),
                    entry.referralId() == null
                        ? null
                        : numbers.computeIfAbsent(entry.referralId(), this::numberOf),
                    entry.door(),
                    label("auditDoor." + entry.door(), entry.door()),
                    entry.reason(),
                    reasonLabel(entry.reason()),
                    entry.detail()))
        .toList();
  }

  /** COMPLETED_TASK_WITHIN_P30D: the rule's label and its period. */
  private String reasonLabel(String reason) {
    String within = "COMPLETED_TASK_WITHIN_";
    if (reason.startsWith(within)) {
      return label("auditReason.COMPLETED_TASK_WITHIN", reason)
          + " ("
          + reason.substring(within.length())
          + ")";
    }
    return label("auditReason." + reason, reason);
  }

  private String numberOf(UUID referralId) {
    return referrals
        .summary(referralId)
        .map(ReferralService.ReferralSummary::businessKey)
        .orElse("");
  }

  private String label(String key, String code) {
    return messages.getMessage(key, null, code, Locale.FRENCH);
  }
}
