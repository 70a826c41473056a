package dev.switchboard.store.money;

import dev.switchboard.billing.Money;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Recharge orders: pending -> paid | cancelled | expired, every transition a conditional UPDATE on the pending
 * state, so two concurrent settlements (webhook and operator, or a webhook delivered twice) credit once. Paying
 * appends the {@code recharge} ledger entry (reference {@code order:<id>}) in the same transaction.
 */
public final class RechargeOrders {
  private final Ledger ledger;
  private final Duration ttl;
  private final String currency;

  public RechargeOrders(Ledger ledger, Duration ttl, String currency) {
    this.ledger = ledger;
    this.ttl = ttl;
    this.currency = currency;
  }

  public RechargeOrder create(long tenantId, BigDecimal amount) {
    Instant now = ledger.clock().instant();
    return Sql.tx(ledger.dataSource(), c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO recharge_orders (tenant_id, amount, currency, status,"
          + " created_at, expires_at) VALUES (?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
        Sql.bind(ps, tenantId, Money.of(amount), currency, RechargeOrder.PENDING, Sql.ts(now), Sql.ts(now.plus(ttl)));
        ps.executeUpdate();
        try (ResultSet k = ps.getGeneratedKeys()) {
          k.next();
          return find(c, k.getLong(1));
        }
      }
    });
  }

  /** The order; with {@code tenantId} given, only that tenant's (else not found: no oracle across tenants). */
  public RechargeOrder get(long id, Long tenantId) {
    expireDue();
    return Sql.tx(ledger.dataSource(), c -> {
      RechargeOrder o = find(c, id);
      if (o == null || (tenantId != null && o.tenantId() != tenantId)) throw MoneyException.notFound("Order " + id);
      return o;
    });
  }

  public List<RechargeOrder> list(TenantFilter tenants, String status, int limit) {
    expireDue();
    StringBuilder sql = new StringBuilder(SELECT + " WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    tenants.append(sql, args);
    if (status != null) { sql.append(" AND status = ?"); args.add(status); }
    sql.append(" ORDER BY id DESC LIMIT ?");
    args.add(Math.max(1, limit));
    return Sql.tx(ledger.dataSource(), c -> {
      List<RechargeOrder> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        Sql.bind(ps, args.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(order(rs));
        }
      }
      return out;
    });
  }

  /** The tenant cancels its own pending order. */
  public RechargeOrder cancel(long id, long tenantId) {
    Instant now = ledger.clock().instant();
    return Sql.tx(ledger.dataSource(), c -> {
      RechargeOrder o = find(c, id);
      if (o == null || o.tenantId() != tenantId) throw MoneyException.notFound("Order " + id);
      try (PreparedStatement ps = c.prepareStatement("UPDATE recharge_orders SET status = ?, settled_at = ?,"
          + " settled_by = ? WHERE id = ? AND status = ?")) {
        Sql.bind(ps, RechargeOrder.CANCELLED, Sql.ts(now), "tenant", id, RechargeOrder.PENDING);
        if (ps.executeUpdate() == 0) throw MoneyException.conflict("Order " + id + " is " + o.status() + ", not pending");
      }
      return find(c, id);
    });
  }

  /**
   * Marks a pending order paid and credits the tenant, atomically. {@code amount} (when the payment provider
   * reports one) must equal the order's. Paying an order that is already paid is a conflict, never a second credit.
   * An expired order can still be paid (the money arrived); a cancelled one cannot.
   */
  public RechargeOrder markPaid(long id, BigDecimal amount, String provider, String providerRef, String actor) {
    Instant now = ledger.clock().instant();
    return Sql.tx(ledger.dataSource(), c -> markPaid(c, id, amount, provider, providerRef, actor, now));
  }

  RechargeOrder markPaid(Connection c, long id, BigDecimal amount, String provider, String providerRef, String actor,
                         Instant now) throws SQLException {
    RechargeOrder o = find(c, id);
    if (o == null) throw MoneyException.notFound("Order " + id);
    if (amount != null && amount.compareTo(o.amount()) != 0) {
      throw MoneyException.invalid("amount", "paid amount " + amount.toPlainString() + " differs from the order's "
          + o.amount().toPlainString());
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE recharge_orders SET status = ?, provider = ?,"
        + " provider_ref = ?, settled_at = ?, settled_by = ? WHERE id = ? AND status IN (?, ?)")) {
      Sql.bind(ps, RechargeOrder.PAID, provider, providerRef, Sql.ts(now), actor, id, RechargeOrder.PENDING,
          RechargeOrder.EXPIRED);
      if (ps.executeUpdate() == 0) throw MoneyException.conflict("Order " + id + " is " + o.status() + ", not pending");
    }
    LedgerEntry e = Ledger.append(c, o.tenantId(), LedgerKind.RECHARGE, o.amount(), "recharge order " + id,
        "order:" + id, actor, now);
    try (PreparedStatement ps = c.prepareStatement("UPDATE recharge_orders SET ledger_entry = ? WHERE id = ?")) {
      Sql.bind(ps, e.id(), id);
      ps.executeUpdate();
    }
    return find(c, id);
  }

  /** Pending orders past their expiry become expired; returns how many. */
  public int expireDue() {
    Instant now = ledger.clock().instant();
    return Sql.tx(ledger.dataSource(), c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE recharge_orders SET status = ?, settled_at = ?,"
          + " settled_by = ? WHERE status = ? AND expires_at <= ?")) {
        Sql.bind(ps, RechargeOrder.EXPIRED, Sql.ts(now), "expiry", RechargeOrder.PENDING, Sql.ts(now));
        return ps.executeUpdate();
      }
    });
  }

  private static final String SELECT = "SELECT id, tenant_id, amount, currency, status, provider, provider_ref,"
      + " created_at, expires_at, settled_at, settled_by, ledger_entry FROM recharge_orders";

  static RechargeOrder find(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? order(rs) : null;
      }
    }
  }

  private static RechargeOrder order(ResultSet rs) throws SQLException {
    long entry = rs.getLong(12);
    return new RechargeOrder(rs.getLong(1), rs.getLong(2), Money.of(rs.getBigDecimal(3)), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getString(7), Sql.instant(rs.getTimestamp(8)),
        Sql.instant(rs.getTimestamp(9)), Sql.instant(rs.getTimestamp(10)), rs.getString(11),
        rs.wasNull() ? null : entry);
  }
}
