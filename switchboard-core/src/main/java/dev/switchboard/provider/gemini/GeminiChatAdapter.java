package dev.switchboard.provider.gemini;

import dev.switchboard.error.FailureClass;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.protocol.gemini.GeminiErrors;
import dev.switchboard.protocol.gemini.GeminiRequestEncoder;
import dev.switchboard.protocol.gemini.GeminiResponseDecoder;
import dev.switchboard.protocol.gemini.GeminiStreamDecoder;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.ChatAdapter;
import dev.switchboard.provider.StreamDecoder;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;

/** generateContent, or streamGenerateContent?alt=sse (SSE instead of one growing JSON array) when streaming. */
final class GeminiChatAdapter implements ChatAdapter {

  @Override
  public UpstreamRequest prepareChat(ChatRequest request, UpstreamTarget target, ApiKey key) {
    String url = request.stream()
        ? GeminiEndpoints.url(target, "streamGenerateContent") + "?alt=sse"
        : GeminiEndpoints.url(target, "generateContent");
    // The upstream model, not the client's name for it: Gemini 3 checks thought signatures, earlier models do not.
    return new UpstreamRequest("POST", url, GeminiEndpoints.headers(target, key),
        GeminiRequestEncoder.encode(request, target.upstreamModel()));
  }

  @Override
  public ChatResponse parseChat(ChatRequest request, byte[] body) {
    return GeminiResponseDecoder.decode(body, request.model());
  }

  @Override
  public StreamDecoder streamDecoder(ChatRequest request) { return new GeminiStreamDecoder(request.model()); }

  @Override
  public UpstreamError parseError(int status, byte[] body) { return GeminiErrors.parse(status, body); }

  @Override
  public FailureClass classify(UpstreamError error) { return GeminiErrors.classify(error); }
}
