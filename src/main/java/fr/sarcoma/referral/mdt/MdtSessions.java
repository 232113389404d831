package fr.sarcoma.referral.mdt;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * M1: the MDT calendar and who is on which session. A case goes on the first session whose
 * registration cutoff has not passed and that has room; a case not discussed at its session rolls
 * over to the next one with room; a coordinator can move a case, add a session or cancel one.
 */
@Service
public class MdtSessions {

  public static final String REGISTERED = "REGISTERED";
  public static final String DISCUSSED = "DISCUSSED";
  public static final String ROLLED_OVER = "ROLLED_OVER";
  public static final String MOVED = "MOVED";

  private static final String SELECT =
      """
      select s.*, (select count(*) from mdt_registration r where r.session_id = s.id and r.status in ('REGISTERED', 'DISCUSSED'))
        as registered_cases
      from mdt_session s
      """;

  private static final RowMapper<MdtSession> SESSIONS =
      (rs, row) ->
          new MdtSession(
              rs.getObject("id", UUID.class),
              instant(rs.getObject("starts_at", OffsetDateTime.class)),
              instant(rs.getObject("ends_at", OffsetDateTime.class)),
              instant(rs.getObject("registration_cutoff_at", OffsetDateTime.class)),
              rs.getInt("capacity"),
              rs.getString("kind"),
              rs.getString("note"),
              instant(rs.getObject("cancelled_at", OffsetDateTime.class)),
              rs.getString("cancellation_reason"),
              rs.getInt("registered_cases"));

  private final JdbcTemplate jdbc;
  private final MdtSchedule schedule;
  private final ApplicationEventPublisher events;
  private final SessionWait sessionWait;
  private final Clock clock;

  MdtSessions(
      JdbcTemplate jdbc,
      MdtSchedule schedule,
      ApplicationEventPublisher events,
      SessionWait sessionWait,
      Clock clock) {
    this.jdbc = jdbc;
    this.schedule = schedule;
    this.events = events;
    this.sessionWait = sessionWait;
    this.clock = clock;
  }

  /** The weekly sessions of the coming weeks exist (created once, never twice). */
  @Transactional
  public void ensureWeeklySessions() {
    for (Instant start : schedule.weeklyStartsFrom(clock.instant())) {
      Integer existing =
          jdbc.queryForObject(
              "select count(*) from mdt_session where kind = ? and starts_at = ?",
              Integer.class,
              MdtSession.RECURRING,
              Timestamp.from(start));
      if (existing == 0) {
        insert(
            start,
            start.plus(schedule.duration()),
            start.minus(schedule.registrationCutoff()),
            schedule.capacity(),
            MdtSession.RECURRING,
            null);
      }
    }
  }

  @Transactional
  public MdtSession addOneOff(
      Instant startsAt, Duration duration, Instant cutoffAt, int capacity, String note) {
    UUID id =
        insert(startsAt, startsAt.plus(duration), cutoffAt, capacity, MdtSession.ONE_OFF, note);
    return find(id).orElseThrow();
  }

  public List<MdtSession> between(Instant from, Instant to) {
    ensureWeeklySessions();
    return jdbc.query(
        SELECT + " where s.starts_at >= ? and s.starts_at < ? order by s.starts_at",
        SESSIONS,
        Timestamp.from(from),
        Timestamp.from(to));
  }

  public Optional<MdtSession> find(UUID id) {
    return jdbc.query(SELECT + " where s.id = ?", SESSIONS, id).stream().findFirst();
  }

  /** M1: the first session whose cutoff is still ahead and that has room. */
  @Transactional
  public MdtSession register(UUID referralId) {
    ensureWeeklySessions();
    return registerOnNext(referralId, clock.instant(), true);
  }

  /**
   * A case not discussed at its session: on the next session with room, the cutoff waived (its
   * dossier was ready for the session it missed).
   */
  @Transactional
  public MdtSession rollOver(UUID referralId) {
    ensureWeeklySessions();
    Instant missed = currentSessionOf(referralId).map(MdtSession::startsAt).orElse(clock.instant());
    jdbc.update(
        "update mdt_registration set status = ? where referral_id = ? and status = ?",
        ROLLED_OVER,
        referralId,
        REGISTERED);
    return registerOnNext(
        referralId, missed.isAfter(clock.instant()) ? missed : clock.instant(), false);
  }

