package dev.switchboard.provider;

import dev.switchboard.model.Embeddings;
import dev.switchboard.model.Rerank;
import dev.switchboard.protocol.WireErrors;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An embeddings + rerank wire with Bearer auth and no chat (Cohere, Jina, Voyage): one adapter shape, each wire
 * supplies its paths and codec functions.
 */
public final class RetrievalAdapter implements ProviderAdapter, EmbeddingsAdapter, RerankAdapter {
  /** What differs between retrieval wires. */
  public record Wire(Protocol protocol,
                     String embeddingsPath, BiFunction<Embeddings.Request, String, byte[]> encodeEmbeddings,
                     Function<byte[], Embeddings.Response> decodeEmbeddings,
                     String rerankPath, BiFunction<Rerank.Request, String, byte[]> encodeRerank,
                     BiFunction<Rerank.Request, byte[], Rerank.Response> decodeRerank, int maxEmbeddingsBatch) {
    /** A wire without a documented limit on the texts of one embeddings call. */
    public Wire(Protocol protocol, String embeddingsPath, BiFunction<Embeddings.Request, String, byte[]> encodeEmbeddings,
                Function<byte[], Embeddings.Response> decodeEmbeddings, String rerankPath,
                BiFunction<Rerank.Request, String, byte[]> encodeRerank,
                BiFunction<Rerank.Request, byte[], Rerank.Response> decodeRerank) {
      this(protocol, embeddingsPath, encodeEmbeddings, decodeEmbeddings, rerankPath, encodeRerank, decodeRerank,
          Integer.MAX_VALUE);
    }
  }

  private final Wire wire;
  private final ChatAdapter errors;

  public RetrievalAdapter(Wire wire) {
    this.wire = wire;
    this.errors = new ErrorsOnlyChat(wire.protocol(), WireErrors::parse);
  }

  @Override public Protocol protocol() { return wire.protocol(); }

  @Override public ChatAdapter chat() { return errors; }

  @Override public boolean servesChat() { return false; }

  @Override public Optional<EmbeddingsAdapter> embeddings() { return Optional.of(this); }

  @Override public Optional<RerankAdapter> rerank() { return Optional.of(this); }

  @Override
  public UpstreamRequest prepareRerank(Rerank.Request request, UpstreamTarget target, ApiKey key) {
    return new UpstreamRequest("POST", target.baseUrl() + wire.rerankPath(), BearerHeaders.json(target, key),
        wire.encodeRerank().apply(request, target.upstreamModel()));
  }

  @Override
  public Rerank.Response parseRerank(Rerank.Request request, byte[] body) { return wire.decodeRerank().apply(request, body); }

  @Override
  public UpstreamRequest prepareEmbeddings(Embeddings.Request request, UpstreamTarget target, ApiKey key) {
    return new UpstreamRequest("POST", target.baseUrl() + wire.embeddingsPath(), BearerHeaders.json(target, key),
        wire.encodeEmbeddings().apply(request, target.upstreamModel()));
  }

  @Override public Embeddings.Response parseEmbeddings(byte[] body) { return wire.decodeEmbeddings().apply(body); }

  @Override public int maxBatchSize() { return wire.maxEmbeddingsBatch(); }
}
