package dev.switchboard.provider;

import dev.switchboard.model.Embeddings;

/** Embeddings translation for providers whose models have the {@link Capability#EMBEDDINGS} capability. */
public interface EmbeddingsAdapter {
  UpstreamRequest prepareEmbeddings(Embeddings.Request request, UpstreamTarget target, ApiKey key);

  Embeddings.Response parseEmbeddings(byte[] body);
}
