package dev.switchboard.protocol.openai;

import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.protocol.ClientCodec;
import dev.switchboard.protocol.StreamEncoder;
import dev.switchboard.provider.StreamDecoder;

/**
 * The OpenAI Chat Completions wire, both directions: as the gateway's client-facing protocol and as the
 * upstream protocol of every OpenAI-compatible provider.
 */
public final class OpenAiChatCodec implements ClientCodec {
  public static final OpenAiChatCodec INSTANCE = new OpenAiChatCodec();
  /** This wire's name, as {@link dev.switchboard.model.WireExtras#wire()} gives it. */
  public static final String WIRE = "openai";

  private OpenAiChatCodec() {}

  // --- client side (inbound) ---

  @Override
  public ChatRequest decodeRequest(byte[] body) { return OpenAiRequestDecoder.decode(body); }

  @Override
  public byte[] encodeResponse(ChatResponse response) { return OpenAiResponseEncoder.encode(response); }

  @Override
  public StreamEncoder streamEncoder(ChatRequest request) {
    return new OpenAiStreamEncoder(request.includeUsage(), request.model());
  }

  @Override
  public byte[] encodeError(GatewayError error) { return OpenAiErrors.encode(error); }

  // --- upstream side (outbound) ---

  public byte[] encodeRequest(ChatRequest request, String upstreamModel, boolean officialOpenAi) {
    return OpenAiRequestEncoder.encode(request, upstreamModel, officialOpenAi);
  }

  public ChatResponse decodeResponse(byte[] body) { return OpenAiResponseDecoder.decode(body); }

  /** The answer in {@code body[offset, offset + length)}: the transport's read buffer, parsed where it lies. */
  public ChatResponse decodeResponse(byte[] body, int offset, int length) {
    return OpenAiResponseDecoder.decode(body, offset, length);
  }

  public StreamDecoder streamDecoder() { return new OpenAiStreamDecoder(); }

  public UpstreamError decodeError(int status, byte[] body) { return OpenAiErrors.parse(status, body); }
}
