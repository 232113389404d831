package fr.sarcoma.referral.referral;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The answers of a user task's form that no feature table records ({@code task_answer}, V14): what a
 * clinician or a coordinator wrote on completing a task (a classification comment, a pathology review, a note on
 * an overdue or refused order...), kept in the referral's record instead of the engine's variables and history.
 * Written once per completed task, never changed.
 */
@Component
public class TaskAnswers {

  /** The completed task the answers belong to; {@code referralId} is null for a task outside a referral. */
  public record Task(
      UUID referralId,
      String processInstanceId,
      String taskId,
      String taskDefinitionKey,
      String taskName,
      String formId,
      String answeredBy) {}

  /** One field's answer: its key, the label the form showed, the answer as one line of text. */
  public record Answer(String field, String label, String answer) {}

  /** A recorded answer, with its task. */
  public record Recorded(
      String taskId,
      String taskDefinitionKey,
      String taskName,
      String field,
      String label,
      String answer,
      String answeredBy,
      Instant answeredAt) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;

  TaskAnswers(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records the answers of a task being completed, in its transaction (a refused completion leaves nothing). */
  public void record(Task task, List<Answer> answers) {
    Timestamp now = Timestamp.from(clock.instant());
    for (int order = 0; order < answers.size(); order++) {
      Answer answer = answers.get(order);
      jdbc.update(
          """
          insert into task_answer (id, referral_id, process_instance_id, task_id, task_definition_key, task_name,
            form_id, field_key, field_order, label, answer, answered_by, answered_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
          UUID.randomUUID(),
          task.referralId(),
          task.processInstanceId(),
          task.taskId(),
          task.taskDefinitionKey(),
          task.taskName(),
          task.formId(),
          answer.field(),
          order,
          answer.label(),
          answer.answer(),
          task.answeredBy(),
          now);
    }
  }

  /** A referral's recorded answers, oldest task first, each task's fields in its form's order. */
  public List<Recorded> ofReferral(UUID referralId) {
    return jdbc.query(
        """
        select task_id, task_definition_key, task_name, field_key, label, answer, answered_by, answered_at
        from task_answer where referral_id = ? order by answered_at, task_id, field_order
        """,
        (rs, row) ->
            new Recorded(
                rs.getString("task_id"),
                rs.getString("task_definition_key"),
                rs.getString("task_name"),
                rs.getString("field_key"),
                rs.getString("label"),
                rs.getString("answer"),
                rs.getString("answered_by"),
                rs.getObject("answered_at", OffsetDateTime.class).toInstant()),
        referralId);
  }
}
