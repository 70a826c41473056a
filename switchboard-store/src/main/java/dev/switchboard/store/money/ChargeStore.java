package dev.switchboard.store.money;

import dev.switchboard.billing.Money;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Writes metered requests in batches, one transaction per batch: the usage rows, one negative {@code usage} ledger
 * entry per charged request (reference = request id), and per tenant one update of the running balance and of the
 * paying instance's lease, and per key one update of its running spend. Request ids already stored are skipped, so a batch replayed after a crash bills once.
 * Tenant rows are locked in id order, so concurrent batches of several instances cannot deadlock.
 */
public final class ChargeStore {
  private final DataSource ds;

  public ChargeStore(DataSource ds) { this.ds = ds; }

  /** Stores the batch; returns how many were new (the others were already billed). */
  public int write(List<ChargeRecord> batch) {
    if (batch.isEmpty()) return 0;
    return Sql.tx(ds, c -> {
      List<ChargeRecord> fresh = withoutStored(c, batch);
      if (fresh.isEmpty()) return 0;
      insertUsage(c, fresh);
      Instant now = Instant.now();
      Map<Long, List<ChargeRecord>> byTenant = new TreeMap<>();
      for (ChargeRecord r : fresh) {
        if (r.cost().signum() != 0) byTenant.computeIfAbsent(r.tenantId(), k -> new ArrayList<>()).add(r);
      }
      try (PreparedStatement entry = c.prepareStatement("INSERT INTO ledger_entries (tenant_id, kind, amount,"
          + " balance_after, reason, reference, actor, created_at) VALUES (?,?,?,?,?,?,?,?)")) {
        for (var e : byTenant.entrySet()) {
          long tenant = e.getKey();
          BigDecimal balance = Ledger.lockBalance(c, tenant, now)[0];
          BigDecimal total = BigDecimal.ZERO;
          Map<String, BigDecimal> byInstance = new LinkedHashMap<>();
          for (ChargeRecord r : e.getValue()) {
            balance = balance.subtract(r.cost());
            total = total.add(r.cost());
            if (r.instanceId() != null) byInstance.merge(r.instanceId(), r.cost(), BigDecimal::add);
            Sql.bind(entry, tenant, LedgerKind.USAGE.wire(), Money.of(r.cost().negate()), Money.of(balance),
                "usage " + r.model(), r.requestId(), null, Sql.ts(r.time()));
            entry.addBatch();
          }
          BigDecimal leasedDown = BigDecimal.ZERO;
          for (var li : byInstance.entrySet()) leasedDown = leasedDown.add(consumeLease(c, li.getKey(), tenant, li.getValue(), now));
          try (PreparedStatement ps = c.prepareStatement("UPDATE tenant_balances SET balance = balance - ?,"
              + " leased = leased - ?, updated_at = ? WHERE tenant_id = ?")) {
            Sql.bind(ps, Money.of(total), Money.of(leasedDown), Sql.ts(now), tenant);
            ps.executeUpdate();
          }
        }
        entry.executeBatch();
      }
      addKeySpend(c, fresh);
      return fresh.size();
    });
  }

  /** Each key's running spend (its spend limit is checked against it); keys in id order, after the tenants. */
  private static void addKeySpend(Connection c, List<ChargeRecord> fresh) throws SQLException {
    Map<Long, BigDecimal> byKey = new TreeMap<>();
    for (ChargeRecord r : fresh) {
      if (r.keyId() != null && r.cost().signum() != 0) byKey.merge(r.keyId(), r.cost(), BigDecimal::add);
    }
    if (byKey.isEmpty()) return;
    try (PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET spent = spent + ? WHERE id = ?")) {
      for (var e : byKey.entrySet()) {
        Sql.bind(ps, Money.of(e.getValue()), e.getKey());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * What the instance spent came out of its lease (it reserved from it in memory). Returns the amount taken off the
   * tenant's leased total: all of it when the instance holds a lease row (which may go negative: an overshoot),
   * nothing when it holds none (released at restart before its journal was replayed).
   */
  private static BigDecimal consumeLease(Connection c, String instance, long tenant, BigDecimal amount, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE balance_leases SET amount = amount - ?, updated_at = ?"
        + " WHERE instance_id = ? AND tenant_id = ?")) {
      Sql.bind(ps, Money.of(amount), Sql.ts(now), instance, tenant);
      return ps.executeUpdate() == 1 ? amount : BigDecimal.ZERO;
    }
  }

  private static List<ChargeRecord> withoutStored(Connection c, List<ChargeRecord> batch) throws SQLException {
    Set<String> stored = new HashSet<>();
    // Chunks of 500 keep the IN list within every driver's parameter limit.
    for (int from = 0; from < batch.size(); from += 500) {
      List<ChargeRecord> part = batch.subList(from, Math.min(batch.size(), from + 500));
      StringBuilder sql = new StringBuilder("SELECT request_id FROM usage_records WHERE request_id IN (");
      for (int i = 0; i < part.size(); i++) sql.append(i == 0 ? "?" : ",?");
      try (PreparedStatement ps = c.prepareStatement(sql.append(')').toString())) {
        for (int i = 0; i < part.size(); i++) ps.setString(i + 1, part.get(i).requestId());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) stored.add(rs.getString(1));
        }
      }
    }
    List<ChargeRecord> fresh = new ArrayList<>(batch.size());
    Set<String> seen = new HashSet<>();
    for (ChargeRecord r : batch) if (!stored.contains(r.requestId()) && seen.add(r.requestId())) fresh.add(r);
    return fresh;
  }

  private static void insertUsage(Connection c, List<ChargeRecord> rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage_records (request_id, tenant_id, key_id, model,"
        + " endpoint, status, time, input_tokens, uncached_tokens, cached_tokens, cache_write_tokens, output_tokens,"
        + " reasoning_tokens, cost, raw_usage, instance_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      for (ChargeRecord r : rows) {
        Sql.bind(ps, r.requestId(), r.tenantId(), r.keyId(), r.model(), r.endpoint(), r.status(), Sql.ts(r.time()),
            r.inputTokens(), r.uncachedTokens(), r.cachedTokens(), r.cacheWriteTokens(), r.outputTokens(),
            r.reasoningTokens(), Money.of(r.cost()), r.rawUsage(), r.instanceId());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** True when the request was billed (tests and replay checks). */
  public boolean billed(String requestId) {
    return Sql.tx(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM usage_records WHERE request_id = ?")) {
        ps.setString(1, requestId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }
}
