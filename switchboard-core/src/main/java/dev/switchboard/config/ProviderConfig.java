package dev.switchboard.config;

import dev.switchboard.provider.Protocol;
import java.util.List;
import java.util.Map;

/**
 * One upstream provider after presets were applied.
 *
 * @param baseUrl   may contain {@code {account_id}}, filled from {@code accountId} or the request's X-Account-ID header
 * @param accountId Cloudflare-style account id (null when not needed/given)
 */
public record ProviderConfig(String name, Protocol protocol, String baseUrl, Map<String, String> headers,
                             List<KeyConfig> keys, List<ModelConfig> models, String accountId) {
  public ProviderConfig {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    keys = List.copyOf(keys);
    models = List.copyOf(models);
  }

  @Override public String toString() { return "ProviderConfig[" + name + ", " + protocol + ", " + baseUrl + ", keys=" + keys + "]"; }
}
