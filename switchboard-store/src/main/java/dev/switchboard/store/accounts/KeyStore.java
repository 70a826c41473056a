package dev.switchboard.store.accounts;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Tenant gateway keys, stored by the SHA-256 hex of the secret (never the secret). Every change sets
 * {@code version} to the change time in microseconds, so other instances find changed keys with one indexed query.
 */
public final class KeyStore {
  /** A key row; {@code keyHash} is the SHA-256 of the secret, {@code keyPrefix} its first characters for display. */
  public record Key(long id, long tenantId, String name, String keyHash, String keyPrefix, String scopeKind,
                    List<String> scopeModels, List<String> allowedEndpoints, String role, Instant expiresAt,
                    Integer ratePerMinute, BigDecimal spendLimit, String status, Instant createdAt, long version,
                    BigDecimal spent) {
    @Override public String toString() { return "Key[" + id + ", " + name + ", tenant " + tenantId + "]"; }
  }

  /** Fields a tenant sets when creating or changing a key. */
  public record KeyFields(String name, String scopeKind, List<String> scopeModels, List<String> allowedEndpoints,
                          String role, Instant expiresAt, Integer ratePerMinute, BigDecimal spendLimit) {}

  private static final String COLS = "id, tenant_id, name, key_hash, key_prefix, scope_kind, scope_models,"
      + " allowed_endpoints, role, expires_at, rate_limit_per_minute, spend_limit, status, created_at, version, spent";
  private final Jdbc db;

  public KeyStore(DataSource ds) { this.db = new Jdbc(ds); }

  public long create(long tenantId, String keyHash, String keyPrefix, KeyFields f, Instant now) {
    return db.insert("INSERT INTO api_keys (tenant_id, name, key_hash, key_prefix, scope_kind, scope_models,"
            + " allowed_endpoints, role, expires_at, rate_limit_per_minute, spend_limit, status, created_at, updated_at,"
            + " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)",
        tenantId, f.name(), keyHash, keyPrefix, f.scopeKind(), Jdbc.orNull(join(f.scopeModels())),
        Jdbc.orNull(join(f.allowedEndpoints())), f.role(), Jdbc.orNull(f.expiresAt()), Jdbc.orNull(f.ratePerMinute()),
        Jdbc.orNull(f.spendLimit()), now, now, micros(now));
  }

  public Optional<Key> byHash(String keyHash) {
    return db.one("SELECT " + COLS + " FROM api_keys WHERE key_hash = ?", KeyStore::key, keyHash);
  }

  /** A tenant's key: another tenant's id finds nothing. */
  public Optional<Key> find(long tenantId, long id) {
    return db.one("SELECT " + COLS + " FROM api_keys WHERE id = ? AND tenant_id = ?", KeyStore::key, id, tenantId);
  }

  public Optional<Key> findAny(long id) {
    return db.one("SELECT " + COLS + " FROM api_keys WHERE id = ?", KeyStore::key, id);
  }

  public List<Key> ofTenant(long tenantId) {
    return db.list("SELECT " + COLS + " FROM api_keys WHERE tenant_id = ? ORDER BY id", KeyStore::key, tenantId);
  }

  public boolean update(long tenantId, long id, KeyFields f, Instant now) {
    return db.update("UPDATE api_keys SET name = ?, scope_kind = ?, scope_models = ?, allowed_endpoints = ?, role = ?,"
            + " expires_at = ?, rate_limit_per_minute = ?, spend_limit = ?, updated_at = ?, version = ?"
            + " WHERE id = ? AND tenant_id = ? AND status <> 'revoked'",
        f.name(), f.scopeKind(), Jdbc.orNull(join(f.scopeModels())), Jdbc.orNull(join(f.allowedEndpoints())), f.role(),
        Jdbc.orNull(f.expiresAt()), Jdbc.orNull(f.ratePerMinute()), Jdbc.orNull(f.spendLimit()), now, micros(now),
        id, tenantId) == 1;
  }

  /** active | disabled | revoked; a revoked key stays revoked. */
  public boolean setStatus(long tenantId, long id, String status, Instant now) {
    return db.update("UPDATE api_keys SET status = ?, updated_at = ?, version = ? WHERE id = ? AND tenant_id = ?"
        + " AND status <> 'revoked'", status, now, micros(now), id, tenantId) == 1;
  }

  /** Keys changed at or after {@code sinceVersion} (cache invalidation across instances). */
  public List<Key> changedSince(long sinceVersion) {
    return db.list("SELECT " + COLS + " FROM api_keys WHERE version >= ?", KeyStore::key, sinceVersion);
  }

  /** What each key with a spend limit has been charged so far (written with its usage rows). */
  public java.util.Map<Long, BigDecimal> spentOfLimitedKeys() {
    var out = new java.util.HashMap<Long, BigDecimal>();
    db.list("SELECT id, spent FROM api_keys WHERE spend_limit IS NOT NULL AND status = 'active'",
        rs -> out.put(rs.getLong(1), rs.getBigDecimal(2)));
    return out;
  }

  /** What each of these keys has been charged so far. */
  public java.util.Map<Long, BigDecimal> spentOf(java.util.Collection<Long> ids) {
    var out = new java.util.HashMap<Long, BigDecimal>();
    if (ids.isEmpty()) return out;
    String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
    db.list("SELECT id, spent FROM api_keys WHERE id IN (" + marks + ")", rs -> out.put(rs.getLong(1), rs.getBigDecimal(2)),
        ids.toArray());
    return out;
  }

  /** What one key has been charged so far; null when there is no such key. */
  public BigDecimal spent(long id) {
    return db.one("SELECT spent FROM api_keys WHERE id = ?", rs -> rs.getBigDecimal(1), id).orElse(null);
  }

  public static long micros(Instant t) { return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000; }

  private static String join(List<String> l) { return l == null || l.isEmpty() ? null : String.join(",", l); }

  private static List<String> split(String s) { return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(",")); }

  private static Key key(ResultSet rs) throws SQLException {
    return new Key(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("name"), rs.getString("key_hash"),
        rs.getString("key_prefix"), rs.getString("scope_kind"), split(rs.getString("scope_models")),
        split(rs.getString("allowed_endpoints")), rs.getString("role"), Jdbc.time(rs, "expires_at"),
        Jdbc.intOrNull(rs, "rate_limit_per_minute"), Jdbc.decimal(rs, "spend_limit"), rs.getString("status"),
        Jdbc.time(rs, "created_at"), rs.getLong("version"), Jdbc.decimal(rs, "spent"));
  }
}
