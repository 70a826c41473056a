package dev.switchboard.provider;

import dev.switchboard.error.FailureClass;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.UpstreamError;

/**
 * The provider seam: pure translation between the canonical model and one upstream wire. No I/O, no key
 * choice, no logging: routing picks the key and the transport sends the request.
 */
public interface ChatAdapter {
  /**
   * The adapter to use for one attempt at {@code target}: normally this one; a wire with a second endpoint for the
   * same model (OpenAI's Responses API beside chat completions) returns the adapter of that endpoint when the
   * request came in on it and the target has it.
   */
  default ChatAdapter forTarget(ChatRequest request, UpstreamTarget target) { return this; }

  /** Builds the HTTP call for a chat request; {@code request.stream()} selects the streaming endpoint/flag. */
  UpstreamRequest prepareChat(ChatRequest request, UpstreamTarget target, ApiKey key);

  /**
   * True when {@link #prepareChat} forwards the client's own body ({@link ChatRequest#inbound()}) because the client
   * speaks this adapter's wire. The answer is then relayed to the client as the upstream sent it (still decoded
   * for usage and errors), since translating it back into the same wire could only lose detail.
   */
  default boolean passesThrough(ChatRequest request) { return false; }

  /** Parses a 2xx non-streaming body; {@code request} is the canonical request that was sent (some wires need it). */
  ChatResponse parseChat(ChatRequest request, byte[] body);

  /**
   * {@link #parseChat(ChatRequest, byte[])} of {@code body[offset, offset + length)}, a range of the transport's read
   * buffer that is only valid during the call. Adapters on the hot path parse it in place; the default copies it.
   */
  default ChatResponse parseChat(ChatRequest request, byte[] body, int offset, int length) {
    return parseChat(request, offset == 0 && length == body.length ? body
        : java.util.Arrays.copyOfRange(body, offset, offset + length));
  }

  /** A fresh decoder for one streaming response to {@code request}. */
  StreamDecoder streamDecoder(ChatRequest request);

  /** Parses an error body (any status, possibly not JSON) into an {@link UpstreamError}. */
  UpstreamError parseError(int status, byte[] body);

  /** Refines the status-based classification with the provider's own error codes. */
  default FailureClass classify(UpstreamError error) {
    return FailureClass.ofStatus(error.status(), error.type(), error.code());
  }
}
