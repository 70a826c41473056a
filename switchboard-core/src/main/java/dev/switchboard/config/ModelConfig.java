package dev.switchboard.config;

import dev.switchboard.provider.Capability;
import java.util.List;
import java.util.Set;

/**
 * One model a provider serves.
 *
 * @param upstreamId   the id sent to the provider
 * @param publicId     the id clients use after {@code provider/} (defaults to upstreamId)
 * @param aliases      extra bare names that resolve to this model
 * @param fallbacks    {@code provider/model} (or bare names) tried in order when every key of this model failed
 */
public record ModelConfig(String upstreamId, String publicId, List<String> aliases, Integer contextWindow,
                          Integer maxOutputTokens, Set<Capability> capabilities, Prices prices, List<String> fallbacks) {
  public ModelConfig {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
    prices = prices == null ? Prices.UNKNOWN : prices;
    fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    publicId = publicId == null ? upstreamId : publicId;
  }

  public boolean has(Capability c) { return capabilities.contains(c); }
}
