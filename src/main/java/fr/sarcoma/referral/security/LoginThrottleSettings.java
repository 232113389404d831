package fr.sarcoma.referral.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How wrong passwords slow down who types them ({@code sarcoma.security.login.*}, README "Login throttling"). After
 * the n-th wrong password in a row the account refuses every password, the right one included, for {@code
 * first-delay × delay-factor^(n-1)}, at most {@code max-delay}; from the {@code lock-after}-th on, for {@code
 * lock-duration} (the administrators are told). A right password, or an administrator's unlock, starts the count
 * again. The account is never locked for good: Camunda's own permanent lock ({@code loginMaxAttempts}) is not used.
 */
@ConfigurationProperties("sarcoma.security.login")
public record LoginThrottleSettings(
    Duration firstDelay,
    Integer delayFactor,
    Duration maxDelay,
    Integer lockAfter,
    Duration lockDuration) {

  public LoginThrottleSettings {
    firstDelay = firstDelay == null ? Duration.ofSeconds(2) : firstDelay;
    delayFactor = delayFactor == null ? 2 : delayFactor;
    maxDelay = maxDelay == null ? Duration.ofMinutes(1) : maxDelay;
    lockAfter = lockAfter == null ? 10 : lockAfter;
    lockDuration = lockDuration == null ? Duration.ofMinutes(15) : lockDuration;
    if (firstDelay.isNegative()
        || maxDelay.isNegative()
        || lockDuration.isNegative()
        || delayFactor < 1
        || lockAfter < 1) {
      throw new IllegalArgumentException(
          "sarcoma.security.login: delays must not be negative, delay-factor and lock-after must be at least 1");
    }
  }

  /** How long the account refuses every password after the {@code wrongPasswords}-th wrong one in a row. */
  public Duration refusalAfter(int wrongPasswords) {
    if (locks(wrongPasswords)) {
      return lockDuration;
    }
    Duration delay = firstDelay;
    for (int n = 1; n < wrongPasswords && delay.compareTo(maxDelay) < 0; n++) {
      delay = delay.multipliedBy(delayFactor);
    }
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  /** Whether this many wrong passwords in a row lock the account (the administrators are told). */
  public boolean locks(int wrongPasswords) {
    return wrongPasswords >= lockAfter;
  }
}