  /**
   * A coordinator moves a case to another session (room is checked, the cutoff is theirs to judge). Only a case
   * registered for a session and whose pathway waits for it can move ({@link CaseNotMovableException}): a case
   * still in its work-up, under discussion or already decided stays where it is.
   */
  @Transactional
  public MdtSession move(UUID referralId, UUID sessionId) {
    // The registration row is locked: a decision or a rollover of this case waits for the move, or
    // the reverse.
    List<UUID> registration =
        jdbc.queryForList(
            "select id from mdt_registration where referral_id = ? and status = ? for update",
            UUID.class,
            referralId,
            REGISTERED);
    if (registration.isEmpty()) {
      throw CaseNotMovableException.notRegistered(referralId);
    }
    if (!sessionWait.waitsForSession(referralId)) {
      throw CaseNotMovableException.notWaiting(
          referralId, currentSessionOf(referralId).orElseThrow().startsAt());
    }
    MdtSession target =
        lockForRegistration(sessionId).orElseThrow(() -> new UnknownSessionException(sessionId));
    if (target.isCancelled()
        || target.registeredCases() >= target.capacity()
        || !target.startsAt().isAfter(clock.instant())) {
      throw new SessionUnavailableException(sessionId);
    }
    jdbc.update(
        "update mdt_registration set status = ? where referral_id = ? and status = ?",
        MOVED,
        referralId,
        REGISTERED);
    insertRegistration(referralId, target);
    MdtSession moved = find(sessionId).orElseThrow();
    events.publishEvent(new CaseMovedToSession(referralId, moved));
    return moved;
  }

  /**
   * Cancels a session; its cases are moved to the next sessions with room. Returns the referrals moved. When a case
   * has no later session with room, nothing changes ({@link NoSessionWithRoomException}): a session is added first.
   */
  @Transactional
  public List<UUID> cancel(UUID sessionId, String reason) {
    MdtSession session = find(sessionId).orElseThrow(() -> new UnknownSessionException(sessionId));
    if (session.isCancelled()) {
      return List.of();
    }
    jdbc.update(
        "update mdt_session set cancelled_at = ?, cancellation_reason = ? where id = ?",
        Timestamp.from(clock.instant()),
        reason,
        sessionId);
    List<UUID> cases =
        jdbc.queryForList(
            "select referral_id from mdt_registration where session_id = ? and status = ?",
            UUID.class,
            sessionId,
            REGISTERED);
    for (UUID referralId : cases) {
      jdbc.update(
          "update mdt_registration set status = ? where referral_id = ? and status = ?",
          MOVED,
          referralId,
          REGISTERED);
      MdtSession next =
          registerOnNextWithRoom(referralId, session.startsAt(), false)
              .orElseThrow(() -> new NoSessionWithRoomException(session, cases.size()));
      events.publishEvent(new CaseMovedToSession(referralId, next));
    }
    return cases;
  }

  /**
   * A case that missed the registration cutoff (M1): the session it is registered on, and the earlier session
   * it would have gone on had it been registered before that session's cutoff.
   */
  public record MissedCutoff(MdtSession missed, MdtSession registered) {}

  /**
   * M1: whether the case's current registration missed a cutoff: a session, not cancelled, starting after the
   * registration and before the session the case is on, whose cutoff had passed when the case was registered.
   * Empty when the case went on the nearest session, or on a later one only for want of room.
   */
  public Optional<MissedCutoff> missedCutoff(UUID referralId) {
    List<OffsetDateTime> registeredAt =
        jdbc.queryForList(
            "select registered_at from mdt_registration where referral_id = ? and status = ?",
            OffsetDateTime.class,
            referralId,
            REGISTERED);
    Optional<MdtSession> current = currentSessionOf(referralId);
    if (registeredAt.isEmpty() || current.isEmpty()) {
      return Optional.empty();
    }
    Timestamp at = Timestamp.from(registeredAt.get(0).toInstant());
    return jdbc
        .query(
            SELECT
                + " where s.cancelled_at is null and s.starts_at > ? and s.starts_at < ?"
                + " and s.registration_cutoff_at <= ? order by s.starts_at, s.id",
            SESSIONS,
            at,
            Timestamp.from(current.get().startsAt()),
            at)
        .stream()
        .findFirst()
        .map(missed -> new MissedCutoff(missed, current.get()));
  }

  /** The question put to the MDT, shown on the agenda. */
  public void recordQuestion(UUID referralId, String question) {
    jdbc.update(
        "update mdt_registration set question = ? where referral_id = ? and status = ?",
        question,
        referralId,
        REGISTERED);
  }

  /** The question put to the MDT for the session the referral is registered on now, if it was asked. */
  public Optional<String> currentQuestion(UUID referralId) {
    return jdbc
        .queryForList(
            "select question from mdt_registration where referral_id = ? and status = ?"
                + " and question is not null order by registered_at desc",
            String.class,
            referralId,
            REGISTERED)
        .stream()
        .findFirst();
  }

