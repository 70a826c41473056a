package dev.switchboard.provider;

import java.util.Map;
import java.util.Set;

/**
 * Where one attempt goes: the provider's base URL (placeholders already filled), extra headers, the upstream model
 * id, the model's max output tokens (null when unknown; wires that require max_tokens use it as the default) and
 * the model's capabilities (adapters pick an endpoint by them, e.g. {@link Capability#RESPONSES}).
 */
public record UpstreamTarget(String baseUrl, Map<String, String> headers, String upstreamModel, Integer maxOutputTokens,
                             Set<Capability> capabilities) {
  public UpstreamTarget {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    capabilities = Capability.setOf(capabilities);
  }

  /** Without capabilities (targets that need no capability-dependent choice). */
  public UpstreamTarget(String baseUrl, Map<String, String> headers, String upstreamModel, Integer maxOutputTokens) {
    this(baseUrl, headers, upstreamModel, maxOutputTokens, Set.of());
  }

  public boolean has(Capability c) { return capabilities.contains(c); }
}
