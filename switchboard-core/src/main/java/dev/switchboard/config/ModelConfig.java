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
 * @param tags         free-form labels the built-in pools select by (free, fast, code, chinese, long_text, ...)
 * @param dailyCap     requests/tokens per day for this model on this provider (free tiers)
 * @param discovered   listed by the provider's models endpoint but absent from the catalog: conservative defaults
 */
public record ModelConfig(String upstreamId, String publicId, List<String> aliases, Integer contextWindow,
                          Integer maxOutputTokens, Set<Capability> capabilities, Prices prices, List<String> fallbacks,
                          Set<String> tags, DailyCap dailyCap, boolean discovered) {
  public ModelConfig {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    capabilities = Capability.setOf(capabilities);
    prices = prices == null ? Prices.UNKNOWN : prices;
    fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    publicId = publicId == null ? upstreamId : publicId;
    tags = tags == null ? Set.of() : Set.copyOf(tags);
    dailyCap = dailyCap == null ? DailyCap.NONE : dailyCap;
  }

  public ModelConfig(String upstreamId, String publicId, List<String> aliases, Integer contextWindow,
                     Integer maxOutputTokens, Set<Capability> capabilities, Prices prices, List<String> fallbacks) {
    this(upstreamId, publicId, aliases, contextWindow, maxOutputTokens, capabilities, prices, fallbacks, null, null,
        false);
  }

  public boolean has(Capability c) { return capabilities.contains(c); }

  public boolean tagged(String tag) { return tags.contains(tag); }
}
