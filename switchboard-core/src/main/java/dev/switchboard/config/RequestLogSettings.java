package dev.switchboard.config;

import java.time.Duration;

/**
 * @param enabled       record every request (default true)
 * @param batchSize     rows per JDBC batch (default 500)
 * @param flushInterval longest a record waits in memory before it is written (default PT0.2S)
 * @param queueCapacity records held in memory while the store is slow; beyond it the request path never blocks
 *                      and overflow is counted (default 100000)
 * @param retention     how long records are kept; older ones are deleted hourly (default zero: kept for good)
 */
public record RequestLogSettings(boolean enabled, int batchSize, Duration flushInterval, int queueCapacity,
                                 Duration retention) {
  /** Settings that keep records for good. */
  public RequestLogSettings(boolean enabled, int batchSize, Duration flushInterval, int queueCapacity) {
    this(enabled, batchSize, flushInterval, queueCapacity, Duration.ZERO);
  }
}
