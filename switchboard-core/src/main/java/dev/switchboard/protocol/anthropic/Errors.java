package dev.switchboard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.FailureClass;
import dev.switchboard.model.UpstreamError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Anthropic error bodies ({@code {"type":"error","error":{"type","message"}}}) and their failure classes. */
final class Errors {
  static final int MAX_MESSAGE_CHARS = 200;

  private Errors() {}

  static UpstreamError parse(int status, byte[] body) {
    if (body != null && body.length > 0) {
      try {
        JsonNode root = AnthropicCodec.MAPPER.readTree(body);
        UpstreamError e = root == null ? null : fromNode(status, root);
        if (e != null) return e;
      } catch (IOException notJson) {
        // proxies and load balancers answer with HTML or plain text; fall through to the body prefix
      }
    }
    return new UpstreamError(status, null, null, prefix(body));
  }

  /** The error object of an error body or an {@code error} stream event; null when the node is not one. */
  static UpstreamError fromNode(int status, JsonNode root) {
    JsonNode err = root.get("error");
    if (err == null || !err.isObject()) return null;
    return new UpstreamError(status, Json.str(err, "type"), null, Json.str(err, "message"));
  }

  static FailureClass classify(UpstreamError error) {
    if (error.status() == 529 || "overloaded_error".equals(error.type())) return FailureClass.TRANSIENT;
    String message = error.message() == null ? "" : error.message().toLowerCase(Locale.ROOT);
    // Anthropic reports an empty prepaid balance as a 400 invalid_request_error; it is a key problem, not a bad request.
    if ("billing_error".equals(error.type()) || message.contains("credit balance")) return FailureClass.QUOTA;
    return FailureClass.ofStatus(error.status(), error.type(), error.code());
  }

  private static String prefix(byte[] body) {
    if (body == null || body.length == 0) return "";
    String s = new String(body, 0, Math.min(body.length, MAX_MESSAGE_CHARS * 4), StandardCharsets.UTF_8).strip();
    return s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS) + "...";
  }
}
