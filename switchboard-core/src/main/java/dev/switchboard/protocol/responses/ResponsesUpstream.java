package dev.switchboard.protocol.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.provider.StreamDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The Responses API as an upstream, for pass-through only: the client's own body goes to {@code POST /responses}
 * (model and stream set by the gateway), and the answer is decoded for usage and errors while the client gets it
 * as it came.
 */
public final class ResponsesUpstream {
  private ResponsesUpstream() {}

  /** Whether {@code request} came from a Responses client (its body is kept). */
  public static boolean cameFromResponsesClient(ChatRequest request) {
    return request.cameIn(ResponsesClientCodec.WIRE);
  }

  /** The client's body with only {@code model} replaced and {@code stream} as the execution asks; never mutates it. */
  public static byte[] passThroughBody(ChatRequest request, String upstreamModel) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.setAll(request.inbound().body());
    body.put("model", upstreamModel);
    if (request.stream()) body.put("stream", true); else body.remove("stream");
    try {
      return Json.MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A 2xx Response object into the canonical answer. */
  public static ChatResponse decodeResponse(byte[] body) { return ResponseDecoder.decode(body); }

  /** A fresh decoder for one Responses event stream. */
  public static StreamDecoder streamDecoder() { return new ResponsesStreamDecoder(); }
}
