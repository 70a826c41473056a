package dev.switchboard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.FailureClass;
import dev.switchboard.model.UpstreamError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Google API errors: {@code {"error":{"code":429,"message":"...","status":"RESOURCE_EXHAUSTED","details":[...]}}}.
 * The canonical error keeps {@code status} as type and, as code, the ErrorInfo reason (API_KEY_INVALID...) or
 * else the violated QuotaFailure quota ids, which is what classification needs.
 */
public final class GeminiErrors {
  private static final int MAX_TEXT = 500;

  private GeminiErrors() {}

  public static UpstreamError parse(int status, byte[] body) {
    if (body != null && body.length > 0) {
      try {
        JsonNode root = GeminiJson.MAPPER.readTree(body);
        // Without alt=sse, streamGenerateContent answers a JSON array; errors may come wrapped in one too.
        if (root != null && root.isArray()) root = root.path(0);
        JsonNode error = root == null ? null : root.get("error");
        if (error != null && error.isObject()) return fromErrorObject(status, error);
      } catch (IOException e) {
        // not JSON (an HTML page from a proxy, a truncated body): keep the text below
      }
    }
    return new UpstreamError(status, null, null, bodyText(status, body));
  }

  static UpstreamError fromErrorObject(int status, JsonNode error) {
    String code = null;
    StringBuilder quotaIds = null;
    for (JsonNode detail : error.path("details")) {
      String type = detail.path("@type").asText("");
      if (type.endsWith("google.rpc.ErrorInfo") && detail.hasNonNull("reason")) {
        code = detail.get("reason").asText();
      } else if (type.endsWith("google.rpc.QuotaFailure")) {
        for (JsonNode v : detail.path("violations")) {
          String id = GeminiJson.text(v, "quotaId");
          if (id == null) continue;
          if (quotaIds == null) quotaIds = new StringBuilder(id);
          else quotaIds.append(',').append(id);
        }
      }
    }
    if (code == null && quotaIds != null) code = quotaIds.toString();
    String message = GeminiJson.text(error, "message");
    return new UpstreamError(status, GeminiJson.text(error, "status"), code,
        message != null ? message : "Gemini error " + status);
  }

  public static FailureClass classify(UpstreamError e) {
    String type = e.type() == null ? "" : e.type();
    String code = e.code() == null ? "" : e.code();
    String message = e.message() == null ? "" : e.message();
    if (code.startsWith("API_KEY_") || message.contains("API key not valid") || message.contains("API key expired")) {
      return FailureClass.CREDENTIAL;
    }
    if (e.status() == 429 || type.equals("RESOURCE_EXHAUSTED")) {
      return isExhaustedQuota(code, message) ? FailureClass.QUOTA : FailureClass.RATE_LIMIT;
    }
    // The key's project cannot serve ("User location is not supported", free tier not in the region, billing off)
    // or may not use the model: not the request's fault; another key or provider may serve it.
    if (type.equals("FAILED_PRECONDITION") || type.equals("PERMISSION_DENIED")) return FailureClass.CREDENTIAL;
    if (type.equals("UNAVAILABLE") || type.equals("INTERNAL") || type.equals("DEADLINE_EXCEEDED")) {
      return FailureClass.TRANSIENT;
    }
    // Not ofStatus(type, code): quota ids in code would never match, and "billing" is in every 429 message.
    return FailureClass.ofStatus(e.status(), null, null);
  }

  /**
   * Every Gemini 429 says "check your plan and billing details", so the message alone cannot tell a per-minute
   * limit from an exhausted one. Exhausted means: a limit of 0 (the tier has no quota for the model), prepaid
   * credits used up, or only per-day quotas violated (waiting minutes will not help).
   */
  private static boolean isExhaustedQuota(String code, String message) {
    if (message.contains("limit: 0") || message.contains("credits are depleted")) return true;
    if (code.isEmpty() || !code.contains("PerDay")) return false;
    for (String id : code.split(",")) if (!id.contains("PerDay")) return false;
    return true;
  }

  private static String bodyText(int status, byte[] body) {
    if (body == null || body.length == 0) return "HTTP " + status + " with empty body";
    String text = new String(body, 0, Math.min(body.length, MAX_TEXT * 4), StandardCharsets.UTF_8).strip();
    return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text;
  }
}
