package fr.sarcoma.referral.security;

import java.time.Instant;

/**
 * An account refused every password for a while after too many wrong ones in a row ({@link LoginThrottleSettings}):
 * someone may be guessing its password. Published in the transaction of the failed check (an engine command), for
 * the audit trail and the administrators. Never the password tried.
 *
 * @param userId the account
 * @param wrongPasswords wrong passwords in a row so far
 * @param lockedUntil when it takes passwords again
 */
public record AccountLocked(String userId, int wrongPasswords, Instant lockedUntil) {}
