package fr.sarcoma.referral.notification;

import fr.sarcoma.referral.notification.GroupMailboxes.Mailbox;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * The notification outbox: one row per notification and recipient, unique on its kind, what it is about (the task,
 * or the referral for an urgent one) and the recipient, written in the trigger's transaction, so that a retried job,
 * a second node or the same event twice never writes a second one; sent once by {@link NotificationDispatcher},
 * which holds the row's lock for the whole send.
 */
@Component
class NotificationOutbox {

  /** A row as the dispatcher reads it. */
  record Notification(
      UUID id,
      NotificationKind kind,
      String about,
      String email,
      String businessKey,
      String subject,
      String body,
      NotificationStatus status,
      int attempts) {}

  private static final String INSERT =
      """
      insert into notification (id, kind, about, recipient, email, task_id, business_key, mail_subject, mail_body,
        status, attempts, next_attempt_at, created_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
      """;

  private final JdbcTemplate jdbc;
  private final boolean postgres;

  NotificationOutbox(JdbcTemplate jdbc, DataSource dataSource) throws MetaDataAccessException {
    this.jdbc = jdbc;
    String product =
        JdbcUtils.extractDatabaseMetaData(
            dataSource, metaData -> metaData.getDatabaseProductName());
    this.postgres = DatabaseDriver.fromProductName(product) == DatabaseDriver.POSTGRESQL;
  }

  /** The notification for this recipient, unless it exists; whether it was written. */
  boolean add(
      NotificationKind kind,
      String about,
      Mailbox to,
      String taskId,
      String businessKey,
      String subject,
      String body,
      Instant now) {
    String insert = INSERT;
    if (postgres) {
      // Two transactions writing the same notification at once (the two order jobs of one urgent
      // referral, two
      // nodes) both go on: the second writes nothing, and never fails the step that triggered it.
      insert = INSERT.strip() + " on conflict (kind, about, recipient) do nothing";
    } else if (exists(kind, about, to.userId())) {
      // The demo's H2: one node.
      return false;
    }
    return jdbc.update(
            insert,
            UUID.randomUUID(),
            kind.name(),
            about,
            to.userId(),
            to.email(),
            taskId,
            businessKey,
            subject,
            body,
            Timestamp.from(now),
            Timestamp.from(now))
        > 0;
  }

  private boolean exists(NotificationKind kind, String about, String recipient) {
    Integer count =
        jdbc.queryForObject(
            "select count(*) from notification where kind = ? and about = ? and recipient = ?",
            Integer.class,
            kind.name(),
            about,
            recipient);
    return count != null && count > 0;
  }

  /** The rows due now, oldest first. */
  List<UUID> due(Instant now, int limit) {
    return jdbc.queryForList(
        """
        select id from notification where status = 'PENDING' and next_attempt_at <= ?
        order by next_attempt_at, id limit ?
        """,
        UUID.class,
        Timestamp.from(now),
        limit);
  }

  /** Locks the row until the transaction ends; empty when another node holds it (it is sending it now). */
  Optional<Notification> lock(UUID id) {
    return jdbc
        .query(
            """
            select id, kind, about, email, business_key, mail_subject, mail_body, status, attempts
            from notification where id = ? for update skip locked
            """,
            (rs, row) ->
                new Notification(
                    rs.getObject("id", UUID.class),
                    NotificationKind.valueOf(rs.getString("kind")),
                    rs.getString("about"),
                    rs.getString("email"),
                    rs.getString("business_key"),
                    rs.getString("mail_subject"),
                    rs.getString("mail_body"),
                    NotificationStatus.valueOf(rs.getString("status")),
                    rs.getInt("attempts")),
            id)
        .stream()
        .findFirst();
  }

  void sent(UUID id, Instant now) {
    jdbc.update(
        """
        update notification set status = 'SENT', attempts = attempts + 1, sent_at = ?, next_attempt_at = null,
          last_error = null
        where id = ?
        """,
        Timestamp.from(now),
        id);
  }

  /** A failed attempt: tried again at {@code nextAttemptAt}, or given up (FAILED, no next attempt). */
  void failed(UUID id, NotificationStatus status, Instant nextAttemptAt, String error) {
    jdbc.update(
        """
        update notification set status = ?, attempts = attempts + 1, next_attempt_at = ?, last_error = ?
        where id = ?
        """,
        status.name(),
        nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt),
        error == null ? null : error.substring(0, Math.min(error.length(), 1000)),
        id);
  }
}