  public Optional<String> questionFor(UUID referralId, UUID sessionId) {
    return jdbc
        .queryForList(
            "select question from mdt_registration where referral_id = ? and session_id = ?"
                + " and question is not null order by registered_at desc",
            String.class,
            referralId,
            sessionId)
        .stream()
        .findFirst();
  }

  /**
   * The sessions whose agenda holds the referral (registered, or already discussed there), never a
   * cancelled one: need-to-know lets the MDT team read a case while it is on a session's agenda.
   */
  public List<MdtSession> agendasOf(UUID referralId) {
    return jdbc.query(
        SELECT
            + " join mdt_registration r on r.session_id = s.id where r.referral_id = ?"
            + " and r.status in ('REGISTERED', 'DISCUSSED') and s.cancelled_at is null"
            + " order by s.starts_at",
        SESSIONS,
        referralId);
  }

  public void markDiscussed(UUID referralId) {
    jdbc.update(
        "update mdt_registration set status = ? where referral_id = ? and status = ?",
        DISCUSSED,
        referralId,
        REGISTERED);
  }

  /** The session a referral is on now, if any. */
  public Optional<MdtSession> currentSessionOf(UUID referralId) {
    return jdbc
        .query(
            SELECT
                + " join mdt_registration r on r.session_id = s.id where r.referral_id = ? and r.status = ?",
            SESSIONS,
            referralId,
            REGISTERED)
        .stream()
        .findFirst();
  }

  /**
   * The referrals registered for a session and not yet discussed there: the ones a coordinator may try to move
   * (whether the pathway still waits for the session is checked by {@link #move}).
   */
  public List<UUID> registeredOn(UUID sessionId) {
    return jdbc.queryForList(
        "select referral_id from mdt_registration where session_id = ? and status = ? order by registered_at, id",
        UUID.class,
        sessionId,
        REGISTERED);
  }

  /** The referrals on a session's agenda (registered or already discussed there). */
  public List<UUID> casesOn(UUID sessionId) {
    return jdbc.queryForList(
        """
        select referral_id from mdt_registration where session_id = ? and status in ('REGISTERED', 'DISCUSSED')
        order by registered_at, id
        """,
        UUID.class,
        sessionId);
  }

  private MdtSession registerOnNext(UUID referralId, Instant after, boolean cutoffApplies) {
    return registerOnNextWithRoom(referralId, after, cutoffApplies)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No MDT session with room in the coming "
                        + schedule.weeksAhead()
                        + " weeks: add a session (POST /api/mdt/sessions) or raise"
                        + " sarcoma.mdt.schedule.capacity"));
  }

  private Optional<MdtSession> registerOnNextWithRoom(
      UUID referralId, Instant after, boolean cutoffApplies) {
    List<UUID> candidates =
        jdbc.queryForList(
            """
        select id from mdt_session where cancelled_at is null and starts_at > ? and (? = false or registration_cutoff_at > ?)
        order by starts_at, id
        """,
            UUID.class,
            Timestamp.from(after),
            cutoffApplies,
            Timestamp.from(clock.instant()));
    for (UUID candidate : candidates) {
      MdtSession session = lockForRegistration(candidate).orElseThrow();
      if (session.registeredCases() < session.capacity()) {
        insertRegistration(referralId, session);
        return Optional.of(session);
      }
    }
    return Optional.empty();
  }

  /** Locks the session row, so that two registrations at once cannot both take its last place. */
  private Optional<MdtSession> lockForRegistration(UUID sessionId) {
    jdbc.queryForList("select id from mdt_session where id = ? for update", UUID.class, sessionId);
    return find(sessionId);
  }

  private void insertRegistration(UUID referralId, MdtSession session) {
    jdbc.update(
        """
        insert into mdt_registration (id, referral_id, session_id, session_at, status, registered_at)
        values (?, ?, ?, ?, ?, ?)
        """,
        UUID.randomUUID(),
        referralId,
        session.id(),
        Timestamp.from(session.startsAt()),
        REGISTERED,
        Timestamp.from(clock.instant()));
  }

  private UUID insert(
      Instant startsAt, Instant endsAt, Instant cutoffAt, int capacity, String kind, String note) {
    UUID id = UUID.randomUUID();
    jdbc.update(
        """
        insert into mdt_session (id, starts_at, ends_at, registration_cutoff_at, capacity, kind, note, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?)
        """,
        id,
        Timestamp.from(startsAt),
        Timestamp.from(endsAt),
        Timestamp.from(cutoffAt),
        capacity,
        kind,
        note,
        Timestamp.from(clock.instant()));
    return id;
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
