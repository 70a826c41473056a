package dev.switchboard.store.accounts;

import dev.switchboard.accounts.ModelPrices;
import dev.switchboard.config.PublicModelConfig;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The public model catalog as changed through the admin API (config entries are the defaults under it). */
public final class CatalogStore {
  /** A stored entry; {@code enabled = false} hides a config-defined name as well. */
  public record Entry(PublicModelConfig model, boolean enabled, Instant updatedAt) {}

  private static final String COLS = "name, route, description, enabled, price_input, price_output, price_cached_read,"
      + " price_cache_write, price_per_request, price_per_image, price_per_audio_second, updated_at";
  private final Jdbc db;

  public CatalogStore(DataSource ds) { this.db = new Jdbc(ds); }

  public List<Entry> all() { return db.list("SELECT " + COLS + " FROM public_models ORDER BY name", CatalogStore::entry); }

  public Optional<Entry> find(String name) {
    return db.one("SELECT " + COLS + " FROM public_models WHERE name = ?", CatalogStore::entry, name);
  }

  /** Insert or replace (delete + insert in one statement order; the name is the key). */
  public void put(PublicModelConfig m, boolean enabled, Instant now) {
    ModelPrices p = m.prices();
    int n = db.update("UPDATE public_models SET route = ?, description = ?, enabled = ?, price_input = ?,"
            + " price_output = ?, price_cached_read = ?, price_cache_write = ?, price_per_request = ?, price_per_image = ?,"
            + " price_per_audio_second = ?, updated_at = ? WHERE name = ?",
        m.route(), Jdbc.orNull(m.description()), enabled, Jdbc.orNull(p.input()), Jdbc.orNull(p.output()),
        Jdbc.orNull(p.cachedRead()), Jdbc.orNull(p.cacheWrite()), Jdbc.orNull(p.perRequest()), Jdbc.orNull(p.perImage()),
        Jdbc.orNull(p.perAudioSecond()), now, m.name());
    if (n == 0) {
      db.update("INSERT INTO public_models (" + COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          m.name(), m.route(), Jdbc.orNull(m.description()), enabled, Jdbc.orNull(p.input()), Jdbc.orNull(p.output()),
          Jdbc.orNull(p.cachedRead()), Jdbc.orNull(p.cacheWrite()), Jdbc.orNull(p.perRequest()),
          Jdbc.orNull(p.perImage()), Jdbc.orNull(p.perAudioSecond()), now);
    }
  }

  public boolean delete(String name) { return db.update("DELETE FROM public_models WHERE name = ?", name) == 1; }

  /** The newest change time (null when empty): instances reload the catalog when it moves. */
  public Instant lastChange() {
    return db.one("SELECT MAX(updated_at) AS t FROM public_models", rs -> Jdbc.time(rs, "t")).orElse(null);
  }

  private static Entry entry(ResultSet rs) throws SQLException {
    ModelPrices p = new ModelPrices(Jdbc.decimal(rs, "price_input"), Jdbc.decimal(rs, "price_output"),
        Jdbc.decimal(rs, "price_cached_read"), Jdbc.decimal(rs, "price_cache_write"),
        Jdbc.decimal(rs, "price_per_request"), Jdbc.decimal(rs, "price_per_image"),
        Jdbc.decimal(rs, "price_per_audio_second"));
    return new Entry(new PublicModelConfig(rs.getString("name"), rs.getString("route"), rs.getString("description"), p),
        rs.getBoolean("enabled"), Jdbc.time(rs, "updated_at"));
  }
}
