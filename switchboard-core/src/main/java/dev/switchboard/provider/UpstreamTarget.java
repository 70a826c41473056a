package dev.switchboard.provider;

import java.util.Map;

/**
 * Where one attempt goes: the provider's base URL (placeholders already filled), extra headers, the upstream model
 * id and the model's max output tokens (null when unknown; wires that require max_tokens use it as the default).
 */
public record UpstreamTarget(String baseUrl, Map<String, String> headers, String upstreamModel, Integer maxOutputTokens) {
  public UpstreamTarget { headers = headers == null ? Map.of() : Map.copyOf(headers); }
}
