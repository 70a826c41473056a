package dev.switchboard.provider;

import java.util.Map;

/** Where one attempt goes: the provider's base URL (placeholders already filled), extra headers and the upstream model id. */
public record UpstreamTarget(String baseUrl, Map<String, String> headers, String upstreamModel) {
  public UpstreamTarget { headers = headers == null ? Map.of() : Map.copyOf(headers); }
}
