package dev.switchboard.provider.dashscope;

import dev.switchboard.error.FailureClass;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.protocol.dashscope.DashScopeCodec;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.ChatAdapter;
import dev.switchboard.provider.EmbeddingsAdapter;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.ProviderAdapter;
import dev.switchboard.provider.StreamDecoder;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * DashScope (Alibaba Cloud Model Studio, Qwen) native text generation as an upstream: Bearer auth, streams switched
 * on by {@code X-DashScope-SSE: enable}. Its embeddings use another API and are not offered here.
 */
public final class DashScopeAdapter implements ProviderAdapter, ChatAdapter {
  public static final DashScopeAdapter INSTANCE = new DashScopeAdapter();

  private DashScopeAdapter() {}

  @Override public Protocol protocol() { return Protocol.DASHSCOPE; }

  @Override public ChatAdapter chat() { return this; }

  @Override public Optional<EmbeddingsAdapter> embeddings() { return Optional.empty(); }

  @Override
  public UpstreamRequest prepareChat(ChatRequest request, UpstreamTarget target, ApiKey key) {
    byte[] body = passesThrough(request) ? DashScopeCodec.passThroughBody(request, target.upstreamModel())
        : DashScopeCodec.encodeRequestBytes(request, target.upstreamModel());
    Map<String, String> headers = new LinkedHashMap<>(target.headers().size() + 4);
    headers.put("content-type", "application/json");
    headers.putAll(target.headers());
    if (request.stream()) {
      headers.put("x-dashscope-sse", "enable");
      headers.put("accept", "text/event-stream");
    }
    headers.put("authorization", "Bearer " + key.secret());
    return new UpstreamRequest("POST", generationUrl(target.baseUrl()), Collections.unmodifiableMap(headers), body);
  }

  static String generationUrl(String baseUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return base + DashScopeCodec.GENERATION_PATH;
  }

  @Override public boolean passesThrough(ChatRequest request) { return DashScopeCodec.canPassThrough(request); }

  @Override public ChatResponse parseChat(ChatRequest request, byte[] body) { return DashScopeCodec.decodeResponse(body); }

  @Override public StreamDecoder streamDecoder(ChatRequest request) { return DashScopeCodec.streamDecoder(request); }

  @Override public UpstreamError parseError(int status, byte[] body) { return DashScopeCodec.decodeError(status, body); }

  @Override public FailureClass classify(UpstreamError error) { return DashScopeCodec.classify(error); }
}
