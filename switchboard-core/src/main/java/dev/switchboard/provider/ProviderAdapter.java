package dev.switchboard.provider;

import java.util.Optional;

/** Everything one wire protocol offers as an upstream: chat (almost always), embeddings and rerank where the wire has them. */
public interface ProviderAdapter {
  Protocol protocol();

  ChatAdapter chat();

  Optional<EmbeddingsAdapter> embeddings();

  /** Rerank, for wires that have it (Cohere, Jina, Voyage). */
  default Optional<RerankAdapter> rerank() { return Optional.empty(); }

  /**
   * False for embeddings/rerank-only wires: their {@link #chat()} only parses errors, and chat requests skip them
   * like an unusable candidate.
   */
  default boolean servesChat() { return true; }
}
