package dev.switchboard.protocol.dashscope;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.FailureClass;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.UpstreamError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * DashScope error bodies {@code {"code","message","request_id"}}: parsing upstream ones, classifying them by code
 * (DashScope reports an unpaid account as a 400 {@code Arrearage}, so the status alone misleads), and writing the
 * gateway's own errors in that shape with DashScope's codes.
 */
final class DsErrors {
  private static final int MAX_MESSAGE_CHARS = 200;

  private DsErrors() {}

  static UpstreamError parse(int status, byte[] body) {
    if (body != null && body.length > 0) {
      try {
        JsonNode root = DsJson.MAPPER.readTree(body);
        UpstreamError e = root == null ? null : fromNode(status, root);
        if (e != null) return e;
      } catch (IOException notJson) {
        // gateways in front of DashScope answer with HTML or text; fall through to the body prefix
      }
    }
    return new UpstreamError(status, null, null, prefix(body));
  }

  /** The error of an error body or an {@code event:error} stream event; null when the node is not one. */
  static UpstreamError fromNode(int status, JsonNode root) {
    if (!root.isObject() || !root.hasNonNull("code")) return null;
    String code = root.get("code").asText();
    String message = DsJson.str(root, "message");
    return new UpstreamError(status, code, code, message == null ? code : message);
  }

  static FailureClass classify(UpstreamError error) {
    String code = error.code() == null ? "" : error.code();
    if (code.equals("InvalidApiKey")) return FailureClass.CREDENTIAL;
    if (code.startsWith("Arrearage") || code.equals("Throttling.AllocationQuota") || code.startsWith("AllocationQuota")) {
      return FailureClass.QUOTA;
    }
    if (code.startsWith("Throttling")) return FailureClass.RATE_LIMIT;
    if (code.startsWith("AccessDenied")) return FailureClass.CREDENTIAL;
    if (code.startsWith("InternalError") || code.equals("RequestTimeOut") || code.equals("ServiceUnavailable")) {
      return FailureClass.TRANSIENT;
    }
    return FailureClass.ofStatus(error.status(), null, null);
  }

  /** DashScope's code for a gateway error. */
  static String code(GatewayError e) {
    return switch (e.key()) {
      case MISSING_API_KEY, INVALID_API_KEY -> "InvalidApiKey";
      case PERMISSION_DENIED -> "AccessDenied";
      case MODEL_NOT_FOUND -> "ModelNotFound";
      case NOT_FOUND -> "InvalidURL";
      case RATE_LIMITED -> "Throttling.RateQuota";
      case INSUFFICIENT_QUOTA -> "Arrearage";
      case UPSTREAM_TIMEOUT -> "RequestTimeOut";
      case NO_PROVIDER_AVAILABLE, SHUTTING_DOWN -> "ServiceUnavailable";
      case UPSTREAM_ERROR, INTERNAL -> "InternalError";
      default -> e.status() >= 500 ? "InternalError" : e.status() == 429 ? "Throttling" : "InvalidParameter";
    };
  }

  static byte[] encode(GatewayError e) {
    return DsJson.write(160, g -> write(g, e, requestId()));
  }

  static void write(JsonGenerator g, GatewayError e, String requestId) throws IOException {
    g.writeStartObject();
    g.writeStringField("code", code(e));
    g.writeStringField("message", e.message());
    g.writeStringField("request_id", requestId);
    g.writeEndObject();
  }

  /** DashScope request ids are UUIDs; errors raised before any upstream call get a fresh one. */
  static String requestId() { return UUID.randomUUID().toString(); }

  private static String prefix(byte[] body) {
    if (body == null || body.length == 0) return "";
    String s = new String(body, 0, Math.min(body.length, MAX_MESSAGE_CHARS * 4), StandardCharsets.UTF_8).strip();
    return s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS) + "...";
  }
}
