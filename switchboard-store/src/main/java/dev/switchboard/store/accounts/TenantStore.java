package dev.switchboard.store.accounts;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Tenants and resellers. */
public final class TenantStore {
  public record Tenant(long id, String name, String status, Long resellerId, BigDecimal priceMultiplier,
                       Instant createdAt) {}

  public record Reseller(long id, String name, Instant createdAt) {}

  private static final String COLS = "id, name, status, reseller_id, price_multiplier, created_at";
  private final Jdbc db;

  public TenantStore(DataSource ds) { this.db = new Jdbc(ds); }

  public long create(String name, Long resellerId, Instant now) {
    return db.insert("INSERT INTO tenants (name, status, reseller_id, created_at) VALUES (?, 'active', ?, ?)",
        name, Jdbc.orNull(resellerId), now);
  }

  public Optional<Tenant> find(long id) {
    return db.one("SELECT " + COLS + " FROM tenants WHERE id = ?", TenantStore::tenant, id);
  }

  /** Every tenant, or a reseller's own when {@code resellerId} is not null. */
  public List<Tenant> list(Long resellerId) {
    if (resellerId == null) return db.list("SELECT " + COLS + " FROM tenants ORDER BY id", TenantStore::tenant);
    return db.list("SELECT " + COLS + " FROM tenants WHERE reseller_id = ? ORDER BY id", TenantStore::tenant, resellerId);
  }

  public boolean update(long id, String name, String status, Long resellerId, BigDecimal multiplier) {
    return db.update("UPDATE tenants SET name = ?, status = ?, reseller_id = ?, price_multiplier = ? WHERE id = ?",
        name, status, Jdbc.orNull(resellerId), Jdbc.orNull(multiplier), id) == 1;
  }

  public long createReseller(String name, Instant now) {
    return db.insert("INSERT INTO resellers (name, created_at) VALUES (?, ?)", name, now);
  }

  public Optional<Reseller> findReseller(long id) {
    return db.one("SELECT id, name, created_at FROM resellers WHERE id = ?", TenantStore::reseller, id);
  }

  public List<Reseller> resellers() {
    return db.list("SELECT id, name, created_at FROM resellers ORDER BY id", TenantStore::reseller);
  }

  /** Tenants with a price multiplier (the price book caches these). */
  /** Ids of suspended tenants: their keys are refused on the request path. */
  public java.util.Set<Long> suspendedIds() {
    return java.util.Set.copyOf(db.list("SELECT id FROM tenants WHERE status = 'suspended'", rs -> rs.getLong("id")));
  }

  public List<Tenant> withMultiplier() {
    return db.list("SELECT " + COLS + " FROM tenants WHERE price_multiplier IS NOT NULL", TenantStore::tenant);
  }

  private static Tenant tenant(ResultSet rs) throws SQLException {
    return new Tenant(rs.getLong("id"), rs.getString("name"), rs.getString("status"), Jdbc.longOrNull(rs, "reseller_id"),
        Jdbc.decimal(rs, "price_multiplier"), Jdbc.time(rs, "created_at"));
  }

  private static Reseller reseller(ResultSet rs) throws SQLException {
    return new Reseller(rs.getLong("id"), rs.getString("name"), Jdbc.time(rs, "created_at"));
  }
}
