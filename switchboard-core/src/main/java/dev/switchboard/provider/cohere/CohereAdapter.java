package dev.switchboard.provider.cohere;

import dev.switchboard.model.Embeddings;
import dev.switchboard.model.Rerank;
import dev.switchboard.protocol.WireErrors;
import dev.switchboard.protocol.cohere.CohereCodec;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.BearerHeaders;
import dev.switchboard.provider.ChatAdapter;
import dev.switchboard.provider.EmbeddingsAdapter;
import dev.switchboard.provider.ErrorsOnlyChat;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.ProviderAdapter;
import dev.switchboard.provider.RerankAdapter;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;
import java.util.Optional;

/** Cohere v2 (base URL https://api.cohere.com/v2): embed and rerank, Bearer auth. No chat. */
public final class CohereAdapter implements ProviderAdapter, EmbeddingsAdapter, RerankAdapter {
  public static final CohereAdapter INSTANCE = new CohereAdapter();
  private static final ChatAdapter ERRORS = new ErrorsOnlyChat(Protocol.COHERE, WireErrors::parse);

  private CohereAdapter() {}

  @Override public Protocol protocol() { return Protocol.COHERE; }

  @Override public ChatAdapter chat() { return ERRORS; }

  @Override public boolean servesChat() { return false; }

  @Override public Optional<EmbeddingsAdapter> embeddings() { return Optional.of(this); }

  @Override public Optional<RerankAdapter> rerank() { return Optional.of(this); }

  @Override
  public UpstreamRequest prepareRerank(Rerank.Request request, UpstreamTarget target, ApiKey key) {
    return new UpstreamRequest("POST", target.baseUrl() + "/rerank", BearerHeaders.json(target, key),
        CohereCodec.encodeRerank(request, target.upstreamModel()));
  }

  @Override public Rerank.Response parseRerank(Rerank.Request request, byte[] body) { return CohereCodec.decodeRerank(request, body); }

  @Override
  public UpstreamRequest prepareEmbeddings(Embeddings.Request request, UpstreamTarget target, ApiKey key) {
    return new UpstreamRequest("POST", target.baseUrl() + "/embed", BearerHeaders.json(target, key),
        CohereCodec.encodeEmbed(request, target.upstreamModel()));
  }

  @Override public Embeddings.Response parseEmbeddings(byte[] body) { return CohereCodec.decodeEmbed(body); }
}
