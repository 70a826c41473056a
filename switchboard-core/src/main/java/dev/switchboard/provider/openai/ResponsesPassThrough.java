package dev.switchboard.provider.openai;

import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.protocol.openai.OpenAiErrors;
import dev.switchboard.protocol.responses.ResponsesUpstream;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.ChatAdapter;
import dev.switchboard.provider.StreamDecoder;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;

/**
 * A Responses API client sent to an OpenAI-compatible model that serves {@code POST /responses} itself: the
 * client's body goes there unchanged (model swapped) and the answer is relayed as it came, decoded only for usage
 * and errors. Chosen per attempt by {@link OpenAiAdapter#forTarget}.
 */
final class ResponsesPassThrough implements ChatAdapter {
  static final ResponsesPassThrough INSTANCE = new ResponsesPassThrough();

  private ResponsesPassThrough() {}

  @Override
  public UpstreamRequest prepareChat(ChatRequest request, UpstreamTarget target, ApiKey key) {
    return new UpstreamRequest("POST", target.baseUrl() + "/responses", OpenAiAdapter.headers(target, key),
        ResponsesUpstream.passThroughBody(request, target.upstreamModel()));
  }

  @Override public boolean passesThrough(ChatRequest request) { return true; }

  @Override public ChatResponse parseChat(ChatRequest request, byte[] body) { return ResponsesUpstream.decodeResponse(body); }

  @Override public StreamDecoder streamDecoder(ChatRequest request) { return ResponsesUpstream.streamDecoder(); }

  @Override public UpstreamError parseError(int status, byte[] body) { return OpenAiErrors.parse(status, body); }
}
