package dev.switchboard.protocol.dashscope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.error.FailureClass;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.provider.StreamDecoder;

/**
 * The DashScope text-generation wire, outbound (gateway as DashScope client); the inbound side is
 * {@link DashScopeClientCodec}.
 */
public final class DashScopeCodec {
  /** Appended to the base URL ({@code https://dashscope.aliyuncs.com/api/v1}). */
  public static final String GENERATION_PATH = "/services/aigc/text-generation/generation";

  private DashScopeCodec() {}

  public static ObjectNode encodeRequest(ChatRequest request, String upstreamModel) {
    return RequestEncoder.encode(request, upstreamModel);
  }

  public static byte[] encodeRequestBytes(ChatRequest request, String upstreamModel) {
    return DsJson.bytes(RequestEncoder.encode(request, upstreamModel));
  }

  /** Whether {@code request} came from a DashScope client whose body can be forwarded as it is. */
  public static boolean canPassThrough(ChatRequest request) { return request.cameIn(DashScopeClientCodec.WIRE); }

  /**
   * Same-wire pass-through: the client's body with only {@code model} replaced (a shallow copy; the kept body is
   * never mutated). Streaming is switched by header on this wire, so the body needs no change for it.
   */
  public static byte[] passThroughBody(ChatRequest request, String upstreamModel) {
    ObjectNode body = DsJson.MAPPER.createObjectNode();
    body.setAll(request.inbound().body());
    body.put("model", upstreamModel);
    return DsJson.bytes(body);
  }

  public static ChatResponse decodeResponse(byte[] body) { return ResponseDecoder.decode(body); }

  /** A fresh stream decoder; a pass-through stream is cumulative unless the client asked for incremental output. */
  public static StreamDecoder streamDecoder(ChatRequest request) {
    boolean cumulative = canPassThrough(request)
        && !request.inbound().body().path("parameters").path("incremental_output").asBoolean(false);
    return new DashScopeStreamDecoder(cumulative);
  }

  public static UpstreamError decodeError(int status, byte[] body) { return DsErrors.parse(status, body); }

  public static FailureClass classify(UpstreamError error) { return DsErrors.classify(error); }
}
