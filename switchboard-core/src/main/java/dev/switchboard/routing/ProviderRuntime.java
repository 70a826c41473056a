package dev.switchboard.routing;

import dev.switchboard.config.ModelConfig;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.provider.ProviderAdapter;
import dev.switchboard.provider.UpstreamTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A configured provider at run time: its adapter, key pool and models indexed by every name they answer to. */
public final class ProviderRuntime {
  private final ProviderConfig config;
  private final ProviderAdapter adapter;
  private final KeyPool keys;
  private final Map<String, ModelConfig> byName = new HashMap<>();

  ProviderRuntime(ProviderConfig config, ProviderAdapter adapter, KeyPool keys) {
    this.config = config;
    this.adapter = adapter;
    this.keys = keys;
    for (ModelConfig m : config.models()) {
      byName.putIfAbsent(m.publicId(), m);
      byName.putIfAbsent(m.upstreamId(), m);
      for (String a : m.aliases()) byName.putIfAbsent(a, m);
    }
  }

  public String name() { return config.name(); }

  public ProviderConfig config() { return config; }

  public ProviderAdapter adapter() { return adapter; }

  public KeyPool keys() { return keys; }

  public List<ModelConfig> models() { return config.models(); }

  public Optional<ModelConfig> model(String name) { return Optional.ofNullable(byName.get(name)); }

  /**
   * Where to send a request for {@code model}. {@code accountIdHeader} fills {@code {account_id}} when the config
   * has none (Cloudflare Workers AI).
   */
  public UpstreamTarget target(ModelConfig model, String accountIdHeader) {
    String base = config.baseUrl();
    if (base.indexOf('{') >= 0) {
      String account = config.accountId() != null ? config.accountId() : accountIdHeader;
      if (account != null) base = base.replace("{account_id}", account);
    }
    return new UpstreamTarget(base, config.headers(), model.upstreamId(), model.maxOutputTokens(), model.capabilities());
  }

  public boolean needsAccountId() {
    return config.baseUrl().contains("{account_id}") && config.accountId() == null;
  }
}
