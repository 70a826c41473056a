package dev.switchboard.provider.anthropic;

import dev.switchboard.error.FailureClass;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.protocol.anthropic.AnthropicCodec;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.ChatAdapter;
import dev.switchboard.provider.StreamDecoder;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wraps {@link AnthropicCodec} in the provider seam: URL, auth headers and the codec calls. */
final class AnthropicChatAdapter implements ChatAdapter {

  @Override
  public UpstreamRequest prepareChat(ChatRequest request, UpstreamTarget target, ApiKey key) {
    boolean passThrough = passesThrough(request);
    byte[] body = passThrough ? AnthropicCodec.passThroughBody(request, target.upstreamModel())
        : AnthropicCodec.encodeRequestBytes(request, target.upstreamModel(), target.maxOutputTokens());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    headers.put("anthropic-version", AnthropicCodec.API_VERSION);
    // Configured headers may add betas or pin another API version; the credential always comes from the key.
    headers.putAll(target.headers());
    if (passThrough) betas(request, headers);
    headers.put("x-api-key", key.secret());
    return new UpstreamRequest("POST", messagesUrl(target.baseUrl()), Collections.unmodifiableMap(headers), body);
  }

  /** The client's beta flags go along with its body (they switch on the features the body uses). */
  private static void betas(ChatRequest request, Map<String, String> headers) {
    String clientBetas = request.inbound().headers().get("anthropic-beta");
    if (clientBetas == null || clientBetas.isBlank()) return;
    String configured = headers.get("anthropic-beta");
    headers.put("anthropic-beta", configured == null || configured.isBlank() ? clientBetas : configured + "," + clientBetas);
  }

  @Override
  public boolean passesThrough(ChatRequest request) {
    return AnthropicCodec.canPassThrough(request);
  }

  static String messagesUrl(String baseUrl) {
    return baseUrl.endsWith("/") ? baseUrl + "messages" : baseUrl + "/messages";
  }

  @Override
  public ChatResponse parseChat(ChatRequest request, byte[] body) {
    return AnthropicCodec.decodeResponse(request, body);
  }

  @Override
  public StreamDecoder streamDecoder(ChatRequest request) {
    return AnthropicCodec.streamDecoder(request);
  }

  @Override
  public UpstreamError parseError(int status, byte[] body) {
    return AnthropicCodec.decodeError(status, body);
  }

  @Override
  public FailureClass classify(UpstreamError error) {
    return AnthropicCodec.classify(error);
  }
}
