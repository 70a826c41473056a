package dev.switchboard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A management API client with its own cookie jar, like one browser; sends the CSRF token once it has one. */
final class Browser {
  static final ObjectMapper JSON = new ObjectMapper();
  private final String base;
  private final HttpClient http;
  String csrf;
  String bearer;

  Browser(String base) {
    this.base = base;
    this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Without cookies, authenticating with a key. */
  static Browser withKey(String base, String key) {
    Browser b = new Browser(base);
    b.bearer = key;
    return b;
  }

  record Res(int status, JsonNode json, String body, HttpResponse<String> raw) {}

  Res call(String method, String path, String body) { return call(method, path, body, true); }

  Res call(String method, String path, String body, boolean sendCsrf) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("content-type", "application/json");
    if (sendCsrf && csrf != null) b.header("x-csrf-token", csrf);
    if (bearer != null) b.header("authorization", "Bearer " + bearer);
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode n = r.body().isEmpty() ? null : parse(r.body());
      return new Res(r.statusCode(), n, r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Res get(String path) { return call("GET", path, null); }
  Res post(String path, String body) { return call("POST", path, body); }

  Res login(String email, String password) {
    Res r = post("/portal/api/login", "{\"email\":" + q(email) + ",\"password\":" + q(password) + "}");
    if (r.status() == 200) csrf = r.json().path("csrf_token").asText();
    return r;
  }

  Res signup(String email, String password, String tenant) {
    Res r = post("/portal/api/signup", "{\"email\":" + q(email) + ",\"password\":" + q(password) + ",\"tenant_name\":" + q(tenant) + "}");
    if (r.status() == 201) csrf = r.json().path("csrf_token").asText();
    return r;
  }

  static String q(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      return null;
    }
  }
}
