package dev.switchboard.protocol.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import dev.switchboard.protocol.sse.SseEvent;
import java.io.IOException;

/** Small Jackson helpers shared by this package's codecs. */
final class Json {
  private Json() {}

  static byte[] bytes(JsonNode node) {
    try {
      return AnthropicCodec.MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** Compact JSON text of a node (tool inputs become canonical argument strings). */
  static String text(JsonNode node) {
    try {
      return AnthropicCodec.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** Parses an upstream body; an unreadable one is the upstream's fault, reported as a gateway upstream error. */
  static JsonNode upstream(byte[] body) {
    try {
      return AnthropicCodec.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new GatewayException(GatewayError.of(ErrorKey.UPSTREAM_ERROR, "Anthropic returned a body that is not valid JSON"));
    }
  }

  /** One stream event's data (see {@link SseEvent#json}). */
  static JsonNode upstreamEvent(SseEvent event) {
    try {
      return event.json(AnthropicCodec.MAPPER);
    } catch (IOException e) {
      throw new GatewayException(GatewayError.of(ErrorKey.UPSTREAM_ERROR, "Anthropic sent a stream event that is not valid JSON"));
    }
  }

  static String str(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
