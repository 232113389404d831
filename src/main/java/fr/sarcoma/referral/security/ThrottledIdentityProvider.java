package fr.sarcoma.referral.security;

import java.util.Date;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's own user store, with {@link LoginThrottle}'s delays and temporary lock in place of Camunda's (7.24
 * {@code DbIdentityServiceProvider}: {@code loginDelayBase × loginDelayFactor^(n-1)} seconds after each wrong
 * password, then a lock for good after {@code loginMaxAttempts}, lifted by an administrator only: anyone could lock
 * the MDT chair out on session day). The count and the end of the refusal stay in the user's row ({@code ATTEMPTS_},
 * {@code LOCK_EXP_TIME_}), so every node sees them; a right password outside a refusal, or an administrator's unlock,
 * clears both. Times are the engine's clock ({@link ClockUtil}), as Camunda's.
 */
class ThrottledIdentityProvider extends DbIdentityServiceProvider {

  private final LoginThrottle throttle;

  ThrottledIdentityProvider(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  /** Refused while the delay or the lock of the last wrong password runs; never for good. */
  @Override
  protected boolean isUserLocked(UserEntity user) {
    Date until = user.getLockExpirationTime();
    return until != null && until.after(ClockUtil.getCurrentTime());
  }

  @Override
  protected void lockUser(UserEntity user) {
    int wrongPasswords = user.getAttempts() + 1;
    Date until =
        Date.from(throttle.refusedUntil(wrongPasswords, ClockUtil.getCurrentTime().toInstant()));
    getIdentityInfoManager().updateUserLock(user, wrongPasswords, until);
    throttle.wrongPassword(user.getId(), wrongPasswords, until.toInstant());
  }
}
