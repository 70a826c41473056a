package dev.switchboard.store.money;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

/**
 * Payment-provider notifications, already signature-checked by the caller. Each is recorded by (provider, event id)
 * in the same transaction as its effect, so a notification delivered twice (or concurrently) credits once: the
 * second sees the recorded event and returns its first outcome.
 */
public final class PaymentEvents {
  private final RechargeOrders orders;
  private final Ledger ledger;

  public PaymentEvents(RechargeOrders orders, Ledger ledger) {
    this.orders = orders;
    this.ledger = ledger;
  }

  /** Outcome of one notification: {@code credited}, {@code duplicate}, or {@code ignored: <why>}. */
  public record Outcome(String result, Long orderId) {}

  /** A "payment succeeded" notification for {@code orderId} of {@code amount}. */
  public Outcome paid(String provider, String eventId, long orderId, BigDecimal amount, String providerRef) {
    Instant now = ledger.clock().instant();
    return Sql.tx(ledger.dataSource(), c -> {
      // Lock-free first: the primary key insert below is the real guard; this makes a replay cheap and clear.
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT outcome FROM payment_events WHERE provider = ? AND event_id = ?")) {
        Sql.bind(ps, provider, eventId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) return new Outcome("duplicate", orderId);
        }
      }
      // Serialises deliveries for the same order on its row, then on the event key.
      RechargeOrder o;
      try (PreparedStatement ps = c.prepareStatement("SELECT status FROM recharge_orders WHERE id = ? FOR UPDATE")) {
        ps.setLong(1, orderId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return record(c, provider, eventId, null, "ignored: unknown order", now);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT outcome FROM payment_events WHERE provider = ? AND event_id = ?")) {
        Sql.bind(ps, provider, eventId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) return new Outcome("duplicate", orderId);
        }
      }
      o = RechargeOrders.find(c, orderId);
      if (!RechargeOrder.PENDING.equals(o.status()) && !RechargeOrder.EXPIRED.equals(o.status())) {
        return record(c, provider, eventId, orderId, "ignored: order is " + o.status(), now);
      }
      orders.markPaid(c, orderId, amount, provider, providerRef, "webhook:" + provider, now);
      return record(c, provider, eventId, orderId, "credited", now);
    });
  }

  private static Outcome record(java.sql.Connection c, String provider, String eventId, Long orderId, String outcome,
                                Instant now) throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO payment_events (provider, event_id, order_id, outcome, received_at) VALUES (?,?,?,?,?)")) {
      Sql.bind(ps, provider, eventId, orderId, outcome, Sql.ts(now));
      ps.executeUpdate();
    }
    return new Outcome(outcome, orderId);
  }
}
