package dev.switchboard.protocol.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.protocol.ClientCodec;
import dev.switchboard.protocol.StreamEncoder;

/**
 * DashScope text generation ({@code POST /api/v1/services/aigc/text-generation/generation}) as a client-facing
 * protocol. The answer's shape depends on the request ({@code parameters.result_format} text or message,
 * {@code incremental_output} deltas or cumulative text), so the endpoint decodes with {@link #INSTANCE} and answers
 * with the codec {@link #forRequest} returns.
 *
 * @param messageFormat {@code result_format: message} (else {@code output.text})
 * @param incremental   stream deltas (else every event repeats the whole text so far)
 */
public record DashScopeClientCodec(boolean messageFormat, boolean incremental) implements ClientCodec {
  /** The name in {@link dev.switchboard.model.Inbound#wire()} for requests that came in on this wire. */
  public static final String WIRE = "dashscope";
  /** DashScope's defaults: text format, cumulative streams. */
  public static final DashScopeClientCodec INSTANCE = new DashScopeClientCodec(false, false);

  /** The request body; {@code sseHeader} is true when the client sent {@code X-DashScope-SSE: enable}. */
  public ChatRequest decodeRequest(byte[] body, boolean sseHeader) { return InboundDecoder.decode(body, sseHeader); }

  @Override
  public ChatRequest decodeRequest(byte[] body) { return InboundDecoder.decode(body, false); }

  /**
   * The codec answering {@code request} (decoded by this codec). Tools force the message format since text
   * results cannot carry tool calls (DashScope requires {@code result_format: message} with tools).
   */
  public DashScopeClientCodec forRequest(ChatRequest request) {
    if (!request.cameIn(WIRE)) return this;
    JsonNode params = request.inbound().body().path("parameters");
    boolean message = "message".equals(params.path("result_format").asText(""))
        || !request.tools().isEmpty();
    boolean incremental = params.path("incremental_output").asBoolean(false);
    return message == messageFormat && incremental == this.incremental ? this : new DashScopeClientCodec(message, incremental);
  }

  @Override
  public byte[] encodeResponse(ChatResponse response) { return ClientResponseEncoder.encode(response, messageFormat); }

  @Override
  public StreamEncoder streamEncoder(ChatRequest request) { return new DashScopeStreamEncoder(messageFormat, incremental); }

  @Override
  public byte[] encodeError(GatewayError error) { return DsErrors.encode(error); }
}
