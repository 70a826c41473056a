package dev.switchboard.config;

import java.time.Duration;

/**
 * @param connectTimeout     TCP/TLS connect timeout per attempt (default PT5S)
 * @param firstByteTimeout   time to wait for response headers per attempt (default PT60S)
 * @param idleTimeout        longest silence inside a streaming/non-streaming body (default PT120S)
 * @param maxConnections     pooled keep-alive connections per upstream host (default 512)
 * @param drainOnDisconnect  when a client disconnects mid-answer: false (default, {@code cancel}) resets the upstream
 *                           call at once; true ({@code drain}) keeps reading it so its usage is metered
 */
public record UpstreamSettings(Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout, int maxConnections,
                               boolean drainOnDisconnect) {
  public UpstreamSettings(Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout, int maxConnections) {
    this(connectTimeout, firstByteTimeout, idleTimeout, maxConnections, false);
  }
}
