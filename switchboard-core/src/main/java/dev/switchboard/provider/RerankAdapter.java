package dev.switchboard.provider;

import dev.switchboard.model.Rerank;

/** Rerank translation for providers whose models have the {@link Capability#RERANK} capability. */
public interface RerankAdapter {
  UpstreamRequest prepareRerank(Rerank.Request request, UpstreamTarget target, ApiKey key);

  /** Parses a 2xx body; {@code request} is what was sent (some wires leave the documents out of the answer). */
  Rerank.Response parseRerank(Rerank.Request request, byte[] body);
}
