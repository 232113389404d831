package fr.sarcoma.referral.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit trail's table, {@code audit_event}: rows are only ever inserted (the database refuses the
 * rest, db/vendor/{vendor}/V15_1). Written in the caller's transaction when there is one (an engine
 * command, a service), so that an action rolled back leaves no trace and an action done always does.
 */
@Component
class AuditTrail {

  /** More rows than this in one answer is a question to narrow (a period). */
  static final int MAX_ROWS = 10_000;

  private static final int DETAIL_LENGTH = 1000;

  private final JdbcTemplate jdbc;
  private final Clock clock;

  AuditTrail(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void append(
      Caller caller,
      AuditAction action,
      UUID referralId,
      String door,
      String reason,
      String detail) {
    jdbc.update(
        """
        insert into audit_event (id, at, actor, actor_groups, action, referral_id, door, reason, detail)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        UUID.randomUUID(),
        Timestamp.from(clock.instant()),
        caller.userId(),
        String.join(",", caller.groups()),
        action.name(),
        referralId,
        door,
        reason,
        truncated(detail));
  }

  /**
   * One row per engine operation: the engine logs an operation once per property it changed, with one
   * operation id.
   */
  void appendOnce(
      String operationId,
      Caller caller,
      AuditAction action,
      UUID referralId,
      String door,
      String reason,
      String detail) {
    jdbc.update(
        """
        insert into audit_event (id, at, actor, actor_groups, action, referral_id, door, reason, detail, operation_id)
        select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
        where not exists (select 1 from audit_event where operation_id = ?)
        """,
        UUID.randomUUID(),
        Timestamp.from(clock.instant()),
        caller.userId(),
        String.join(",", caller.groups()),
        action.name(),
        referralId,
        door,
        reason,
        truncated(detail),
        operationId,
        operationId);
  }

  /** Whether the user completed a task of the referral since then (the trail's own record of it). */
  boolean completedTaskSince(String userId, UUID referralId, Instant since) {
    Integer count =
        jdbc.queryForObject(
            """
            select count(*) from audit_event
            where referral_id = ? and actor = ? and action = 'TASK_COMPLETED' and at >= ?
            """,
            Integer.class,
            referralId,
            userId,
            Timestamp.from(since));
    return count != null && count > 0;
  }

  /** Everything that touched the referral (reads, refusals, actions), oldest first. */
  List<AuditEntry> ofReferral(UUID referralId, Instant from, Instant to) {
    return jdbc.query(
        "select * from audit_event where referral_id = ? and at >= ? and at < ?"
            + " order by at, id fetch first "
            + MAX_ROWS
            + " rows only",
        AuditTrail::entry,
        referralId,
        Timestamp.from(from),
        Timestamp.from(to));
  }

  /** Everything the user read, was refused or did, oldest first. */
  List<AuditEntry> ofUser(String userId, Instant from, Instant to) {
    return jdbc.query(
        "select * from audit_event where actor = ? and at >= ? and at < ?"
            + " order by at, id fetch first "
            + MAX_ROWS
            + " rows only",
        AuditTrail::entry,
        userId,
        Timestamp.from(from),
        Timestamp.from(to));
  }

  private static AuditEntry entry(ResultSet row, int number) throws SQLException {
    String groups = row.getString("actor_groups");
    return new AuditEntry(
        row.getObject("id", UUID.class),
        row.getObject("at", OffsetDateTime.class).toInstant(),
        row.getString("actor"),
        groups == null || groups.isEmpty() ? List.of() : Arrays.asList(groups.split(",")),
        AuditAction.valueOf(row.getString("action")),
        row.getObject("referral_id", UUID.class),
        row.getString("door"),
        row.getString("reason"),
        row.getString("detail"));
  }

  private static String truncated(String detail) {
    return detail == null || detail.length() <= DETAIL_LENGTH
        ? detail
        : detail.substring(0, DETAIL_LENGTH);
  }
}
