package dev.switchboard.store.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Provider keys added through the admin API; only ciphertext (AES-GCM under the master key) is stored. */
public final class SecretStore {
  public record Secret(long id, String provider, String name, String ciphertext, Instant createdAt) {
    @Override public String toString() { return "Secret[" + provider + "/" + name + "]"; }
  }

  private final Jdbc db;

  public SecretStore(DataSource ds) { this.db = new Jdbc(ds); }

  /** @throws DuplicateException when the provider already has a key of that name */
  public long create(String provider, String name, String ciphertext, Instant now) {
    return db.insert("INSERT INTO provider_secrets (provider, name, ciphertext, created_at) VALUES (?, ?, ?, ?)",
        provider, name, ciphertext, now);
  }

  public List<Secret> all() {
    return db.list("SELECT id, provider, name, ciphertext, created_at FROM provider_secrets ORDER BY id",
        rs -> new Secret(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Jdbc.time(rs, "created_at")));
  }

  public Optional<Secret> find(long id) {
    return all().stream().filter(s -> s.id() == id).findFirst();
  }

  public boolean delete(long id) { return db.update("DELETE FROM provider_secrets WHERE id = ?", id) == 1; }
}
