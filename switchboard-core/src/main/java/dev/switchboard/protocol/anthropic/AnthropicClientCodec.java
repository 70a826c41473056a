package dev.switchboard.protocol.anthropic;

import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.protocol.ClientCodec;
import dev.switchboard.protocol.StreamEncoder;

/**
 * The Messages wire as the gateway's client-facing protocol (Anthropic SDKs, Claude Code, curl). The decoded
 * request keeps the original body ({@link dev.switchboard.model.Inbound}) so an Anthropic upstream receives it
 * unchanged; every other upstream gets the canonical translation.
 */
public final class AnthropicClientCodec implements ClientCodec {
  /** The name in {@link dev.switchboard.model.Inbound#wire()} for requests that came in on this wire. */
  public static final String WIRE = "anthropic";
  public static final AnthropicClientCodec INSTANCE = new AnthropicClientCodec();

  private AnthropicClientCodec() {}

  @Override
  public ChatRequest decodeRequest(byte[] body) { return InboundRequestDecoder.decode(body, false); }

  /** A {@code /v1/messages/count_tokens} body: the same fields, but max_tokens is not required. */
  public ChatRequest decodeCountTokensRequest(byte[] body) { return InboundRequestDecoder.decode(body, true); }

  @Override
  public byte[] encodeResponse(ChatResponse response) { return ClientResponseEncoder.encode(response); }

  @Override
  public StreamEncoder streamEncoder(ChatRequest request) { return new AnthropicStreamEncoder(request.model()); }

  @Override
  public byte[] encodeError(GatewayError error) { return ClientWire.error(error); }

  /** The count_tokens answer. */
  public byte[] encodeTokenCount(long inputTokens) {
    return ClientWire.write(32, g -> {
      g.writeStartObject();
      g.writeNumberField("input_tokens", inputTokens);
      g.writeEndObject();
    });
  }
}
