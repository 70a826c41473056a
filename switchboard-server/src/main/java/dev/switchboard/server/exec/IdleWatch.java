package dev.switchboard.server.exec;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import java.util.concurrent.TimeoutException;

/**
 * Per-call idle timeout for an upstream answer that is already being read: if no byte arrives for
 * {@code upstream.idle-timeout}, the call is reset (its response then fails like a cut connection). A stream
 * therefore lives as long as it keeps talking, however long that is. One periodic check per call and a timestamp
 * per chunk: cheaper than re-arming a timer on every chunk.
 */
final class IdleWatch {
  private final Vertx vertx;
  private final HttpClientRequest request;
  private final long idleNanos;
  private final long timer;
  private long lastNanos = System.nanoTime();
  private boolean stopped;

  IdleWatch(Vertx vertx, HttpClientRequest request, long idleMillis) {
    this.vertx = vertx;
    this.request = request;
    this.idleNanos = idleMillis * 1_000_000L;
    long period = Math.max(50, Math.min(1_000, idleMillis / 4));
    this.timer = vertx.setPeriodic(period, id -> check());
  }

  /** Data arrived. */
  void touch() { lastNanos = System.nanoTime(); }

  void stop() {
    if (stopped) return;
    stopped = true;
    vertx.cancelTimer(timer);
  }

  private void check() {
    if (stopped) return;
    if (System.nanoTime() - lastNanos < idleNanos) return;
    stop();
    request.reset(0, new TimeoutException("timeout: the upstream sent nothing for " + idleNanos / 1_000_000 + " ms"));
  }
}
