package dev.switchboard.protocol.dashscope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import dev.switchboard.protocol.json.CompactNodes;
import dev.switchboard.protocol.json.JsonBytes;
import java.io.IOException;

/** The package's one ObjectMapper and small Jackson helpers. */
final class DsJson {
  static final ObjectMapper MAPPER = CompactNodes.mapper();
  static final JsonNodeFactory F = CompactNodes.INSTANCE;

  private DsJson() {}

  interface Writer extends JsonBytes.Writer {}

  static byte[] write(int sizeHint, Writer writer) {
    return JsonBytes.write(MAPPER.getFactory(), sizeHint, writer);
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** Parses an upstream body; an unreadable one is the upstream's fault. */
  static JsonNode upstream(byte[] body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || !n.isObject()) throw new IOException("not an object");
      return n;
    } catch (IOException e) {
      throw new GatewayException(GatewayError.of(ErrorKey.UPSTREAM_ERROR, "DashScope returned a body that is not a JSON object"));
    }
  }

  static String str(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static Long longOrNull(JsonNode n) { return n != null && n.isNumber() ? n.longValue() : null; }
}
