package dev.switchboard.protocol.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.error.FailureClass;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.protocol.json.CompactNodes;
import dev.switchboard.provider.StreamDecoder;

/**
 * The Anthropic Messages wire. This facade holds the outbound directions (gateway as client of Anthropic);
 * the inbound ones (Anthropic clients talking to the gateway) are {@link AnthropicClientCodec}.
 */
public final class AnthropicCodec {
  /** The API version this codec speaks (sent as {@code anthropic-version}). */
  public static final String API_VERSION = "2023-06-01";

  /**
   * Name of the forced tool that emulates {@code response_format: json_schema}. Anthropic has native structured
   * output ({@code output_config.format}) but only on recent models, so the tool trick stays the portable path.
   */
  public static final String JSON_TOOL_NAME = "json_response";

  static final ObjectMapper MAPPER = CompactNodes.mapper();

  private AnthropicCodec() {}

  /**
   * The request body for {@code POST /messages}.
   *
   * @param modelMaxOutputTokens the model's output limit, used when the client set no max_tokens (null if unknown)
   */
  public static ObjectNode encodeRequest(ChatRequest request, String upstreamModel, Integer modelMaxOutputTokens) {
    return RequestEncoder.encode(request, upstreamModel, modelMaxOutputTokens);
  }

  /**
   * Same-wire pass-through: the Anthropic client's own body with only {@code model} replaced (and {@code stream}
   * set as the execution asks), so cache_control, thinking signatures and fields this gateway does not model reach
   * the upstream unchanged. A shallow copy: the kept body is never mutated.
   */
  public static byte[] passThroughBody(ChatRequest request, String upstreamModel) {
    ObjectNode body = MAPPER.createObjectNode();
    body.setAll(request.inbound().body());
    body.put("model", upstreamModel);
    if (request.stream()) body.put("stream", true); else body.remove("stream");
    return Json.bytes(body);
  }

  /** Whether {@code request} came from an Anthropic client whose body can be forwarded as it is. */
  public static boolean canPassThrough(ChatRequest request) {
    return request.cameIn(AnthropicClientCodec.WIRE);
  }

  public static byte[] encodeRequestBytes(ChatRequest request, String upstreamModel, Integer modelMaxOutputTokens) {
    return Json.bytes(encodeRequest(request, upstreamModel, modelMaxOutputTokens));
  }

  /** Parses a 2xx non-streaming response; {@code request} tells whether the json_schema emulation was used. */
  public static ChatResponse decodeResponse(ChatRequest request, byte[] body) {
    return ResponseDecoder.decode(request, body);
  }

  /** A fresh decoder for one streaming response to {@code request}. */
  public static StreamDecoder streamDecoder(ChatRequest request) {
    return new AnthropicStreamDecoder(JsonEmulation.active(request));
  }

  public static UpstreamError decodeError(int status, byte[] body) {
    return Errors.parse(status, body);
  }

  public static FailureClass classify(UpstreamError error) {
    return Errors.classify(error);
  }
}
