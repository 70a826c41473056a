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
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The one pooled keep-alive HTTP client every upstream call goes through. */
public final class UpstreamClient {
  private final HttpClientAgent client;
  private final UpstreamSettings settings;
  /** Upstream origins parsed once: providers have a handful, requests have millions. */
  private final ConcurrentHashMap<String, Origin> origins = new ConcurrentHashMap<>();

  private record Origin(String host, int port, boolean ssl) {}

  public UpstreamClient(Vertx vertx, UpstreamSettings settings) {
    this.settings = settings;
    HttpClientOptions options = new HttpClientOptions()
        .setKeepAlive(true)
        .setKeepAliveTimeout(60)
        .setTcpNoDelay(true)
        .setDecompressionSupported(true)
        .setConnectTimeout((int) settings.connectTimeout().toMillis())
        .setMaxInitialLineLength(8192)
        .setVerifyHost(true);
    this.client = vertx.httpClientBuilder()
        .with(options)
        .with(new PoolOptions().setHttp1MaxSize(settings.maxConnections()).setMaxWaitQueueSize(-1))
        .build();
  }

  /**
   * Opens the request (connection from the pool) without sending it, so the caller holds the request for
   * cancellation before any byte goes out.
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
        .setConnectTimeout(settings.connectTimeout().toMillis())
        .setIdleTimeout(settings.idleTimeout().toMillis());
    for (Map.Entry<String, String> h : request.headers().entrySet()) options.addHeader(h.getKey(), h.getValue());
    return client.request(options);
  }

  private static Origin parse(String origin) {
    URI u = URI.create(origin);
    boolean ssl = "https".equalsIgnoreCase(u.getScheme());
    return new Origin(u.getHost(), u.getPort() > 0 ? u.getPort() : ssl ? 443 : 80, ssl);
  }

  public static Buffer body(UpstreamRequest request) { return Buffer.buffer(request.body()); }

  public Future<Void> close() { return client.close(); }
}
