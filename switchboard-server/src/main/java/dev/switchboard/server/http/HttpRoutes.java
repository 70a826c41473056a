package dev.switchboard.server.http;

import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import dev.switchboard.protocol.openai.OpenAiErrors;
import dev.switchboard.server.exec.Exchange;
import dev.switchboard.server.exec.GatewayServices;
import dev.switchboard.server.exec.MultipartForm;
import dev.switchboard.server.exec.Responder;
import dev.switchboard.server.manage.ManagementHandler;
import dev.switchboard.server.accounts.Accounts;
import dev.switchboard.accounts.Principal;
import dev.switchboard.routing.ClientIpLimiter;
import dev.switchboard.store.RequestIds;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request handler: request id, auth, body, then the endpoint. Every path is also served under /api/v1 for
 * relays that use that prefix. Handlers are thin; the work is in the executions.
 */
public final class HttpRoutes implements Handler<HttpServerRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(HttpRoutes.class);
  private static final Buffer OK = Buffer.buffer("{\"status\":\"ok\"}");

  private final GatewayServices services;
  private final Vertx vertx;
  private final ClientAuth auth;
  private final long created = System.currentTimeMillis() / 1000;
  private volatile ModelsCatalog models;
  private final RoutingStatus routingStatus;
  private final ClientIpLimiter ipLimiter;
  private final Health health;
  private final BooleanSupplier shuttingDown;
  private final ProxyRoute proxy;
  /** Null when no browser origin is allowed (the default): requests are not looked at for CORS. */
  private final Cors cors;
  private final ManagementHandler management;
  private final Accounts accounts;

  public HttpRoutes(GatewayServices services, Vertx vertx, Health health, BooleanSupplier shuttingDown) {
    this(services, vertx, health, shuttingDown, null, null);
  }

  /**
   * @param management the /portal/api and /admin/api handler; null when the management APIs are off
   * @param accounts   tenant keys and the public catalog; null when accounts are off
   */
  public HttpRoutes(GatewayServices services, Vertx vertx, Health health, BooleanSupplier shuttingDown,
                    ManagementHandler management, Accounts accounts) {
    this.management = management;
    this.accounts = accounts;
    this.services = services;
    this.vertx = vertx;
    this.auth = new ClientAuth(services.config().clientKeys(), accounts == null ? null : accounts.gatewayKeys());
    this.models = new ModelsCatalog(services.router(), created);
    var smart = services.config().smart();
    this.routingStatus = new RoutingStatus(services.router(), smart.status().hideKeyNames());
    this.ipLimiter = services.ipLimiter();
    this.health = health;
    this.shuttingDown = shuttingDown;
    this.proxy = new ProxyRoute(services, vertx, auth, this::limitClientIp);
    List<String> origins = services.config().server().corsOrigins();
    this.cors = Cors.enabled(origins) ? new Cors(origins) : null;
  }

  @Override
  public void handle(HttpServerRequest req) {
    String path = req.path();
    if (path.startsWith("/api/v1/")) path = path.substring(4);
    Instant started = Instant.now();
    String requestId = RequestIds.next(started);
    HttpServerResponse resp = req.response();
    resp.putHeader(Responder.REQUEST_ID, requestId);
    // The API only: the portal and admin pages are same-origin and keep their session cookie to themselves.
    if (cors != null && (management == null || !ManagementHandler.handles(req.path())) && cors.handle(req)) return;
    try {
      InferenceEndpoint endpoint = InferenceRoutes.ROUTES.get(path);
      if (endpoint != null) {
        inference(req, requestId, started, path, endpoint);
        return;
      }
      if (management != null && ManagementHandler.handles(req.path())) {
        management.handle(vertx, req, requestId);
        return;
      }
      if (path.startsWith(ProxyRoute.PREFIX)) {
        proxy.handle(req, requestId, started, shuttingDown.getAsBoolean());
        return;
      }
      switch (path) {
        case "/v1/models" -> {
          checkMethod(req, HttpMethod.GET);
          Principal p = auth.authenticate(req);
          json(resp, 200, Buffer.buffer(p.tenantKey() ? TenantModels.list(accounts.catalog(), p, created) : catalog().list()));
        }
        case "/v1/routing/status" -> {
          // Public read-only view when configured (no key names unless allowed); else a client key is needed.
          if (services.config().smart().status().publicView()) checkMethod(req, HttpMethod.GET);
          else authenticated(req, HttpMethod.GET, () -> { });
          json(resp, 200, Buffer.buffer(routingStatus.render()));
        }
        case "/healthz", "/health/live" -> json(resp, 200, OK);
        case "/health/ready" -> health.ready(resp, shuttingDown.getAsBoolean());
        case "/api/health", "/health" -> health.details(resp, shuttingDown.getAsBoolean(), healthAudience(req),
            services.config().smart().status().hideKeyNames());
        case "/metrics" -> {
          resp.putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8");
          resp.end(services.metrics().registry().scrape());
        }
        default -> {
          if (path.startsWith("/v1/models/")) {
            String id = java.net.URLDecoder.decode(path.substring("/v1/models/".length()), java.nio.charset.StandardCharsets.UTF_8);
            checkMethod(req, HttpMethod.GET);
            Principal p = auth.authenticate(req);
            var one = p.tenantKey() ? TenantModels.model(accounts.catalog(), p, id, created) : catalog().model(id);
            json(resp, 200, Buffer.buffer(one.orElseThrow(() ->
                new GatewayException(GatewayError.field(ErrorKey.MODEL_NOT_FOUND, "model", "The model '" + id + "' does not exist")))));
          } else {
            throw new GatewayException(GatewayError.of(ErrorKey.NOT_FOUND, "Unknown path " + req.method() + " " + req.path()));
          }
        }
      }
    } catch (GatewayException e) {
      error(resp, e.error());
    }
  }

  private void inference(HttpServerRequest req, String requestId, Instant started, String path,
      InferenceEndpoint endpoint) {
    // Every inference request is recorded, refused ones included (no key name then).
    Exchange exchange = new Exchange(requestId, started, null, path);
    services.begin(exchange);
    try {
      checkMethod(req, HttpMethod.POST);
      if (shuttingDown.getAsBoolean()) {
        throw new GatewayException(GatewayError.of(ErrorKey.SHUTTING_DOWN, "The gateway is shutting down; retry on another instance"));
      }
      Principal principal = auth.authenticate(req);
      exchange.authenticated(principal, accounts == null ? null : accounts.catalog());
      if (principal.tenantKey()) admitTenantKey(req, principal, path, endpoint);
      limitClientIp(req);
    } catch (GatewayException e) {
      fail(req, exchange, endpoint, e.error());
      return;
    }
    if (endpoint.multipart()) {
      MultipartReader.read(req, services.config().server().maxUploadBytes())
          .onComplete(ar -> dispatch(req, requestId, exchange, endpoint, ar, null, ar.succeeded() ? ar.result() : null));
    } else {
      BodyReader.readJson(req, services.config().server().maxBodyBytes())
          .onComplete(ar -> dispatch(req, requestId, exchange, endpoint, ar, ar.succeeded() ? ar.result() : null, null));
    }
  }

  private void dispatch(HttpServerRequest req, String requestId, Exchange exchange, InferenceEndpoint endpoint,
                        io.vertx.core.AsyncResult<?> read, byte[] body, MultipartForm form) {
    try {
      if (read.failed()) throw read.cause();
      endpoint.handle(new InferenceEndpoint.Call(services, vertx, req, exchange, body, form));
    } catch (GatewayException e) {
      fail(req, exchange, endpoint, e.error());
    } catch (Throwable t) {
      LOG.error("request {} failed unexpectedly", requestId, t);
      fail(req, exchange, endpoint, GatewayError.of(ErrorKey.INTERNAL, "Internal error (request " + requestId + ")"));
    }
  }

  /** Tenant keys: allowed endpoints, no speech-to-speech chaining (it names upstream models), per-key rate. */
  private void admitTenantKey(HttpServerRequest req, Principal p, String path, InferenceEndpoint endpoint) {
    if (!p.mayCall(path) || path.equals("/v1/audio/speech-to-speech")) {
      throw new GatewayException(GatewayError.of(ErrorKey.PERMISSION_DENIED, "This API key may not call " + path));
    }
    long wait = accounts.gatewayKeys().acquire(p);
    if (wait > 0) {
      req.response().putHeader("retry-after", String.valueOf(wait));
      throw new GatewayException(GatewayError.of(ErrorKey.RATE_LIMITED, "This API key's rate limit ("
          + p.ratePerMinute() + " requests per minute) is reached; retry in " + wait + "s"));
    }
  }

  /**
   * Who asks for /api/health: it answers everyone (uptime checks send no key), so a missing, wrong or tenant key
   * gets the view /v1/routing/status would give it without a key, never an error. With no client keys configured
   * the gateway is open and every caller is its operator, as on every other endpoint.
   */
  private Health.Audience healthAudience(HttpServerRequest req) {
    Principal p;
    try {
      p = auth.authenticate(req);
    } catch (GatewayException e) {
      p = null;
    }
    if (p != null && !p.tenantKey()) return Health.Audience.OPERATOR;
    return services.config().smart().status().publicView() ? Health.Audience.PUBLIC : Health.Audience.ANONYMOUS;
  }

  /** The catalog as rendered for the current model list (discovery may have added models since). */
  private ModelsCatalog catalog() {
    ModelsCatalog m = models;
    if (m.version != services.router().catalogVersion()) models = m = new ModelsCatalog(services.router(), created);
    return m;
  }

  /**
   * Per-client-IP token bucket: for anonymous access (no client keys) when enabled, and for authenticated clients
   * only when {@code routing.client-ip-limit.authenticated} is true.
   */
  private void limitClientIp(HttpServerRequest req) {
    var limit = services.config().smart().clientIpLimit();
    if (ipLimiter == null || (auth.enabled() && !limit.authenticated())) return;
    var remote = req.remoteAddress();
    String ip = remote == null ? "unknown" : remote.hostAddress();
    long wait = ipLimiter.acquire(ip);
    if (wait > 0) {
      req.response().putHeader("retry-after", String.valueOf(wait));
      throw new GatewayException(GatewayError.of(ErrorKey.RATE_LIMITED, "Too many requests from this address: "
          + limit.burst() + " at once, " + limit.perMinute() + " per minute; retry in " + wait + "s"));
    }
  }

  private void fail(HttpServerRequest req, Exchange exchange, InferenceEndpoint endpoint, GatewayError error) {
    exchange.failed(error.status(), error.key().name());
    services.record(exchange);
    HttpServerResponse resp = req.response();
    if (resp.ended() || resp.closed()) return;
    if (error.status() == 401) resp.putHeader("www-authenticate", "Bearer");
    json(resp, error.status(), Buffer.buffer(endpoint.encodeError(error)));
  }

  private void authenticated(HttpServerRequest req, HttpMethod method, Runnable action) {
    checkMethod(req, method);
    if (auth.authenticate(req).tenantKey()) {
      throw new GatewayException(GatewayError.of(ErrorKey.PERMISSION_DENIED, "Tenant API keys cannot view " + req.path()));
    }
    action.run();
  }

  private static void checkMethod(HttpServerRequest req, HttpMethod method) {
    if (!req.method().equals(method)) {
      req.response().putHeader("allow", method.name());
      throw new GatewayException(GatewayError.of(ErrorKey.METHOD_NOT_ALLOWED,
          "Method " + req.method() + " is not allowed on " + req.path() + "; use " + method));
    }
  }

  private static void json(HttpServerResponse resp, int status, Buffer body) {
    resp.setStatusCode(status).putHeader(Responder.CONTENT_TYPE, Responder.APPLICATION_JSON).end(body);
  }

  static void error(HttpServerResponse resp, GatewayError error) {
    if (resp.ended() || resp.closed()) return;
    if (error.status() == 401) resp.putHeader("www-authenticate", "Bearer");
    json(resp, error.status(), Buffer.buffer(OpenAiErrors.encode(error)));
  }
}
