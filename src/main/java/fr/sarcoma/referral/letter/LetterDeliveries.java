package fr.sarcoma.referral.letter;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The letter delivery outbox: one row per letter and recipient, written with the letter, and sent once by
 * {@link LetterDispatcher}, which holds the row's lock for the whole send.
 */
@Component
class LetterDeliveries {

  /** A row as the dispatcher reads it, with what the e-mail needs. */
  record Delivery(
      UUID id,
      UUID letterId,
      String recipientRole,
      String recipientName,
      String email,
      DeliveryStatus status,
      int attempts,
      String kind,
      String businessKey,
      byte[] pdf) {}

  /** A row as the referral shows it. */
  record Shown(
      String recipientRole,
      String recipientName,
      DeliveryStatus status,
      int attempts,
      Instant nextAttemptAt,
      String lastError,
      Instant sentAt,
      String handledBy) {}

  private final JdbcTemplate jdbc;

  LetterDeliveries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  UUID add(
      UUID letterId, String role, String name, String email, DeliveryStatus status, Instant now) {
    UUID id = UUID.randomUUID();
    jdbc.update(
        """
        insert into letter_delivery (id, letter_id, recipient_role, recipient_name, email, status, attempts,
          next_attempt_at, created_at)
        values (?, ?, ?, ?, ?, ?, 0, ?, ?)
        """,
        id,
        letterId,
        role,
        name,
        email,
        status.name(),
        status == DeliveryStatus.PENDING ? Timestamp.from(now) : null,
        Timestamp.from(now));
    return id;
  }

  /** The rows due now, oldest first. */
  List<UUID> due(Instant now, int limit) {
    return jdbc.queryForList(
        """
        select id from letter_delivery where status = 'PENDING' and next_attempt_at <= ?
        order by next_attempt_at, id limit ?
        """,
        UUID.class,
        Timestamp.from(now),
        limit);
  }

  /**
   * Locks the row until the transaction ends; empty when another node holds it (it is sending it now),
   * so a row is never sent by two nodes at once.
   */
  Optional<Delivery> lock(UUID id) {
    List<UUID> locked =
        jdbc.queryForList(
            "select id from letter_delivery where id = ? for update skip locked", UUID.class, id);
    if (locked.isEmpty()) {
      return Optional.empty();
    }
    return jdbc
        .query(
            """
            select d.id, d.letter_id, d.recipient_role, d.recipient_name, d.email, d.status, d.attempts, l.kind, l.pdf, r.business_key
            from letter_delivery d join letter l on l.id = d.letter_id join referral r on r.id = l.referral_id
            where d.id = ?
            """,
            (rs, row) ->
                new Delivery(
                    rs.getObject("id", UUID.class),
                    rs.getObject("letter_id", UUID.class),
                    rs.getString("recipient_role"),
                    rs.getString("recipient_name"),
                    rs.getString("email"),
                    DeliveryStatus.valueOf(rs.getString("status")),
                    rs.getInt("attempts"),
                    rs.getString("kind"),
                    rs.getString("business_key"),
                    rs.getBytes("pdf")),
            id)
        .stream()
        .findFirst();
  }

  void sent(UUID id, Instant now) {
    jdbc.update(
        """
        update letter_delivery set status = 'SENT', attempts = attempts + 1, sent_at = ?, next_attempt_at = null,
          last_error = null
        where id = ?
        """,
        Timestamp.from(now),
        id);
  }

  /**
   * A coordinator completed the delivery's task ({@link LetterDeliveryTasks}): handled by hand, once; a delivery
   * that was sent meanwhile stays SENT.
   */
  void handled(UUID id, String by, Instant at) {
    jdbc.update(
        """
        update letter_delivery set status = 'HANDLED', handled_by = ?, sent_at = ?, next_attempt_at = null
        where id = ? and status in ('TO_PRINT', 'REFUSED', 'FAILED')
        """,
        by,
        Timestamp.from(at),
        id);
  }

  /** A failed attempt: tried again at {@code nextAttemptAt}, or given up ({@code status} REFUSED, FAILED). */
  void failed(UUID id, DeliveryStatus status, Instant nextAttemptAt, String error) {
    jdbc.update(
        """
        update letter_delivery set status = ?, attempts = attempts + 1, next_attempt_at = ?, last_error = ?
        where id = ?
        """,
        status.name(),
        nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt),
        error == null ? null : error.substring(0, Math.min(error.length(), 1000)),
        id);
  }

  List<Shown> ofLetter(UUID letterId) {
    return jdbc.query(
        """
        select recipient_role, recipient_name, status, attempts, next_attempt_at, last_error, sent_at, handled_by
        from letter_delivery where letter_id = ? order by recipient_role desc
        """,
        (rs, row) ->
            new Shown(
                rs.getString("recipient_role"),
                rs.getString("recipient_name"),
                DeliveryStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                instant(rs.getObject("next_attempt_at", OffsetDateTime.class)),
                rs.getString("last_error"),
                instant(rs.getObject("sent_at", OffsetDateTime.class)),
                rs.getString("handled_by")),
        letterId);
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
