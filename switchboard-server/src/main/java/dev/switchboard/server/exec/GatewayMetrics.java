package dev.switchboard.server.exec;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import dev.switchboard.store.RequestLogRetention;
import dev.switchboard.store.RequestLogWriter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request metrics in Prometheus format. Labels are provider, model and outcome only: never key secrets, and
 * meters are cached so the hot path does a map lookup, not a registry lookup.
 */
public final class GatewayMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  /** By provider, then model: two lookups of strings with cached hashes instead of three concatenated keys a request. */
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, ModelMeters>> meters = new ConcurrentHashMap<>();
  private final DistributionSummary latency = DistributionSummary.builder("switchboard_request_latency_micros")
      .description("Gateway request latency in microseconds").register(registry);

  public PrometheusMeterRegistry registry() { return registry; }

  /**
   * The request-log writer's state: records accepted but not stored yet (a store that falls behind shows here
   * long before the queue is full and records are dropped), stored, dropped and failed batch writes.
   */
  public void watch(RequestLogWriter writer) {
    Gauge.builder("switchboard_request_log_pending", writer, RequestLogWriter::pending)
        .description("Request log records accepted but not stored yet").register(registry);
    FunctionCounter.builder("switchboard_request_log_written", writer, RequestLogWriter::written)
        .description("Request log records stored").register(registry);
    FunctionCounter.builder("switchboard_request_log_dropped", writer, RequestLogWriter::dropped)
        .description("Request log records dropped (queue full or writer closed)").register(registry);
    FunctionCounter.builder("switchboard_request_log_write_failures", writer, RequestLogWriter::failures)
        .description("Request log batch writes that failed and were retried").register(registry);
  }

  /** Request-log records deleted by {@code request-log.retention}. */
  public void watch(RequestLogRetention retention) {
    FunctionCounter.builder("switchboard_request_log_pruned", retention, RequestLogRetention::deleted)
        .description("Request log records deleted as older than request-log.retention").register(registry);
  }

  void record(Exchange e) {
    String provider = e.provider == null ? "none" : e.provider;
    String model = e.servedModel == null ? "none" : e.servedModel;
    ModelMeters m = meters.computeIfAbsent(provider, p -> new ConcurrentHashMap<>())
        .computeIfAbsent(model, k -> new ModelMeters(provider, model));
    (e.status >= 200 && e.status < 300 ? m.ok : m.outcome(String.valueOf(e.status))).increment();
    latency.record((System.nanoTime() - e.startNanos) / 1000.0);
    if (e.usage.inputTokens() != null) m.input.increment(e.usage.inputTokens());
    if (e.usage.outputTokens() != null) m.output.increment(e.usage.outputTokens());
  }

  /** One served model's meters: requests by outcome ("ok" or the status) and tokens by kind. */
  private final class ModelMeters {
    final String provider;
    final String model;
    final Counter ok;
    final Counter input;
    final Counter output;
    final ConcurrentHashMap<String, Counter> failed = new ConcurrentHashMap<>();

    ModelMeters(String provider, String model) {
      this.provider = provider;
      this.model = model;
      this.ok = requests("ok");
      this.input = tokens("input");
      this.output = tokens("output");
    }

    Counter outcome(String status) { return failed.computeIfAbsent(status, this::requests); }

    private Counter requests(String outcome) {
      return Counter.builder("switchboard_requests")
          .tag("provider", provider).tag("model", model).tag("outcome", outcome).register(registry);
    }

    private Counter tokens(String kind) {
      return Counter.builder("switchboard_tokens")
          .tag("provider", provider).tag("model", model).tag("kind", kind).register(registry);
    }
  }
}
