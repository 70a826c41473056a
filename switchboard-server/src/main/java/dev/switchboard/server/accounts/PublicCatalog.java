package dev.switchboard.server.accounts;

import dev.switchboard.accounts.ModelPrices;
import dev.switchboard.accounts.Principal;
import dev.switchboard.accounts.PriceBook;
import dev.switchboard.config.PublicModelConfig;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import dev.switchboard.server.exec.ModelGate;
import dev.switchboard.store.accounts.CatalogStore;
import dev.switchboard.store.accounts.TenantStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customer-facing catalog: config entries overlaid by the database (admin API). Held in memory as an
 * immutable snapshot swapped on change; other instances reload it when the catalog's newest change time moves
 * (checked with the key refresh). Also the {@link PriceBook} for billing and the {@link ModelGate} of the request
 * path: tenant keys may only call public names within their scope; their target is routed as any model is.
 */
public final class PublicCatalog implements PriceBook, ModelGate, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PublicCatalog.class);

  private final Collection<PublicModelConfig> defaults;
  private final CatalogStore store;
  private final TenantStore tenants;
  private volatile Map<String, PublicModelConfig> models = Map.of();
  private volatile Map<Long, BigDecimal> multipliers = Map.of();
  private volatile Instant seen;
  private volatile boolean closed;
  private final Thread poller;

  PublicCatalog(Collection<PublicModelConfig> defaults, CatalogStore store, TenantStore tenants, Duration refresh) {
    this.defaults = defaults;
    this.store = store;
    this.tenants = tenants;
    reload();
    this.poller = Thread.ofVirtual().name("catalog-refresh").start(() -> {
      while (!closed) {
        try {
          Thread.sleep(refresh);
          Instant last = store.lastChange();
          if (last != null && !last.equals(seen)) reload();
          else reloadMultipliers();
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          LOG.warn("catalog refresh failed: {}", e.getMessage());
        }
      }
    });
  }

  /** Re-reads the stored catalog and tenant multipliers (after an admin change, and when another instance changed it). */
  void reload() {
    Map<String, PublicModelConfig> m = new LinkedHashMap<>();
    for (PublicModelConfig c : defaults) m.put(c.name(), c);
    for (CatalogStore.Entry e : store.all()) {
      if (e.enabled()) m.put(e.model().name(), e.model());
      else m.remove(e.model().name());
    }
    models = Map.copyOf(m);
    seen = store.lastChange();
    reloadMultipliers();
  }

  void reloadMultipliers() {
    Map<Long, BigDecimal> mult = new java.util.HashMap<>();
    for (TenantStore.Tenant t : tenants.withMultiplier()) mult.put(t.id(), t.priceMultiplier());
    multipliers = Map.copyOf(mult);
  }

  public Collection<PublicModelConfig> models() { return models.values(); }

  public Optional<PublicModelConfig> model(String name) { return Optional.ofNullable(models.get(name)); }

  @Override public Optional<ModelPrices> prices(String publicModel) {
    PublicModelConfig m = models.get(publicModel);
    return m == null ? Optional.empty() : Optional.of(m.prices());
  }

  @Override public BigDecimal multiplier(long tenantId) { return multipliers.getOrDefault(tenantId, BigDecimal.ONE); }

  @Override
  public Resolved resolve(Principal principal, String model) {
    PublicModelConfig m = model == null ? null : models.get(model);
    if (principal == null || !principal.tenantKey()) {
      // Config keys see everything: a public name routes to its target, anything else as asked.
      return m == null ? new Resolved(null, model) : new Resolved(m.name(), m.route());
    }
    if (m == null) {
      throw new GatewayException(GatewayError.field(ErrorKey.MODEL_NOT_FOUND, "model",
          "The model '" + model + "' does not exist; GET /v1/models lists the models this key can use"));
    }
    if (!principal.scope().allows(m.name())) {
      throw new GatewayException(GatewayError.field(ErrorKey.PERMISSION_DENIED, "model",
          "This API key is not allowed to use the model '" + model + "'"));
    }
    return new Resolved(m.name(), m.route());
  }

  @Override public void close() {
    closed = true;
    poller.interrupt();
  }
}
