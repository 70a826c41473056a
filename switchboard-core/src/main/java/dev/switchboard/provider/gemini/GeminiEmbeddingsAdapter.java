package dev.switchboard.provider.gemini;

import dev.switchboard.model.Embeddings;
import dev.switchboard.protocol.gemini.GeminiEmbeddingsCodec;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.EmbeddingsAdapter;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;

/** batchEmbedContents, so a list of up to 100 inputs is one upstream call. */
final class GeminiEmbeddingsAdapter implements EmbeddingsAdapter {

  @Override
  public UpstreamRequest prepareEmbeddings(Embeddings.Request request, UpstreamTarget target, ApiKey key) {
    return new UpstreamRequest("POST", GeminiEndpoints.url(target, "batchEmbedContents"),
        GeminiEndpoints.headers(target, key), GeminiEmbeddingsCodec.encode(request, target.upstreamModel()));
  }

  @Override
  public Embeddings.Response parseEmbeddings(byte[] body) { return GeminiEmbeddingsCodec.decode(body); }

  /** "at most 100 requests can be in one batch" (400 INVALID_ARGUMENT beyond). */
  @Override
  public int maxBatchSize() { return 100; }
}
