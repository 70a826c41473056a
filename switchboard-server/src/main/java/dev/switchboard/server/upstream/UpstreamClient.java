package dev.switchboard.server.upstream;

import dev.switchboard.config.UpstreamSettings;
import dev.switchboard.provider.UpstreamRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.netty.channel.EventLoop;
import io.vertx.core.internal.ContextInternal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pooled keep-alive HTTP client every upstream call goes through: one pool per event loop. A request runs on the
 * event loop of its client connection; taking its upstream connection from that loop's pool keeps the whole exchange
 * on one thread. With one shared pool a connection opened by the other loop was handed out about half the time,
 * and every such request crossed threads twice (docs/benchmarks.md).
 */
public final class UpstreamClient {
  private final Vertx vertx;
  /** For callers off the event loops (none on the request path). */
  private final HttpClientAgent shared;
  private final ConcurrentHashMap<EventLoop, HttpClientAgent> perLoop = new ConcurrentHashMap<>();
  private final int perLoopMax;
  private final UpstreamSettings settings;
  /** Upstream origins parsed once: providers have a handful, requests have millions. */
  private final ConcurrentHashMap<String, Origin> origins = new ConcurrentHashMap<>();

  private record Origin(String host, int port, boolean ssl) {}

  /** @param eventLoops the gateway's event loops: {@code upstream.max-connections} is split evenly across their pools */
  public UpstreamClient(Vertx vertx, UpstreamSettings settings, int eventLoops) {
    this.vertx = vertx;
    this.settings = settings;
    this.perLoopMax = Math.max(1, (settings.maxConnections() + eventLoops - 1) / eventLoops);
    this.shared = build(settings.maxConnections());
  }

  private HttpClientAgent build(int maxConnections) {
    HttpClientOptions options = new HttpClientOptions()
        .setKeepAlive(true)
        .setKeepAliveTimeout(60)
        .setTcpNoDelay(true)
        .setDecompressionSupported(true)
        .setConnectTimeout((int) settings.connectTimeout().toMillis())
        .setMaxInitialLineLength(8192)
        .setVerifyHost(true);
    return vertx.httpClientBuilder()
        .with(options)
        .with(new PoolOptions().setHttp1MaxSize(maxConnections).setMaxWaitQueueSize(-1))
        .build();
  }

  private HttpClientAgent client() {
    if (Vertx.currentContext() instanceof ContextInternal context && context.isEventLoopContext()) {
      return perLoop.computeIfAbsent(context.nettyEventLoop(), loop -> build(perLoopMax));
    }
    return shared;
  }

  /**
   * Opens the request (connection from the pool) without sending it, so the caller holds the request for
   * cancellation before any byte goes out. Only the connect is bounded here: the caller bounds the rest with its own
   * deadlines (first byte, idle, or one timer for the whole exchange).
   */
  public Future<HttpClientRequest> open(UpstreamRequest request) {
    String url = request.url();
    int schemeEnd = url.indexOf("://");
    int pathStart = schemeEnd < 0 ? -1 : url.indexOf('/', schemeEnd + 3);
    String originKey = pathStart < 0 ? url : url.substring(0, pathStart);
    Origin origin = origins.computeIfAbsent(originKey, UpstreamClient::parse);
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.valueOf(request.method()))
        .setHost(origin.host).setPort(origin.port).setSsl(origin.ssl)
        .setURI(pathStart < 0 ? "/" : url.substring(pathStart))
        // No per-request idle timeout here: Vert.x's would only cover the wait for the response head (it is cancelled
        // when the head arrives), which the caller's first-byte deadline already bounds; one timer per request fewer.
        .setConnectTimeout(settings.connectTimeout().toMillis());
    for (Map.Entry<String, String> h : request.headers().entrySet()) options.addHeader(h.getKey(), h.getValue());
    return client().request(options);
  }

  private static Origin parse(String origin) {
    URI u = URI.create(origin);
    boolean ssl = "https".equalsIgnoreCase(u.getScheme());
    return new Origin(u.getHost(), u.getPort() > 0 ? u.getPort() : ssl ? 443 : 80, ssl);
  }

  public static Buffer body(UpstreamRequest request) { return Bodies.wrap(request.body()); }

  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    closing.add(shared.close());
    for (HttpClientAgent c : perLoop.values()) closing.add(c.close());
    return Future.join(closing).mapEmpty();
  }
}
