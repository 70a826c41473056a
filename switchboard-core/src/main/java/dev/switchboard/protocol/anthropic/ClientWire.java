package dev.switchboard.protocol.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.json.JsonBytes;
import java.io.IOException;

/** Values the gateway writes to Anthropic clients: stop reasons, usage, ids and the error shape. */
final class ClientWire {
  private ClientWire() {}

  interface Writer extends JsonBytes.Writer {}

  static byte[] write(int sizeHint, Writer writer) {
    return JsonBytes.write(AnthropicCodec.MAPPER.getFactory(), sizeHint, writer);
  }

  static String stopReason(FinishReason reason, String stopSequence) {
    if (reason == null) return "end_turn";
    return switch (reason) {
      case STOP -> stopSequence != null ? "stop_sequence" : "end_turn";
      case LENGTH -> "max_tokens";
      case TOOL_CALLS -> "tool_use";
      case CONTENT_FILTER -> "refusal";
      case ERROR -> "end_turn";
    };
  }

  /**
   * Anthropic's usage convention: {@code input_tokens} excludes cache reads and writes, which are reported on their
   * own; canonical input includes them. Cache fields are written only when the upstream reported them.
   */
  static void usage(JsonGenerator g, Usage u, boolean withInput, long outputTokens) throws IOException {
    g.writeObjectFieldStart("usage");
    if (withInput) {
      long cacheRead = nz(u.cachedInputTokens());
      long cacheWrite = nz(u.cacheWriteTokens());
      g.writeNumberField("input_tokens", Math.max(0, nz(u.inputTokens()) - cacheRead - cacheWrite));
      if (u.cacheWriteTokens() != null) g.writeNumberField("cache_creation_input_tokens", cacheWrite);
      if (u.cachedInputTokens() != null) g.writeNumberField("cache_read_input_tokens", cacheRead);
    }
    g.writeNumberField("output_tokens", outputTokens);
    g.writeEndObject();
  }

  static long nz(Long v) { return v == null ? 0 : v; }

  static String messageId(String upstreamId) {
    return upstreamId != null ? upstreamId : "msg_" + Long.toHexString(System.nanoTime());
  }

  /** Writes a JSON tree (tool inputs, kept blocks) into a generator. */
  static void tree(JsonGenerator g, JsonNode node) throws IOException {
    AnthropicCodec.MAPPER.writeTree(g, node);
  }

  /** {@code {"type":"error","error":{"type","message"}}} with the error type Anthropic uses for the status. */
  static byte[] error(GatewayError e) {
    return write(160, g -> errorObject(g, e));
  }

  static void errorObject(JsonGenerator g, GatewayError e) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "error");
    g.writeObjectFieldStart("error");
    g.writeStringField("type", errorType(e));
    g.writeStringField("message", e.message());
    g.writeEndObject();
    g.writeEndObject();
  }

  static String errorType(GatewayError e) {
    return switch (e.key()) {
      case NO_PROVIDER_AVAILABLE, SHUTTING_DOWN -> "overloaded_error";
      case UPSTREAM_TIMEOUT -> "timeout_error";
      default -> switch (e.status()) {
        case 401 -> "authentication_error";
        case 402 -> "billing_error";
        case 403 -> "permission_error";
        case 404 -> "not_found_error";
        case 413 -> "request_too_large";
        case 429 -> "rate_limit_error";
        case 503, 529 -> "overloaded_error";
        case 504 -> "timeout_error";
        default -> e.status() >= 500 ? "api_error" : "invalid_request_error";
      };
    };
  }
}
