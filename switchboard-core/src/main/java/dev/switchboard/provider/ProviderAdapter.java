package dev.switchboard.provider;

import java.util.Optional;

/** Everything one wire protocol offers as an upstream: chat always, embeddings where the wire has them. */
public interface ProviderAdapter {
  Protocol protocol();

  ChatAdapter chat();

  Optional<EmbeddingsAdapter> embeddings();
}
