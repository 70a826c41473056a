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
    String type = header("content-type");
    if (type != null && type.startsWith("multipart/form-data")) return multipartField("model");
    try {
      JsonNode model = bodyJson().get("model");
      return model != null && model.isTextual() ? model.asText() : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * A text field of a multipart/form-data body (a fake's shortcut: finds the part by its Content-Disposition name),
   * or null.
   */
  public String multipartField(String name) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    String marker = "name=\"" + name + "\"";
    int at = text.indexOf(marker);
    while (at >= 0 && text.charAt(at + marker.length()) == ';') at = text.indexOf(marker, at + 1); // a file part
    if (at < 0) return null;
    int start = text.indexOf("\r\n\r\n", at);
    if (start < 0) return null;
    int end = text.indexOf("\r\n--", start + 4);
    if (end < 0) return null;
    return new String(text.substring(start + 4, end).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  /** The API key the request carries in its wire's usual place, or null. */
  public String apiKey() {
    if (endpoint == null) return bearer();
    return switch (endpoint.protocol()) {
      case OPENAI, DASHSCOPE, COHERE, JINA, VOYAGE -> bearer();
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
