package dev.switchboard.routing;

import dev.switchboard.config.ModelConfig;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.SmartRouting;
import dev.switchboard.provider.ProviderAdapter;
import dev.switchboard.provider.UpstreamTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A configured provider at run time: its adapter, key pool, health and models indexed by every name they answer
 * to. The model list grows when discovery finds models the catalog lacks; it is swapped as a whole (copy on write),
 * so readers never lock.
 */
public final class ProviderRuntime {
  private final ProviderConfig config;
  private final ProviderAdapter adapter;
  private final KeyPool keys;
  private final Health health;
  private final SmartRouting smart;
  private final DayClock days;
  private final Map<String, ModelState> states = new ConcurrentHashMap<>();
  private volatile List<ModelConfig> models;
  private volatile Map<String, ModelConfig> byName;

  ProviderRuntime(ProviderConfig config, ProviderAdapter adapter, KeyPool keys, SmartRouting smart, DayClock days) {
    this.config = config;
    this.adapter = adapter;
    this.keys = keys;
    this.smart = smart;
    this.days = days;
    this.health = newHealth();
    index(config.models());
  }

  private Health newHealth() { return new Health(smart.breakerFailures(), smart.breakerOpenFor().toNanos()); }

  private void index(List<ModelConfig> all) {
    Map<String, ModelConfig> names = new HashMap<>();
    for (ModelConfig m : all) {
      names.putIfAbsent(m.publicId(), m);
      names.putIfAbsent(m.upstreamId(), m);
      for (String a : m.aliases()) names.putIfAbsent(a, m);
    }
    this.byName = names;
    this.models = List.copyOf(all);
  }

  /**
   * Adds models the provider listed but the catalog lacks, with conservative defaults.
   *
   * @return the models added (empty when all were known)
   */
  synchronized List<ModelConfig> addDiscovered(List<String> ids) {
    List<ModelConfig> added = new ArrayList<>();
    for (String id : ids) {
      if (id == null || id.isBlank() || byName.containsKey(id)) continue;
      added.add(Discovery.conservative(id));
    }
    if (added.isEmpty()) return added;
    List<ModelConfig> all = new ArrayList<>(models);
    all.addAll(added);
    index(all);
    return added;
  }

  public String name() { return config.name(); }

  public ProviderConfig config() { return config; }

  public ProviderAdapter adapter() { return adapter; }

  public KeyPool keys() { return keys; }

  public Health health() { return health; }

  public List<ModelConfig> models() { return models; }

  public Optional<ModelConfig> model(String name) { return Optional.ofNullable(byName.get(name)); }

  /** The live state of one of this provider's models (created on first use for pass-through ids). */
  public ModelState state(ModelConfig model) {
    ModelState s = states.get(model.upstreamId());
    if (s != null) return s;
    return states.computeIfAbsent(model.upstreamId(), id -> new ModelState(name() + "/" + model.publicId(), model,
        newHealth(), days));
  }

  /**
   * Where to send a request for {@code model}. {@code accountIdHeader} fills {@code {account_id}} when the config
   * has none (Cloudflare Workers AI).
   */
  public UpstreamTarget target(ModelConfig model, String accountIdHeader) {
    return new UpstreamTarget(baseUrl(accountIdHeader), config.headers(), model.upstreamId(), model.maxOutputTokens(),
        model.capabilities());
  }

  /** The base URL with {@code {account_id}} filled (from config, else {@code accountIdHeader} when given). */
  public String baseUrl(String accountIdHeader) {
    String base = config.baseUrl();
    if (base.indexOf('{') >= 0) {
      String account = config.accountId() != null ? config.accountId() : accountIdHeader;
      if (account != null) base = base.replace("{account_id}", account);
    }
    return base;
  }

  public boolean needsAccountId() {
    return config.baseUrl().contains("{account_id}") && config.accountId() == null;
  }
}
