package dev.switchboard.store.money;

import dev.switchboard.billing.Money;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The only way a balance changes: {@link #append} locks the tenant's balance row, appends one entry with its reason
 * and reference, and moves the running balance by the same amount in the same transaction. (kind, reference) is
 * unique, so replaying an operation (a webhook, a journal) cannot apply it twice. {@link #reconcile} proves that
 * every running balance equals the sum of its entries.
 */
public final class Ledger {
  private final DataSource ds;
  private final Clock clock;

  public Ledger(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  DataSource dataSource() { return ds; }

  Clock clock() { return clock; }

  /** Credits or debits outside a usage charge (recharge, voucher, refund, adjustment), in its own transaction. */
  public LedgerEntry post(long tenantId, LedgerKind kind, BigDecimal amount, String reason, String reference,
                          String actor) {
    if (kind == LedgerKind.USAGE) throw MoneyException.invalid("kind", "usage charges come from metering only");
    if (amount == null || amount.signum() == 0) throw MoneyException.invalid("amount", "amount must not be 0");
    if (reason == null || reason.isBlank()) throw MoneyException.invalid("reason", "a reason is required");
    return Sql.tx(ds, c -> append(c, tenantId, kind, amount, reason, reference, actor, clock.instant()));
  }

  /**
   * Appends inside the caller's transaction. Throws {@link MoneyException} {@code conflict} when (kind, reference)
   * was already booked.
   */
  static LedgerEntry append(Connection c, long tenantId, LedgerKind kind, BigDecimal amount, String reason,
                            String reference, String actor, Instant now) throws SQLException {
    BigDecimal[] row = lockBalance(c, tenantId, now);
    BigDecimal after = row[0].add(amount);
    if (exists(c, kind, reference)) throw MoneyException.conflict(kind.wire() + " '" + reference + "' was already booked");
    long id;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_entries (tenant_id, kind, amount, balance_after,"
        + " reason, reference, actor, created_at) VALUES (?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
      Sql.bind(ps, tenantId, kind.wire(), Money.of(amount), Money.of(after), reason, reference, actor, Sql.ts(now));
      ps.executeUpdate();
      try (ResultSet k = ps.getGeneratedKeys()) {
        k.next();
        id = k.getLong(1);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE tenant_balances SET balance = ?, updated_at = ? WHERE tenant_id = ?")) {
      Sql.bind(ps, Money.of(after), Sql.ts(now), tenantId);
      ps.executeUpdate();
    }
    return new LedgerEntry(id, tenantId, kind, Money.of(amount), Money.of(after), reason, reference, actor, now);
  }

  private static boolean exists(Connection c, LedgerKind kind, String reference) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM ledger_entries WHERE kind = ? AND reference = ?")) {
      Sql.bind(ps, kind.wire(), reference);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Locks (creating when missing) the tenant's balance row; returns {balance, leased}. */
  static BigDecimal[] lockBalance(Connection c, long tenantId, Instant now) throws SQLException {
    for (int i = 0; i < 2; i++) {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT balance, leased FROM tenant_balances WHERE tenant_id = ? FOR UPDATE")) {
        ps.setLong(1, tenantId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) return new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2)};
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenant_balances (tenant_id, balance, leased,"
          + " updated_at) VALUES (?, 0, 0, ?) ON CONFLICT DO NOTHING")) {
        Sql.bind(ps, tenantId, Sql.ts(now));
        ps.executeUpdate();
      }
    }
    throw new SQLException("tenant_balances row of tenant " + tenantId + " could not be created");
  }

  /** The tenant's balance (0 when it never had an entry). */
  public BigDecimal balance(long tenantId) {
    return Sql.tx(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT balance FROM tenant_balances WHERE tenant_id = ?")) {
        ps.setLong(1, tenantId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Money.of(rs.getBigDecimal(1)) : Money.ZERO;
        }
      }
    });
  }

  /** Balance and leased amount of every tenant that has a balance row. */
  public List<Balance> balances() { return balances(TenantFilter.ALL); }

  /** Balance and leased amount of the filter's tenants that have a balance row. */
  public List<Balance> balances(TenantFilter tenants) {
    StringBuilder sql = new StringBuilder("SELECT tenant_id, balance, leased, updated_at FROM tenant_balances WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    tenants.append(sql, args);
    sql.append(" ORDER BY tenant_id");
    return Sql.tx(ds, c -> {
      List<Balance> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        Sql.bind(ps, args.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Balance(rs.getLong(1), Money.of(rs.getBigDecimal(2)), Money.of(rs.getBigDecimal(3)),
                Sql.instant(rs.getTimestamp(4))));
          }
        }
      }
      return out;
    });
  }

  public record Balance(long tenantId, BigDecimal balance, BigDecimal leased, Instant updatedAt) {}

  /**
   * A tenant's entries, newest first; {@code tenantId} null = every tenant. Bounded by {@code from}/{@code to}
   * (either may be null) and {@code limit}.
   */
  public List<LedgerEntry> entries(Long tenantId, Instant from, Instant to, int limit) {
    StringBuilder sql = new StringBuilder("SELECT id, tenant_id, kind, amount, balance_after, reason, reference, actor,"
        + " created_at FROM ledger_entries WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (tenantId != null) { sql.append(" AND tenant_id = ?"); args.add(tenantId); }
    if (from != null) { sql.append(" AND created_at >= ?"); args.add(Sql.ts(from)); }
    if (to != null) { sql.append(" AND created_at < ?"); args.add(Sql.ts(to)); }
    sql.append(" ORDER BY id DESC LIMIT ?");
    args.add(Math.max(1, limit));
    return Sql.tx(ds, c -> {
      List<LedgerEntry> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        Sql.bind(ps, args.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(entry(rs));
        }
      }
      return out;
    });
  }

  static LedgerEntry entry(ResultSet rs) throws SQLException {
    return new LedgerEntry(rs.getLong(1), rs.getLong(2), LedgerKind.parse(rs.getString(3)), Money.of(rs.getBigDecimal(4)),
        Money.of(rs.getBigDecimal(5)), rs.getString(6), rs.getString(7), rs.getString(8), Sql.instant(rs.getTimestamp(9)));
  }

  /**
   * The reconciliation check: every tenant's running balance must equal the sum of its ledger entries, and its
   * leased amount the sum of its instance leases. Mismatches are listed (and never corrected silently); the
   * outcome is stored in {@code reconciliations}.
   */
  public Reconciliation reconcile() {
    Instant now = clock.instant();
    return Sql.tx(ds, c -> {
      List<String> problems = new ArrayList<>();
      int tenants = 0;
      try (PreparedStatement ps = c.prepareStatement("SELECT b.tenant_id, b.balance, b.leased,"
          + " (SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entries e WHERE e.tenant_id = b.tenant_id),"
          + " (SELECT COALESCE(SUM(l.amount), 0) FROM balance_leases l WHERE l.tenant_id = b.tenant_id)"
          + " FROM tenant_balances b ORDER BY b.tenant_id");
           ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tenants++;
          long t = rs.getLong(1);
          BigDecimal balance = rs.getBigDecimal(2);
          BigDecimal sum = rs.getBigDecimal(4);
          if (balance.compareTo(sum) != 0) {
            problems.add("tenant " + t + ": balance " + balance.toPlainString() + " != ledger sum " + sum.toPlainString());
          }
          if (rs.getBigDecimal(3).compareTo(rs.getBigDecimal(5)) != 0) {
            problems.add("tenant " + t + ": leased " + rs.getBigDecimal(3).toPlainString() + " != sum of leases "
                + rs.getBigDecimal(5).toPlainString());
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT e.tenant_id FROM ledger_entries e"
          + " WHERE NOT EXISTS (SELECT 1 FROM tenant_balances b WHERE b.tenant_id = e.tenant_id)");
           ResultSet rs = ps.executeQuery()) {
        while (rs.next()) problems.add("tenant " + rs.getLong(1) + ": ledger entries without a balance row");
      }
      String detail = problems.isEmpty() ? null : String.join("; ", problems);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO reconciliations (ran_at, tenants, mismatches, detail) VALUES (?,?,?,?)")) {
        Sql.bind(ps, Sql.ts(now), tenants, problems.size(), detail);
        ps.executeUpdate();
      }
      return new Reconciliation(now, tenants, List.copyOf(problems));
    });
  }

  public record Reconciliation(Instant ranAt, int tenants, List<String> mismatches) {
    public boolean ok() { return mismatches.isEmpty(); }
  }
}
