package dev.switchboard.provider;

import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.UpstreamError;
import java.util.function.BiFunction;

/**
 * The {@link ChatAdapter} of a wire without chat (embeddings/rerank providers): it parses the wire's errors, which
 * every execution needs, and refuses chat. Executions check {@link ProviderAdapter#servesChat()} first.
 */
public record ErrorsOnlyChat(Protocol protocol, BiFunction<Integer, byte[], UpstreamError> errors) implements ChatAdapter {

  @Override
  public UpstreamRequest prepareChat(ChatRequest request, UpstreamTarget target, ApiKey key) {
    throw new UnsupportedOperationException("the " + protocol.configName() + " wire has no chat");
  }

  @Override
  public ChatResponse parseChat(ChatRequest request, byte[] body) {
    throw new UnsupportedOperationException("the " + protocol.configName() + " wire has no chat");
  }

  @Override
  public StreamDecoder streamDecoder(ChatRequest request) {
    throw new UnsupportedOperationException("the " + protocol.configName() + " wire has no chat");
  }

  @Override public UpstreamError parseError(int status, byte[] body) { return errors.apply(status, body); }
}
