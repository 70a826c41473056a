package dev.switchboard.server.exec;

import dev.switchboard.config.GatewayConfig;
import dev.switchboard.routing.ClientIpLimiter;
import dev.switchboard.routing.Router;
import dev.switchboard.server.billing.Billing;
import dev.switchboard.server.upstream.UpstreamClient;
import io.vertx.core.Future;
import dev.switchboard.store.RequestLogWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything a request needs, built once at startup and shared by all event loops (all thread-safe).
 *
 * @param graceOver set by the shutdown once {@code server.shutdown-grace} has elapsed: a request whose connection
 *                  closes from then on was cut by the shutdown, not left by its client
 */
public record GatewayServices(GatewayConfig config, Router router, UpstreamClient upstream, RequestLogWriter requestLog,
                              Redactor redactor, GatewayMetrics metrics, AtomicInteger inFlight,
                              ClientIpLimiter ipLimiter, Billing billing, AtomicBoolean graceOver) {

  public GatewayServices(GatewayConfig config, Router router, UpstreamClient upstream, RequestLogWriter requestLog,
                         Redactor redactor, GatewayMetrics metrics, AtomicInteger inFlight, ClientIpLimiter ipLimiter,
                         Billing billing) {
    this(config, router, upstream, requestLog, redactor, metrics, inFlight, ipLimiter, billing, new AtomicBoolean());
  }

  public GatewayServices(GatewayConfig config, Router router, UpstreamClient upstream, RequestLogWriter requestLog,
                         Redactor redactor, GatewayMetrics metrics, AtomicInteger inFlight, ClientIpLimiter ipLimiter) {
    this(config, router, upstream, requestLog, redactor, metrics, inFlight, ipLimiter, null);
  }

  public GatewayServices(GatewayConfig config, Router router, UpstreamClient upstream, RequestLogWriter requestLog,
                         Redactor redactor, GatewayMetrics metrics, AtomicInteger inFlight) {
    this(config, router, upstream, requestLog, redactor, metrics, inFlight, ipLimiter(config), null);
  }

  /** With prepaid billing of tenant keys ({@code billing} null: nothing is billed). */
  public GatewayServices(GatewayConfig config, Router router, UpstreamClient upstream, RequestLogWriter requestLog,
                         Redactor redactor, GatewayMetrics metrics, AtomicInteger inFlight, Billing billing) {
    this(config, router, upstream, requestLog, redactor, metrics, inFlight, ipLimiter(config), billing);
  }

  /** Null when client-IP limiting is off. At most 100k addresses are tracked (idle ones are dropped first). */
  static ClientIpLimiter ipLimiter(GatewayConfig config) {
    var l = config.smart().clientIpLimit();
    return l.enabled() ? new ClientIpLimiter(l.burst(), l.perMinute(), System::nanoTime, 100_000) : null;
  }

  /** Counts an exchange as in flight until it is recorded (graceful shutdown waits for these). */
  public void begin(Exchange exchange) {
    exchange.inFlight = true;
    inFlight.incrementAndGet();
  }

  /**
   * Ends an exchange: its money settled (reservation released, the metered charge journaled) and one request-log
   * row, off the request path (the writer only enqueues). The future completes when the charge is durable: a
   * successful answer is ended after it, so no answered request goes unbilled if the process dies.
   */
  public Future<Void> record(Exchange exchange) {
    if (exchange.inFlight) {
      exchange.inFlight = false;
      inFlight.decrementAndGet();
    }
    metrics.record(exchange);
    if (requestLog != null) requestLog.offer(exchange.toRecord());
    return billing == null ? Future.succeededFuture() : billing.settle(exchange);
  }
}
