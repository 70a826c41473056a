package dev.switchboard.store.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Provider keys added through the admin API; only ciphertext (AES-GCM under the master key) is stored. */
public final class SecretStore {
  /** @param weight relative share of the provider's traffic, like a config key's (at least 1) */
  public record Secret(long id, String provider, String name, String ciphertext, int weight, boolean enabled,
                       Instant createdAt) {
    @Override public String toString() { return "Secret[" + provider + "/" + name + "]"; }
  }

  private static final String COLUMNS = "id, provider, name, ciphertext, weight, enabled, created_at";
  private final Jdbc db;

  public SecretStore(DataSource ds) { this.db = new Jdbc(ds); }

  /** An enabled key of weight 1. */
  public long create(String provider, String name, String ciphertext, Instant now) {
    return create(provider, name, ciphertext, 1, true, now);
  }

  /** @throws DuplicateException when the provider already has a key of that name */
  public long create(String provider, String name, String ciphertext, int weight, boolean enabled, Instant now) {
    return db.insert("INSERT INTO provider_secrets (provider, name, ciphertext, weight, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        provider, name, ciphertext, weight, enabled, now);
  }

  /** Every stored key, oldest first (the gateway re-reads them all: the table holds a handful of rows). */
  public List<Secret> all() {
    return db.list("SELECT " + COLUMNS + " FROM provider_secrets ORDER BY id", SecretStore::row);
  }

  public Optional<Secret> find(long id) {
    return db.one("SELECT " + COLUMNS + " FROM provider_secrets WHERE id = ?", SecretStore::row, id);
  }

  public boolean delete(long id) { return db.update("DELETE FROM provider_secrets WHERE id = ?", id) == 1; }

  private static Secret row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Secret(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getBoolean(6),
        Jdbc.time(rs, "created_at"));
  }
}
