package dev.switchboard.server.exec;

import dev.switchboard.config.GatewayConfig;
import dev.switchboard.routing.Router;
import dev.switchboard.server.upstream.UpstreamClient;
import dev.switchboard.store.RequestLogWriter;
import java.util.concurrent.atomic.AtomicInteger;

/** Everything a request needs, built once at startup and shared by all event loops (all thread-safe). */
public record GatewayServices(GatewayConfig config, Router router, UpstreamClient upstream, RequestLogWriter requestLog,
                              Redactor redactor, GatewayMetrics metrics, AtomicInteger inFlight) {

  /** Counts an exchange as in flight until it is recorded (graceful shutdown waits for these). */
  public void begin(Exchange exchange) {
    exchange.inFlight = true;
    inFlight.incrementAndGet();
  }

  /** Ends an exchange: one request-log row, off the request path (the writer only enqueues). */
  public void record(Exchange exchange) {
    if (exchange.inFlight) {
      exchange.inFlight = false;
      inFlight.decrementAndGet();
    }
    metrics.record(exchange);
    if (requestLog != null) requestLog.offer(exchange.toRecord());
  }
}
