package dev.switchboard.server.manage;

import dev.switchboard.error.GatewayException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /portal/api/...} and {@code /admin/api/...}: reads the body on the event loop (bounded by
 * {@link #MAX_BODY_BYTES}), then runs the handler on a virtual thread (JDBC and password hashing block) and writes
 * the answer back on the request's context.
 *
 * <p>CSRF: a cookie-authenticated caller must send the session's token in {@code X-CSRF-Token} on every POST, PUT,
 * PATCH and DELETE (synchronizer token: issued at login, stored with the session, also readable from the
 * {@code sb_csrf} cookie for browser code). Key-authenticated calls (Authorization header) are not CSRF-able and
 * need no token. Sign-up and login are the only state-changing calls without a session; SameSite cookies and the
 * JSON content type requirement cover them.
 */
public final class ManagementHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ManagementHandler.class);
  public static final String PORTAL = "/portal/api/";
  public static final String ADMIN = "/admin/api/";
  public static final String CSRF_HEADER = "x-csrf-token";
  /** Management bodies are small JSON documents. */
  public static final int MAX_BODY_BYTES = 64 * 1024;
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  private final ManagementRouter router;
  private final Authenticator authenticator;

  public ManagementHandler(ManagementRouter router, Authenticator authenticator) {
    this.router = router;
    this.authenticator = authenticator;
  }

  public ManagementRouter router() { return router; }

  public static boolean handles(String path) { return path.startsWith(PORTAL) || path.startsWith(ADMIN); }

  public void handle(Vertx vertx, HttpServerRequest req, String requestId) {
    HttpServerResponse resp = req.response();
    resp.putHeader("cache-control", "no-store");
    List<String> allowed = new ArrayList<>(2);
    ManagementRouter.Match match = router.match(req.method().name(), req.path(), allowed);
    if (match == null) {
      if (!allowed.isEmpty()) {
        resp.putHeader("allow", String.join(", ", allowed));
        error(resp, new ApiException(405, "invalid_request_error", "method_not_allowed",
            "Method " + req.method() + " is not allowed on " + req.path(), null));
      } else {
        error(resp, ApiException.notFound("Path " + req.path()));
      }
      return;
    }
    String length = req.getHeader("content-length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > MAX_BODY_BYTES) {
          error(resp, tooLarge());
          return;
        }
      } catch (NumberFormatException e) {
        error(resp, ApiException.badRequest(null, "Invalid Content-Length"));
        return;
      }
    }
    Context context = vertx.getOrCreateContext();
    Buffer body = Buffer.buffer();
    boolean[] overflow = {false};
    req.handler(chunk -> {
      if (overflow[0]) return;
      if (body.length() + chunk.length() > MAX_BODY_BYTES) {
        overflow[0] = true;
        error(resp, tooLarge());
        return;
      }
      body.appendBuffer(chunk);
    });
    req.exceptionHandler(t -> { });
    req.endHandler(v -> {
      if (overflow[0]) return;
      var remote = req.remoteAddress();
      boolean tls = req.isSSL() || "https".equalsIgnoreCase(req.getHeader("x-forwarded-proto"));
      ManagementRequest mr = new ManagementRequest(requestId, req.method().name(), req.path(), match.params(),
          req.params(), req.headers(), body.getBytes(), remote == null ? "unknown" : remote.hostAddress(), tls,
          authenticator);
      Thread.ofVirtual().name("manage-", 0).start(() -> {
        Reply reply = run(match.route(), mr);
        context.runOnContext(x -> write(resp, reply));
      });
    });
  }

  private Reply run(ManagementRouter.Route route, ManagementRequest mr) {
    try {
      if (!SAFE.contains(mr.method())) checkCsrf(mr);
      Object out = route.handler().handle(mr);
      if (out == null) return Reply.noContent();
      if (out instanceof Reply r) return r;
      return Reply.json(200, out);
    } catch (ApiException e) {
      return errorReply(e);
    } catch (GatewayException e) {
      var g = e.error();
      return errorReply(new ApiException(g.status(), g.key().openAiType(), g.key().code(), g.message(), g.param()));
    } catch (Exception | Error e) {
      LOG.error("management request {} {} failed", mr.requestId(), route.pattern(), e);
      return errorReply(new ApiException(500, "server_error", "internal",
          "Internal error (request " + mr.requestId() + ")", null));
    }
  }

  /** Cookie-authenticated state changes must echo the session's CSRF token. */
  private void checkCsrf(ManagementRequest mr) {
    Caller caller = mr.callerOrNull();
    if (caller == null || !caller.viaSession()) return;
    String expected = authenticator.csrfToken(mr, caller);
    String presented = mr.header(CSRF_HEADER);
    if (expected == null || presented == null || !MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(403, "permission_error", "csrf_token_invalid",
          "Missing or wrong X-CSRF-Token header (the token is returned at login and in the sb_csrf cookie)",
          CSRF_HEADER);
    }
  }

  private static ApiException tooLarge() {
    return new ApiException(413, "invalid_request_error", "body_too_large",
        "The request body exceeds " + MAX_BODY_BYTES + " bytes", null);
  }

  private static Reply errorReply(ApiException e) {
    return new Reply(e.status(), ManagementJson.error(e.status(), e.type(), e.code(), e.getMessage(), e.param()),
        "application/json", List.of());
  }

  private static void error(HttpServerResponse resp, ApiException e) {
    write(resp, errorReply(e));
  }

  private static void write(HttpServerResponse resp, Reply reply) {
    if (resp.ended() || resp.closed()) return;
    resp.setStatusCode(reply.status());
    for (Map.Entry<String, String> h : reply.headers()) resp.headers().add(h.getKey(), h.getValue());
    if (reply.status() == 401) resp.putHeader("www-authenticate", "Bearer");
    if (reply.body() == null) {
      resp.end();
      return;
    }
    byte[] bytes;
    if (reply.body() instanceof byte[] b) {
      bytes = b;
    } else {
      try {
        bytes = ManagementJson.MAPPER.writeValueAsBytes(reply.body());
      } catch (Exception e) {
        LOG.error("cannot serialise a management reply", e);
        resp.setStatusCode(500);
        bytes = ManagementJson.error(500, "server_error", "internal", "Internal error", null);
      }
    }
    resp.putHeader("content-type", reply.contentType() == null ? "application/json" : reply.contentType());
    resp.end(Buffer.buffer(bytes));
  }
}
