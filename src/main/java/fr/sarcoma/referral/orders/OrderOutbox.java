package fr.sarcoma.referral.orders;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The outbox of orders: one entry per order, written with it, consumed once by the dispatcher. */
@Component
class OrderOutbox {

  static final String PENDING = "PENDING";

  /** last_error is a varchar(2000) (V4). */
  static final int MAX_ERROR_LENGTH = 2000;

  record Entry(UUID orderId, String status, int attempts) {}

  private final JdbcTemplate jdbc;

  OrderOutbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void add(UUID orderId, Instant now) {
    jdbc.update(
        "insert into order_outbox (id, order_id, status, attempts, created_at) values (?, ?, ?, 0, ?)",
        UUID.randomUUID(),
        orderId,
        PENDING,
        Timestamp.from(now));
  }

  /** Locks the entry until the transaction ends: a second dispatcher waits, then finds it processed. */
  Optional<Entry> lock(UUID orderId) {
    return jdbc
        .query(
            "select order_id, status, attempts from order_outbox where order_id = ? for update",
            (rs, row) ->
                new Entry(
                    rs.getObject("order_id", UUID.class),
                    rs.getString("status"),
                    rs.getInt("attempts")),
            orderId)
        .stream()
        .findFirst();
  }

  /**
   * An attempt that ended with an answer (SENT, REJECTED with its reason) is counted with it. A
   * SENT keeps the error of the attempt before it: why the order was late stays on record.
   */
  void delivered(UUID orderId, OrderStatus status, String error, Instant now) {
    jdbc.update(
        """
        update order_outbox set status = ?, attempts = attempts + 1, last_attempt_at = ?,
          last_error = coalesce(?, last_error), processed_at = ? where order_id = ?
        """,
        status.name(),
        Timestamp.from(now),
        truncated(error),
        Timestamp.from(now),
        orderId);
  }

  /**
   * A failed attempt (receiver down, timed out, 5xx): counted with its error, the entry stays
   * PENDING for the job's next retry. Called in a transaction of its own, after the job's rolled
   * back (OrderDispatcher).
   */
  void failed(UUID orderId, String error, Instant now) {
    jdbc.update(
        """
        update order_outbox set attempts = attempts + 1, last_error = ?, last_attempt_at = ?
        where order_id = ? and status = ?
        """,
        truncated(error),
        Timestamp.from(now),
        orderId,
        PENDING);
  }

  /**
   * No attempt made: the order goes to the coordinators (no order system, or taken over after a
   * rejection, whose reason stays on record).
   */
  void processed(UUID orderId, OrderStatus status, Instant now) {
    jdbc.update(
        "update order_outbox set status = ?, processed_at = ? where order_id = ?",
        status.name(),
        Timestamp.from(now),
        orderId);
  }

  /** The sending of each order of a referral, by order id (orders without an entry are left out). */
  Map<UUID, OrderDispatch> ofReferral(UUID referralId) {
    Map<UUID, OrderDispatch> dispatches = new HashMap<>();
    jdbc.query(
        """
        select b.order_id, b.attempts, b.last_error, b.last_attempt_at from order_outbox b
        join exam_order o on o.id = b.order_id where o.referral_id = ?
        """,
        rs -> {
          OffsetDateTime last = rs.getObject("last_attempt_at", OffsetDateTime.class);
          dispatches.put(
              rs.getObject("order_id", UUID.class),
              new OrderDispatch(
                  rs.getInt("attempts"),
                  rs.getString("last_error"),
                  last == null ? null : last.toInstant()));
        },
        referralId);
    return dispatches;
  }

  private static String truncated(String error) {
    return error == null || error.length() <= MAX_ERROR_LENGTH
        ? error
        : error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
  }

  /** A coordinator asks to send a rejected order again. */
  void resend(UUID orderId) {
    jdbc.update(
        "update order_outbox set status = ?, processed_at = null where order_id = ?",
        PENDING,
        orderId);
  }
}
