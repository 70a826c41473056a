package dev.switchboard.server.http;

import dev.switchboard.config.ModelConfig;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import dev.switchboard.protocol.openai.OpenAiErrors;
import dev.switchboard.routing.Candidate;
import dev.switchboard.routing.ProviderRuntime;
import dev.switchboard.routing.RoutePlan;
import dev.switchboard.server.exec.Exchange;
import dev.switchboard.server.exec.GatewayServices;
import dev.switchboard.server.exec.PassThroughExecution;
import dev.switchboard.server.exec.ProxyForward;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code /proxy/{provider}/**}: any method, relayed to a provider from the config. The target is always that
 * provider's base URL plus the path suffix, so the gateway is no open relay; a suffix that could leave the base
 * URL (dot segments, {@code //}, backslashes, their percent-encodings, control characters) is refused with 400.
 * Authenticated like every endpoint, keys from the provider's pool (another key on 401/429/5xx), logged under the
 * endpoint {@code /proxy/<provider>}.
 */
final class ProxyRoute {
  static final String PREFIX = "/proxy/";

  private final GatewayServices services;
  private final Vertx vertx;
  private final ClientAuth auth;
  /** The same per-client-address limit as the inference endpoints (throws GatewayException 429). */
  private final java.util.function.Consumer<HttpServerRequest> rateLimit;

  ProxyRoute(GatewayServices services, Vertx vertx, ClientAuth auth, java.util.function.Consumer<HttpServerRequest> rateLimit) {
    this.services = services;
    this.vertx = vertx;
    this.auth = auth;
    this.rateLimit = rateLimit;
  }

  void handle(HttpServerRequest req, String requestId, Instant started, boolean shuttingDown) {
    String rest = req.path().substring(PREFIX.length());
    int slash = rest.indexOf('/');
    String name = slash < 0 ? rest : rest.substring(0, slash);
    String suffix = slash < 0 ? "" : rest.substring(slash);
    Exchange exchange = new Exchange(requestId, started, null, "/proxy/" + name);
    services.begin(exchange);
    try {
      if (shuttingDown) {
        throw new GatewayException(GatewayError.of(ErrorKey.SHUTTING_DOWN, "The gateway is shutting down; retry on another instance"));
      }
      var principal = auth.authenticate(req);
      exchange.clientKey(principal.keyName());
      if (principal.tenantKey()) {
        throw new GatewayException(GatewayError.of(ErrorKey.PERMISSION_DENIED,
            "Tenant API keys cannot use the provider proxy; call the catalog models through /v1"));
      }
      rateLimit.accept(req);
      ProviderRuntime provider = services.router().provider(name).orElseThrow(() -> new GatewayException(
          GatewayError.of(ErrorKey.NOT_FOUND, "No configured provider '" + name + "' to proxy to")));
      checkSuffix(suffix);
      exchange.requested(name);
      String pathAndQuery = req.query() == null || req.query().isEmpty() ? suffix : suffix + "?" + req.query();
      String method = req.method().name();
      var headers = ProxyForward.forwardable(req.headers());
      BodyReader.readAny(req, services.config().server().maxUploadBytes(), MultipartReader.SETTING).onComplete(ar -> {
        if (ar.failed()) {
          fail(req, exchange, ar.cause() instanceof GatewayException g ? g.error()
              : GatewayError.of(ErrorKey.INVALID_REQUEST, "The request body could not be read"));
          return;
        }
        RoutePlan plan = new RoutePlan(name, List.of(new Candidate(provider,
            new ModelConfig("proxy", "proxy", List.of(), null, null, null, null, List.of()))));
        new PassThroughExecution(services, vertx, req.response(), plan, exchange, req.getHeader("x-account-id"),
            new ProxyForward(method, pathAndQuery, headers, ar.result()), null).start();
      });
    } catch (GatewayException e) {
      fail(req, exchange, e.error());
    }
  }

  /** The suffix must stay a path under the base URL: no way to climb out of it or to name another authority. */
  static void checkSuffix(String suffix) {
    String lower = suffix.toLowerCase(Locale.ROOT);
    boolean bad = suffix.contains("//") || suffix.contains("\\") || lower.contains("%2e") || lower.contains("%2f")
        || lower.contains("%5c") || lower.contains("%00") || lower.contains("://");
    for (String segment : suffix.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) bad = true;
    }
    for (int i = 0; i < suffix.length() && !bad; i++) {
      char c = suffix.charAt(i);
      if (c < 0x21 || c == 0x7f) bad = true;
    }
    if (bad) {
      throw new GatewayException(GatewayError.field(ErrorKey.INVALID_REQUEST, "path",
          "The proxied path must stay under the provider's base URL (no '..', '//', backslashes or encoded separators)"));
    }
  }

  private void fail(HttpServerRequest req, Exchange exchange, GatewayError error) {
    exchange.failed(error.status(), error.key().name());
    services.record(exchange);
    var resp = req.response();
    if (resp.ended() || resp.closed()) return;
    if (error.status() == 401) resp.putHeader("www-authenticate", "Bearer");
    resp.setStatusCode(error.status()).putHeader("content-type", "application/json")
        .end(Buffer.buffer(OpenAiErrors.encode(error)));
  }
}
