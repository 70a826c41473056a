package dev.switchboard.routing;

import dev.switchboard.config.ModelConfig;

/** One (provider, model) pair a request may be sent to. */
public record Candidate(ProviderRuntime provider, ModelConfig model) {
  /** The id clients see: {@code provider/publicId}. */
  public String qualifiedId() { return provider.name() + "/" + model.publicId(); }
}
