package dev.switchboard.server.manage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import java.math.BigDecimal;
import java.util.Map;

/**
 * One management call as its handler sees it: path parameters, query, JSON body, headers, cookies and the lazily
 * authenticated {@link Caller}. Handlers run on a virtual thread, so blocking (JDBC, password hashing) is fine.
 */
public final class ManagementRequest {
  private final String requestId;
  private final String method;
  private final String path;
  private final Map<String, String> params;
  private final MultiMap query;
  private final MultiMap headers;
  private final byte[] body;
  private final String remoteIp;
  private final boolean tls;
  private final Authenticator authenticator;
  private JsonNode json;
  private Caller caller;
  private boolean authenticated;

  ManagementRequest(String requestId, String method, String path, Map<String, String> params, MultiMap query,
                    MultiMap headers, byte[] body, String remoteIp, boolean tls, Authenticator authenticator) {
    this.requestId = requestId;
    this.method = method;
    this.path = path;
    this.params = params;
    this.query = query;
    this.headers = headers;
    this.body = body;
    this.remoteIp = remoteIp;
    this.tls = tls;
    this.authenticator = authenticator;
  }

  public String requestId() { return requestId; }
  public String method() { return method; }
  public String path() { return path; }
  public String remoteIp() { return remoteIp; }
  /** True when the client connection is TLS (or a proxy said so with X-Forwarded-Proto: https). */
  public boolean tls() { return tls; }

  public String header(String name) { return headers.get(name); }

  /** The raw request body (signature checks must see the exact bytes). */
  public byte[] body() { return body == null ? new byte[0] : body; }

  /** A path parameter ({@code {id}} in the pattern). */
  public String param(String name) { return params.get(name); }

  /** A numeric path parameter; 404 when it is not a number (ids are never guessable text). */
  public long longParam(String name) {
    String v = params.get(name);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.notFound(name);
    }
  }

  public String query(String name) { return query.get(name); }

  /** A cookie's value, or null. Quoted values (RFC 2965 clients) are unquoted; every Cookie header is read. */
  public String cookie(String name) {
    for (String h : headers.getAll("cookie")) {
      for (String part : h.split(";")) {
        int eq = part.indexOf('=');
        if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
          String v = part.substring(eq + 1).strip();
          return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
        }
      }
    }
    return null;
  }

  /** The body as a JSON object; an empty body is an empty object. 400 for anything else. */
  public JsonNode json() {
    if (json != null) return json;
    if (body == null || body.length == 0) return json = JsonNodeFactory.instance.objectNode();
    try {
      JsonNode n = ManagementJson.MAPPER.readTree(body);
      if (n == null || !n.isObject()) throw ApiException.badRequest(null, "The request body must be a JSON object");
      return json = n;
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "invalid_request_error", "invalid_json", "The request body is not valid JSON", null);
    } catch (java.io.IOException e) {
      throw new ApiException(400, "invalid_request_error", "invalid_json", "The request body cannot be read", null);
    }
  }

  /** A required, non-blank string field of the body (stripped). */
  public String text(String field) {
    String v = optionalText(field);
    if (v == null || v.isBlank()) throw ApiException.badRequest(field, "'" + field + "' is required");
    return v;
  }

  /** An optional string field; 400 when present but not a string. */
  public String optionalText(String field) {
    JsonNode n = json().get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isTextual()) throw ApiException.badRequest(field, "'" + field + "' must be a string");
    return n.textValue().strip();
  }

  public Integer optionalInt(String field) {
    JsonNode n = json().get(field);
    if (n == null || n.isNull()) return null;
    if (!n.canConvertToInt() || !n.isIntegralNumber()) throw ApiException.badRequest(field, "'" + field + "' must be an integer");
    return n.intValue();
  }

  public BigDecimal optionalDecimal(String field) {
    JsonNode n = json().get(field);
    if (n == null || n.isNull()) return null;
    if (n.isNumber()) return n.decimalValue();
    if (n.isTextual()) {
      try {
        return new BigDecimal(n.textValue().strip());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest(field, "'" + field + "' must be a decimal number");
      }
    }
    throw ApiException.badRequest(field, "'" + field + "' must be a decimal number");
  }

  public Boolean optionalBoolean(String field) {
    JsonNode n = json().get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isBoolean()) throw ApiException.badRequest(field, "'" + field + "' must be true or false");
    return n.booleanValue();
  }

  public boolean has(String field) { return json().has(field); }

  /** The authenticated caller; 401 when the request has no valid session or key. */
  public Caller caller() {
    Caller c = callerOrNull();
    if (c == null) {
      throw ApiException.unauthorized("Log in (session cookie) or send 'Authorization: Bearer <key>'");
    }
    return c;
  }

  /** The caller when credentials were sent; null for anonymous calls. Invalid credentials are a 401. */
  public Caller callerOrNull() {
    if (!authenticated) {
      caller = authenticator == null ? null : authenticator.authenticate(this);
      authenticated = true;
    }
    return caller;
  }

  /** A new empty JSON object for responses. */
  public static ObjectNode object() { return JsonNodeFactory.instance.objectNode(); }

  Authenticator authenticator() { return authenticator; }
}
