package dev.switchboard.config;

import dev.switchboard.provider.Protocol;
import java.util.List;
import java.util.Map;

/**
 * One upstream provider after presets were applied.
 *
 * @param baseUrl   may contain {@code {account_id}}, filled from {@code accountId} or the request's X-Account-ID header
 * @param accountId Cloudflare-style account id (null when not needed/given)
 * @param keysFromStore the keys come only from the store (added through the admin API): {@code keys} is empty, the
 *                      pool starts empty and such a provider never gets the anonymous key of keyless local servers
 */
public record ProviderConfig(String name, Protocol protocol, String baseUrl, Map<String, String> headers,
                             List<KeyConfig> keys, List<ModelConfig> models, String accountId, boolean keysFromStore) {
  public ProviderConfig {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    keys = List.copyOf(keys);
    models = List.copyOf(models);
    if (keysFromStore && !keys.isEmpty()) throw new IllegalArgumentException("keys-from-store takes no config keys");
  }

  public ProviderConfig(String name, Protocol protocol, String baseUrl, Map<String, String> headers,
                        List<KeyConfig> keys, List<ModelConfig> models, String accountId) {
    this(name, protocol, baseUrl, headers, keys, models, accountId, false);
  }

  @Override public String toString() { return "ProviderConfig[" + name + ", " + protocol + ", " + baseUrl + ", keys=" + (keysFromStore ? "from store" : keys) + "]"; }
}
