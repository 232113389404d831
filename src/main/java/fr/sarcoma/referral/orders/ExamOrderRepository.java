package fr.sarcoma.referral.orders;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
class ExamOrderRepository {

  private static final RowMapper<ExamOrder> ROWS =
      (rs, row) ->
          new ExamOrder(
              rs.getObject("id", UUID.class),
              rs.getObject("referral_id", UUID.class),
              Modality.valueOf(rs.getString("modality")),
              rs.getString("urgency"),
              rs.getString("protocol"),
              OrderStatus.valueOf(rs.getString("status")),
              rs.getObject("placed_at", OffsetDateTime.class).toInstant(),
              rs.getString("receiver_reference"),
              rs.getObject("scheduled_for", LocalDate.class),
              rs.getString("scheduled_place"),
              rs.getString("result_conclusion"),
              rs.getString("result_report"),
              rs.getObject("result_performed_on", LocalDate.class),
              instant(rs.getObject("result_received_at", OffsetDateTime.class)));

  private final JdbcTemplate jdbc;

  ExamOrderRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(ExamOrder order, String examProcessInstanceId) {
    jdbc.update(
        """
        insert into exam_order (id, referral_id, modality, urgency, protocol, status, placed_at, exam_process_instance_id)
        values (?, ?, ?, ?, ?, ?, ?, ?)
        """,
        order.id(),
        order.referralId(),
        order.modality().name(),
        order.urgency(),
        order.protocol(),
        order.status().name(),
        Timestamp.from(order.placedAt()),
        examProcessInstanceId);
  }

  Optional<ExamOrder> findPlacedBy(String examProcessInstanceId) {
    return jdbc
        .query(
            "select * from exam_order where exam_process_instance_id = ?",
            ROWS,
            examProcessInstanceId)
        .stream()
        .findFirst();
  }

  Optional<ExamOrder> find(UUID id) {
    return jdbc.query("select * from exam_order where id = ?", ROWS, id).stream().findFirst();
  }

  /** Locks the order row, so that two deliveries of the same result are applied one after the other. */
  Optional<ExamOrder> findForUpdate(UUID id) {
    return jdbc.query("select * from exam_order where id = ? for update", ROWS, id).stream()
        .findFirst();
  }

  List<ExamOrder> ofReferral(UUID referralId) {
    return jdbc.query(
        "select * from exam_order where referral_id = ? order by placed_at, id", ROWS, referralId);
  }

  void recordResult(
      UUID id, String conclusion, String report, LocalDate performedOn, Instant receivedAt) {
    jdbc.update(
        """
        update exam_order set status = ?, result_conclusion = ?, result_report = ?, result_performed_on = ?,
          result_received_at = ? where id = ?
        """,
        OrderStatus.REPORTED.name(),
        conclusion,
        report,
        performedOn,
        Timestamp.from(receivedAt),
        id);
  }

  List<ExamOrder> withStatus(OrderStatus status) {
    return jdbc.query(
        "select * from exam_order where status = ? order by placed_at, id", ROWS, status.name());
  }

  /** A result that came in first keeps the order REPORTED whatever happens to its dispatch. */
  void updateStatus(UUID id, OrderStatus status, String receiverReference) {
    jdbc.update(
        """
        update exam_order set receiver_reference = coalesce(?, receiver_reference),
          status = case when result_received_at is null then ? else status end
        where id = ?
        """,
        receiverReference,
        status.name(),
        id);
  }

  void schedule(UUID id, LocalDate scheduledFor, String scheduledPlace) {
    jdbc.update(
        "update exam_order set status = ?, scheduled_for = ?, scheduled_place = ? where id = ?",
        OrderStatus.SCHEDULED.name(),
        scheduledFor,
        scheduledPlace,
        id);
  }

  Optional<ExamOrder> findByReceiverReference(String receiverReference) {
    return jdbc
        .query("select * from exam_order where receiver_reference = ?", ROWS, receiverReference)
        .stream()
        .findFirst();
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
