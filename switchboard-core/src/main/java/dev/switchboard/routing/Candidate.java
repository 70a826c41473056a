package dev.switchboard.routing;

import dev.switchboard.config.ModelConfig;

/** One (provider, model) pair a request may be sent to, with the pair's live state. */
public record Candidate(ProviderRuntime provider, ModelConfig model, ModelState state) {
  public Candidate(ProviderRuntime provider, ModelConfig model) { this(provider, model, provider.state(model)); }

  /** The id clients see: {@code provider/publicId}. */
  public String qualifiedId() { return state.qualifiedId(); }
}
