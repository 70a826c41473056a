package dev.switchboard.provider.openai;

import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.Embeddings;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.protocol.openai.OpenAiChatCodec;
import dev.switchboard.protocol.openai.OpenAiEmbeddingsCodec;
import dev.switchboard.protocol.responses.ResponsesUpstream;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.Capability;
import dev.switchboard.provider.ChatAdapter;
import dev.switchboard.provider.EmbeddingsAdapter;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.ProviderAdapter;
import dev.switchboard.provider.StreamDecoder;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Every OpenAI-compatible upstream (OpenAI itself, Groq, DeepSeek, OpenRouter, Ollama, vLLM ...). */
public final class OpenAiAdapter implements ProviderAdapter, ChatAdapter, EmbeddingsAdapter {
  public static final OpenAiAdapter INSTANCE = new OpenAiAdapter();
  private static final OpenAiChatCodec CODEC = OpenAiChatCodec.INSTANCE;

  private OpenAiAdapter() {}

  @Override public Protocol protocol() { return Protocol.OPENAI; }

  @Override public ChatAdapter chat() { return this; }

  @Override public Optional<EmbeddingsAdapter> embeddings() { return Optional.of(this); }

  /** A Responses client's request goes to {@code /responses} as it is when the model serves that API. */
  @Override
  public ChatAdapter forTarget(ChatRequest request, UpstreamTarget target) {
    return target.has(Capability.RESPONSES) && ResponsesUpstream.cameFromResponsesClient(request)
        ? ResponsesPassThrough.INSTANCE : this;
  }

  @Override
  public UpstreamRequest prepareChat(ChatRequest request, UpstreamTarget target, ApiKey key) {
    // OpenAI's own API rejects max_tokens for its reasoning models; compatible servers mostly only know max_tokens.
    boolean officialOpenAi = target.baseUrl().startsWith("https://api.openai.com/");
    byte[] body = CODEC.encodeRequest(request, target.upstreamModel(), officialOpenAi);
    return new UpstreamRequest("POST", target.baseUrl() + "/chat/completions", headers(target, key), body);
  }

  @Override public ChatResponse parseChat(ChatRequest request, byte[] body) { return CODEC.decodeResponse(body); }

  @Override
  public ChatResponse parseChat(ChatRequest request, byte[] body, int offset, int length) {
    return CODEC.decodeResponse(body, offset, length);
  }

  @Override public StreamDecoder streamDecoder(ChatRequest request) { return CODEC.streamDecoder(); }

  @Override public UpstreamError parseError(int status, byte[] body) { return CODEC.decodeError(status, body); }

  @Override
  public UpstreamRequest prepareEmbeddings(Embeddings.Request request, UpstreamTarget target, ApiKey key) {
    return new UpstreamRequest("POST", target.baseUrl() + "/embeddings", headers(target, key),
        OpenAiEmbeddingsCodec.encodeRequest(request, target.upstreamModel()));
  }

  @Override public Embeddings.Response parseEmbeddings(byte[] body) { return OpenAiEmbeddingsCodec.decodeResponse(body); }

  static Map<String, String> headers(UpstreamTarget target, ApiKey key) {
    Map<String, String> h = new HashMap<>(target.headers().size() + 3);
    h.putAll(target.headers());
    h.put("content-type", "application/json");
    // Local servers (Ollama, vLLM) run without keys; sending an empty bearer would be rejected by some.
    if (key != null && key.secret() != null && !key.secret().isEmpty()) h.put("authorization", "Bearer " + key.secret());
    return h;
  }
}
