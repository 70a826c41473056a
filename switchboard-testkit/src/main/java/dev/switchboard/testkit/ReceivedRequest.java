package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request as the fake received it. {@code headers} is case-insensitive; {@code query} is the raw query string
 * ("" when absent); {@code endpoint} is null for a path the fake does not serve. {@link #toString()} leaves out
 * headers and body: they may hold API keys.
 */
public record ReceivedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              byte[] body, Endpoint endpoint) {

  /** First value of a header (any case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  /** First value of a query parameter (URL-decoded), or null. */
  public String queryParam(String name) {
    if (query.isEmpty()) return null;
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  public String bodyText() { return new String(body, StandardCharsets.UTF_8); }

  /** The body parsed as JSON; a missing body is an empty object node, a malformed one throws naming the path. */
  public JsonNode bodyJson() {
    if (body.length == 0) return Json.object();
    return Json.parse(bodyText(), "body of " + method + " " + path);
  }

  /**
   * The model the request names: from the body for OpenAI/Anthropic, from the path for Gemini; null when absent
   * or the body is not JSON.
   */
  public String model() {
    if (endpoint != null && endpoint.protocol() == dev.switchboard.provider.Protocol.GEMINI) {
      return path.substring(Endpoint.GEMINI_MODELS.length(), path.lastIndexOf(':'));
    }
    try {
      JsonNode model = bodyJson().get("model");
      return model != null && model.isTextual() ? model.asText() : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The API key the request carries in its wire's usual place, or null. */
  public String apiKey() {
    if (endpoint == null) return bearer();
    return switch (endpoint.protocol()) {
      case OPENAI, DASHSCOPE -> bearer();
      case ANTHROPIC -> header("x-api-key");
      case GEMINI -> {
        String key = header("x-goog-api-key");
        yield key != null ? key : queryParam("key");
      }
    };
  }

  private String bearer() {
    String auth = header("authorization");
    return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
  }

  @Override public String toString() {
    return "ReceivedRequest[" + method + " " + path + (query.isEmpty() ? "" : "?…") + ", " + body.length + " bytes]";
  }
}
