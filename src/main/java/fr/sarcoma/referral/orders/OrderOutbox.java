package fr.sarcoma.referral.orders;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The outbox of orders: one entry per order, written with it, consumed once by the dispatcher. */
@Component
class OrderOutbox {

  static final String PENDING = "PENDING";

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

  void attempt(UUID orderId) {
    jdbc.update("update order_outbox set attempts = attempts + 1 where order_id = ?", orderId);
  }

  void processed(UUID orderId, OrderStatus status, String error, Instant now) {
    jdbc.update(
        "update order_outbox set status = ?, last_error = ?, processed_at = ? where order_id = ?",
        status.name(),
        error,
        Timestamp.from(now),
        orderId);
  }

  /** A coordinator asks to send a rejected order again. */
  void resend(UUID orderId) {
    jdbc.update(
        "update order_outbox set status = ?, processed_at = null where order_id = ?",
        PENDING,
        orderId);
  }
}
