package fr.sarcoma.referral.agenda;

import fr.sarcoma.referral.mdt.MdtSession;
import fr.sarcoma.referral.mdt.MdtSessions;
import fr.sarcoma.referral.referral.ReferralService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The coming sessions of the sarcoma MDT as the coordinators' page shows them (M1): each session with its cases, and
 * the sessions a case can be moved to.
 */
@Service
class SessionsOverview {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** Weekly sessions exist some weeks ahead; a one-off session may be added further out, and is shown too. */
  private static final Duration HORIZON = Duration.ofDays(366);

  /** A session and its cases; {@code started}: under way or over, {@code cutoffPassed}: registration closed. */
  record SessionRow(
      MdtSession session, boolean started, boolean cutoffPassed, List<SessionCase> cases) {

    /** A coordinator may cancel a session not cancelled yet that has not started. */
    public boolean cancellable() {
      return !session.isCancelled() && !started;
    }
  }

  /** A case on a session: {@code registered} (waiting for it, may be moved) or already discussed there. */
  record SessionCase(UUID referralId, String referralNumber, String patient, boolean registered) {}

  /** The page's sessions, and those that can take a moved case (not cancelled, not started, with room). */
  record Overview(List<SessionRow> sessions, List<MdtSession> moveTargets) {}

  private final MdtSessions sessions;
  private final ReferralService referrals;
  private final Clock clock;

  SessionsOverview(MdtSessions sessions, ReferralService referrals, Clock clock) {
    this.sessions = sessions;
    this.referrals = referrals;
    this.clock = clock;
  }

  /** From the start of today (Paris), so that today's session stays in view while it runs. */
  Overview coming() {
    Instant now = clock.instant();
    Instant today = now.atZone(PARIS).toLocalDate().atStartOfDay(PARIS).toInstant();
    List<MdtSession> calendar = sessions.between(today, now.plus(HORIZON));
    List<SessionRow> rows =
        calendar.stream()
            .map(
                session ->
                    new SessionRow(
                        session,
                        !session.startsAt().isAfter(now),
                        !session.registrationCutoffAt().isAfter(now),
                        casesOn(session)))
            .toList();
    List<MdtSession> targets =
        calendar.stream()
            .filter(
                session ->
                    !session.isCancelled()
                        && session.startsAt().isAfter(now)
                        && session.registeredCases() < session.capacity())
            .toList();
    return new Overview(rows, targets);
  }

  private List<SessionCase> casesOn(MdtSession session) {
    Set<UUID> registered = new HashSet<>(sessions.registeredOn(session.id()));
    return sessions.casesOn(session.id()).stream()
        .flatMap(
            referralId ->
                referrals.summary(referralId).stream()
                    .map(
                        referral ->
                            new SessionCase(
                                referralId,
                                referral.businessKey(),
                                referral.patientDisplayName(),
                                registered.contains(referralId))))
        .toList();
  }
}
