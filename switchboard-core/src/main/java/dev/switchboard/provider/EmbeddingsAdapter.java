package dev.switchboard.provider;

import dev.switchboard.model.Embeddings;

/** Embeddings translation for providers whose models have the {@link Capability#EMBEDDINGS} capability. */
public interface EmbeddingsAdapter {
  UpstreamRequest prepareEmbeddings(Embeddings.Request request, UpstreamTarget target, ApiKey key);

  Embeddings.Response parseEmbeddings(byte[] body);

  /** The most inputs one upstream call takes; a longer request is sent in calls of at most this many. */
  default int maxBatchSize() { return Integer.MAX_VALUE; }
}
