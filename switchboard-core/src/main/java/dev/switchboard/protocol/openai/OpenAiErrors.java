package dev.switchboard.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.UpstreamError;
import java.nio.charset.StandardCharsets;

/** OpenAI error objects: {@code {"error":{"message","type","param","code"}}}. */
public final class OpenAiErrors {
  private OpenAiErrors() {}

  public static byte[] encode(GatewayError e) {
    return OpenAiJson.write(256, g -> {
      g.writeStartObject();
      writeErrorObject(g, e);
      g.writeEndObject();
    });
  }

  static void writeErrorObject(com.fasterxml.jackson.core.JsonGenerator g, GatewayError e) throws java.io.IOException {
    g.writeObjectFieldStart("error");
    g.writeStringField("message", e.message());
    g.writeStringField("type", e.key().openAiType());
    if (e.param() != null) g.writeStringField("param", e.param()); else g.writeNullField("param");
    g.writeStringField("code", e.key().code());
    if (!e.reasons().isEmpty()) {
      // Extra field (clients ignore unknown ones): each routing candidate and why it could not serve.
      g.writeArrayFieldStart("candidates");
      for (GatewayError.Reason r : e.reasons()) {
        g.writeStartObject();
        g.writeStringField("candidate", r.candidate());
        g.writeStringField("reason", r.reason());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /** Parses an upstream error body; tolerant of non-JSON bodies (proxies, HTML pages). */
  public static UpstreamError parse(int status, byte[] body) {
    try {
      JsonNode root = OpenAiJson.MAPPER.readTree(body);
      JsonNode err = root == null ? null : root.get("error");
      if (err != null && err.isObject()) {
        return new UpstreamError(status, textOf(err.get("type")), textOf(err.get("code")), textOf(err.get("message")));
      }
      if (err != null && err.isTextual()) return new UpstreamError(status, null, null, err.textValue());
      if (root != null && root.has("message")) return new UpstreamError(status, null, null, textOf(root.get("message")));
    } catch (java.io.IOException | RuntimeException ignored) {
      // not JSON: fall through to the raw prefix
    }
    return new UpstreamError(status, null, null, snippet(body));
  }

  static String snippet(byte[] body) {
    String s = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
    return s.isEmpty() ? "(empty body)" : s;
  }

  private static String textOf(JsonNode n) {
    if (n == null || n.isNull()) return null;
    return n.isTextual() ? n.textValue() : n.toString();
  }
}
