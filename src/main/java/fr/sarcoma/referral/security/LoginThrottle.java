package fr.sarcoma.referral.security;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What a wrong password costs (see {@link LoginThrottleSettings}), and who hears of a lock: a WARN log line (the
 * account, the count and the end of the lock; never the password) and {@link AccountLocked} for the audit trail and
 * the administrators. Used by {@link ThrottledIdentityProvider} inside the engine's password check, so that every
 * door that checks a password (HTTP Basic, the webapps' login, the engine REST API) is throttled alike.
 */
@Component
class LoginThrottle {

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

  private final LoginThrottleSettings settings;
  private final ApplicationEventPublisher events;

  LoginThrottle(LoginThrottleSettings settings, ApplicationEventPublisher events) {
    this.settings = settings;
    this.events = events;
  }

  /** When the account takes passwords again after its {@code wrongPasswords}-th wrong one in a row, at {@code now}. */
  Instant refusedUntil(int wrongPasswords, Instant now) {
    return now.plus(settings.refusalAfter(wrongPasswords));
  }

  /** A wrong password was recorded; a lock is logged and published. */
  void wrongPassword(String userId, int wrongPasswords, Instant refusedUntil) {
    if (!settings.locks(wrongPasswords)) {
      LOG.debug(
          "Wrong password for {} ({} in a row): passwords refused until {}",
          userId,
          wrongPasswords,
          refusedUntil);
      return;
    }
    LOG.warn(
        "Account {} locked until {} after {} wrong passwords in a row: someone may be guessing its password"
            + " (an administrator can unlock it in the admin webapp)",
        userId,
        refusedUntil,
        wrongPasswords);
    events.publishEvent(new AccountLocked(userId, wrongPasswords, refusedUntil));
  }
}
