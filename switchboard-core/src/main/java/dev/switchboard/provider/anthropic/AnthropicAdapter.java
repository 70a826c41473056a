package dev.switchboard.provider.anthropic;

import dev.switchboard.provider.ChatAdapter;
import dev.switchboard.provider.EmbeddingsAdapter;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.ProviderAdapter;
import java.util.Optional;

/** Anthropic Messages as an upstream. Anthropic has no embeddings endpoint. */
public final class AnthropicAdapter implements ProviderAdapter {
  private final ChatAdapter chat = new AnthropicChatAdapter();

  @Override public Protocol protocol() { return Protocol.ANTHROPIC; }

  @Override public ChatAdapter chat() { return chat; }

  @Override public Optional<EmbeddingsAdapter> embeddings() { return Optional.empty(); }
}
