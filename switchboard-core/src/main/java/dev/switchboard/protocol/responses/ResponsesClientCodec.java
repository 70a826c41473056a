package dev.switchboard.protocol.responses;

import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.protocol.ClientCodec;
import dev.switchboard.protocol.StreamEncoder;
import dev.switchboard.protocol.openai.OpenAiErrors;

/**
 * OpenAI's Responses API as a client-facing wire ({@code POST /v1/responses}). The decoded request keeps the
 * client's body ({@link dev.switchboard.model.Inbound}) so an upstream serving the Responses API receives it as
 * it is; every other upstream gets the canonical translation to its chat wire. A Response object echoes request
 * settings, so answers are encoded by a codec bound to the request ({@link #forRequest}).
 */
public final class ResponsesClientCodec implements ClientCodec {
  /** The name in {@link dev.switchboard.model.Inbound#wire()} for requests that came in on this wire. */
  public static final String WIRE = "responses";
  public static final ResponsesClientCodec INSTANCE = new ResponsesClientCodec(null);

  private final ChatRequest request;

  private ResponsesClientCodec(ChatRequest request) { this.request = request; }

  /** A codec whose answers echo {@code request}'s settings (instructions, tools, sampling, metadata). */
  public ResponsesClientCodec forRequest(ChatRequest decoded) { return new ResponsesClientCodec(decoded); }

  @Override
  public ChatRequest decodeRequest(byte[] body) { return RequestDecoder.decode(body); }

  @Override
  public byte[] encodeResponse(ChatResponse response) {
    if (request == null) throw new IllegalStateException("encodeResponse needs a codec from forRequest(request)");
    return ResponseEncoder.encode(response, request);
  }

  @Override
  public StreamEncoder streamEncoder(ChatRequest streamed) { return new ResponsesStreamEncoder(streamed); }

  /** Errors use OpenAI's error object, as the Responses API does. */
  @Override
  public byte[] encodeError(GatewayError error) { return OpenAiErrors.encode(error); }
}
