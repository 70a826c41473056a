package dev.switchboard.store.money;

import dev.switchboard.billing.Money;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Balance handed out to gateway instances in chunks so reservations happen in memory: taking a chunk locks the
 * tenant's balance row ({@code SELECT ... FOR UPDATE}) and grants at most {@code balance + overdraft - leased}, so
 * the sum of every instance's lease never exceeds what the tenant has (plus the configured overdraft). The
 * database is hit once per chunk, not once per request.
 */
public final class Leases {
  private final DataSource ds;
  private final Clock clock;

  public Leases(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  /**
   * Grants up to {@code want} more to {@code instance}'s lease of the tenant; returns what was granted (0 when
   * nothing is available). {@code overdraft} is how far below zero the tenant may be reserved.
   */
  public BigDecimal acquire(String instance, long tenant, BigDecimal want, BigDecimal overdraft) {
    Instant now = clock.instant();
    return Sql.tx(ds, c -> {
      BigDecimal[] row = Ledger.lockBalance(c, tenant, now);
      BigDecimal available = row[0].add(overdraft).subtract(row[1]);
      BigDecimal grant = available.min(want);
      if (grant.signum() <= 0) return Money.ZERO;
      grant = Money.of(grant);
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE tenant_balances SET leased = leased + ?, updated_at = ? WHERE tenant_id = ?")) {
        Sql.bind(ps, grant, Sql.ts(now), tenant);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE balance_leases SET amount = amount + ?, updated_at = ?"
          + " WHERE instance_id = ? AND tenant_id = ?")) {
        Sql.bind(ps, grant, Sql.ts(now), instance, tenant);
        if (ps.executeUpdate() == 0) {
          try (PreparedStatement ins = c.prepareStatement(
              "INSERT INTO balance_leases (instance_id, tenant_id, amount, updated_at) VALUES (?,?,?,?)")) {
            Sql.bind(ins, instance, tenant, grant, Sql.ts(now));
            ins.executeUpdate();
          }
        }
      }
      return grant;
    });
  }

  /** Gives back {@code amount} of the instance's lease (unused balance), never more than it holds. */
  public BigDecimal release(String instance, long tenant, BigDecimal amount) {
    Instant now = clock.instant();
    return Sql.tx(ds, c -> {
      Ledger.lockBalance(c, tenant, now);
      BigDecimal held;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT amount FROM balance_leases WHERE instance_id = ? AND tenant_id = ? FOR UPDATE")) {
        Sql.bind(ps, instance, tenant);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Money.ZERO;
          held = rs.getBigDecimal(1);
        }
      }
      BigDecimal back = Money.of(amount.min(held));
      if (back.signum() <= 0) return Money.ZERO;
      try (PreparedStatement ps = c.prepareStatement("UPDATE balance_leases SET amount = amount - ?, updated_at = ?"
          + " WHERE instance_id = ? AND tenant_id = ?")) {
        Sql.bind(ps, back, Sql.ts(now), instance, tenant);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE tenant_balances SET leased = leased - ?, updated_at = ? WHERE tenant_id = ?")) {
        Sql.bind(ps, back, Sql.ts(now), tenant);
        ps.executeUpdate();
      }
      return back;
    });
  }

  /**
   * Drops every lease of the instance: at startup (after its journal was replayed, the in-memory reservations of
   * the previous process are gone) and at shutdown. A negative lease (overshoot already billed) is dropped too.
   */
  public void releaseAll(String instance) {
    Instant now = clock.instant();
    List<Long> tenants = Sql.tx(ds, c -> {
      List<Long> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT tenant_id FROM balance_leases WHERE instance_id = ? ORDER BY tenant_id")) {
        ps.setString(1, instance);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(rs.getLong(1));
        }
      }
      return out;
    });
    for (long tenant : tenants) {
      Sql.tx(ds, c -> {
        Ledger.lockBalance(c, tenant, now);
        BigDecimal held;
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT amount FROM balance_leases WHERE instance_id = ? AND tenant_id = ? FOR UPDATE")) {
          Sql.bind(ps, instance, tenant);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) return null;
            held = rs.getBigDecimal(1);
          }
        }
        try (PreparedStatement ps = c.prepareStatement(
            "DELETE FROM balance_leases WHERE instance_id = ? AND tenant_id = ?")) {
          Sql.bind(ps, instance, tenant);
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE tenant_balances SET leased = leased - ?, updated_at = ? WHERE tenant_id = ?")) {
          Sql.bind(ps, held, Sql.ts(now), tenant);
          ps.executeUpdate();
        }
        return null;
      });
    }
  }

  /** The instance's current lease of the tenant (0 when none). */
  public BigDecimal held(String instance, long tenant) {
    return Sql.tx(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT amount FROM balance_leases WHERE instance_id = ? AND tenant_id = ?")) {
        Sql.bind(ps, instance, tenant);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Money.of(rs.getBigDecimal(1)) : Money.ZERO;
        }
      }
    });
  }
}
