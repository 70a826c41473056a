package dev.switchboard.provider.gemini;

import dev.switchboard.provider.ChatAdapter;
import dev.switchboard.provider.EmbeddingsAdapter;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.ProviderAdapter;
import java.util.Optional;

/** Google Gemini (Generative Language API v1beta) as an upstream. Stateless: one instance serves all requests. */
public final class GeminiAdapter implements ProviderAdapter {
  private final ChatAdapter chat = new GeminiChatAdapter();
  private final Optional<EmbeddingsAdapter> embeddings = Optional.of(new GeminiEmbeddingsAdapter());

  @Override
  public Protocol protocol() { return Protocol.GEMINI; }

  @Override
  public ChatAdapter chat() { return chat; }

  @Override
  public Optional<EmbeddingsAdapter> embeddings() { return embeddings; }
}
