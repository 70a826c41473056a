package dev.switchboard.protocol;

import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;

/**
 * An inbound (client-facing) chat wire: decodes what clients send, encodes answers, streams and errors in that
 * wire's shapes. Adding an inbound protocol means one implementation of this plus its routes.
 */
public interface ClientCodec {
  /** @throws dev.switchboard.error.GatewayException naming the offending field */
  ChatRequest decodeRequest(byte[] body);

  byte[] encodeResponse(ChatResponse response);

  StreamEncoder streamEncoder(ChatRequest request);

  byte[] encodeError(GatewayError error);
}
