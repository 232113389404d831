package fr.sarcoma.referral.audit;

import fr.sarcoma.referral.security.AccountLocked;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An account locked for a while after too many wrong passwords in a row, in the audit trail: under the account's id
 * (the passwords were tried in its name; {@code GET /api/audit/users/{id}} shows it), through the door they were
 * tried at, with the count and the end of the lock. Written in the transaction of the failed check, with the lock.
 */
@Component
class AccountLockAudit {

  static final String REASON = "LOGIN_THROTTLE";

  private final AuditTrail trail;

  AccountLockAudit(AuditTrail trail) {
    this.trail = trail;
  }

  @EventListener
  void locked(AccountLocked lock) {
    trail.append(
        new Caller(lock.userId(), List.of()),
        AuditAction.LOGIN_LOCKED,
        null,
        Callers.actionDoor(),
        REASON,
        lock.wrongPasswords() + " wrong passwords in a row; locked until " + lock.lockedUntil());
  }
}
