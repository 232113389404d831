package fr.sarcoma.referral.insight.tasktime;

import fr.sarcoma.referral.insight.Sql;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each user task's times, in {@code task_time}: created, first taken (claimed or assigned), ended.
 * Waiting time is created → taken, working time is taken → completed. The engine's history keeps
 * no claim time, hence this table. Every write is idempotent: a listener run twice changes nothing.
 */
@Component
public class TaskTimes {

  public static final String COMPLETED = "COMPLETED";
  public static final String DELETED = "DELETED";

  /** The event's time as a parameter ({@link Sql#hours} names it twice: two parameters each time). */
  private static final String AT = "cast(? as timestamp with time zone)";

  private final JdbcTemplate jdbc;

  TaskTimes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void created(String taskId, UUID referralId, String taskKey, Instant at, Date due) {
    jdbc.update(
        """
        insert into task_time (task_id, referral_id, received_at, task_key, created_at, due_at)
        select ?, ?, (select t.received_at from pathway_timeline t where t.referral_id = ?), ?, ?, ?
        where not exists (select 1 from task_time where task_id = ?)
        """,
        taskId,
        referralId,
        referralId,
        taskKey,
        Timestamp.from(at),
        due == null ? null : new Timestamp(due.getTime()),
        taskId);
  }

  /**
   * The first assignment, with the waiting time it ends, in one update: two statements (the time, then the hours
   * from it) wrote the row twice for each task (issue 16, writes per user task).
   */
  void taken(String taskId, Instant at) {
    Timestamp when = Timestamp.from(at);
    jdbc.update(
        "update task_time set taken_at = ?, waiting_hours = "
            + Sql.hours("created_at", AT)
            + " where task_id = ? and taken_at is null",
        when,
        when,
        when,
        taskId);
  }

  /**
   * The due date is read again at the end: a coordinator may have moved it. One update, the hours included (as in
   * {@link #taken}).
   */
  void ended(String taskId, Instant at, String reason, Date due) {
    Timestamp when = Timestamp.from(at);
    jdbc.update(
        "update task_time set ended_at = ?, end_reason = ?, due_at = ?,"
            // Completed without being taken first (through the API): it waited until then and was
            // worked on at once.
            + " waiting_hours = coalesce(waiting_hours, "
            + Sql.hours("created_at", AT)
            + "), working_hours = case when ? = '"
            + COMPLETED
            + "' then "
            + Sql.hours("taken_at", AT)
            + " end, total_hours = "
            + Sql.hours("created_at", AT)
            + " where task_id = ? and ended_at is null",
        when,
        reason,
        due == null ? null : new Timestamp(due.getTime()),
        when,
        when,
        reason,
        when,
        when,
        when,
        when,
        taskId);
  }
}
