package dev.switchboard.server.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Set;

/**
 * CORS for the API (inference, models, proxy) when {@code server.cors-origins} allows browser pages of other origins
 * to call it with a gateway key. Preflights are answered here, before authentication (browsers send them without
 * credentials); an actual request gets the allow-origin and the gateway's own headers exposed to the page. Cookies
 * are never allowed (no Allow-Credentials): the portal's session cookie stays same-origin.
 */
final class Cors {
  /** The gateway's headers a page may read: the request id, who served it, retry hints, rate-limit state. */
  private static final String EXPOSED = "x-request-id, x-switchboard-provider, x-switchboard-model, "
      + "x-switchboard-attempts, retry-after, x-ratelimit-limit-requests, x-ratelimit-remaining-requests, "
      + "x-ratelimit-reset-requests, x-ratelimit-limit-tokens, x-ratelimit-remaining-tokens, x-ratelimit-reset-tokens";
  private static final String METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

  private final boolean any;
  private final Set<String> origins;

  Cors(List<String> allowed) {
    this.any = allowed.contains("*");
    this.origins = Set.copyOf(allowed);
  }

  /** Whether any origin is allowed at all (else the request path does not look at Origin). */
  static boolean enabled(List<String> allowed) { return !allowed.isEmpty(); }

  /**
   * Adds the CORS headers for an allowed origin; answers a preflight completely.
   *
   * @return true when the request was a preflight and has been answered
   */
  boolean handle(HttpServerRequest req) {
    String origin = req.getHeader("origin");
    if (origin == null) return false;
    boolean allowed = any || origins.contains(origin);
    HttpServerResponse resp = req.response();
    boolean preflight = req.method() == HttpMethod.OPTIONS && req.getHeader("access-control-request-method") != null;
    if (!allowed) {
      if (!preflight) return false; // no CORS headers: the browser keeps the answer from the page
      resp.setStatusCode(403).end();
      return true;
    }
    // A specific origin (not *) so that a cache keyed by Vary: Origin never serves one site's answer to another.
    resp.putHeader("access-control-allow-origin", any ? "*" : origin);
    if (!any) resp.putHeader("vary", "Origin");
    if (!preflight) {
      resp.putHeader("access-control-expose-headers", EXPOSED);
      return false;
    }
    String headers = req.getHeader("access-control-request-headers");
    resp.putHeader("access-control-allow-methods", METHODS);
    if (headers != null) resp.putHeader("access-control-allow-headers", headers);
    resp.putHeader("access-control-max-age", "600");
    resp.setStatusCode(204).end();
    return true;
  }
}
