package dev.switchboard.provider.voyage;

import dev.switchboard.model.Embeddings;
import dev.switchboard.model.Rerank;
import dev.switchboard.protocol.WireErrors;
import dev.switchboard.protocol.voyage.VoyageCodec;
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

/** Voyage AI (base URL https://api.voyageai.com/v1): embeddings and rerank, Bearer auth. No chat. */
public final class VoyageAdapter implements ProviderAdapter, EmbeddingsAdapter, RerankAdapter {
  public static final VoyageAdapter INSTANCE = new VoyageAdapter();
  private static final ChatAdapter ERRORS = new ErrorsOnlyChat(Protocol.VOYAGE, WireErrors::parse);

  private VoyageAdapter() {}

  @Override public Protocol protocol() { return Protocol.VOYAGE; }

  @Override public ChatAdapter chat() { return ERRORS; }

  @Override public boolean servesChat() { return false; }

  @Override public Optional<EmbeddingsAdapter> embeddings() { return Optional.of(this); }

  @Override public Optional<RerankAdapter> rerank() { return Optional.of(this); }

  @Override
  public UpstreamRequest prepareRerank(Rerank.Request request, UpstreamTarget target, ApiKey key) {
    return new UpstreamRequest("POST", target.baseUrl() + "/rerank", BearerHeaders.json(target, key),
        VoyageCodec.encodeRerank(request, target.upstreamModel()));
  }

  @Override public Rerank.Response parseRerank(Rerank.Request request, byte[] body) { return VoyageCodec.decodeRerank(request, body); }

  @Override
  public UpstreamRequest prepareEmbeddings(Embeddings.Request request, UpstreamTarget target, ApiKey key) {
    return new UpstreamRequest("POST", target.baseUrl() + "/embeddings", BearerHeaders.json(target, key),
        VoyageCodec.encodeEmbeddings(request, target.upstreamModel()));
  }

  @Override public Embeddings.Response parseEmbeddings(byte[] body) { return VoyageCodec.decodeEmbeddings(body); }
}
