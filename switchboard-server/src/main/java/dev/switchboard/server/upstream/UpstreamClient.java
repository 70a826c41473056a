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
import java.util.Map;

/** The one pooled keep-alive HTTP client every upstream call goes through. */
public final class UpstreamClient {
  private final HttpClientAgent client;
  private final UpstreamSettings settings;

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
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.valueOf(request.method()))
        .setAbsoluteURI(request.url())
        .setConnectTimeout(settings.connectTimeout().toMillis())
        .setIdleTimeout(settings.idleTimeout().toMillis());
    for (Map.Entry<String, String> h : request.headers().entrySet()) options.addHeader(h.getKey(), h.getValue());
    return client.request(options);
  }

  public static Buffer body(UpstreamRequest request) { return Buffer.buffer(request.body()); }

  public Future<Void> close() { return client.close(); }
}
