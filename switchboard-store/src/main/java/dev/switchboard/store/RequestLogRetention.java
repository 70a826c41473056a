package dev.switchboard.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code request-log.retention}: deletes request-log records older than the retention, on a timer of its own (a
 * virtual thread, never the request path), in chunks of about {@link #CHUNK} rows (two short statements each), so
 * that a large backlog (the first run after retention is turned on) never becomes one long transaction beside the
 * writer. Every instance sharing a database may prune: deletes of the same old rows are idempotent.
 */
public final class RequestLogRetention implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RequestLogRetention.class);
  static final int CHUNK = 10_000;
  /** Pruning waits this long after start, so it never competes with startup or the JIT warm-up. */
  public static final Duration FIRST_RUN_AFTER = Duration.ofMinutes(1);

  private final RequestLogRepository repository;
  private final Duration retention;
  private final Clock clock;
  private final int chunk;
  private final AtomicLong deleted = new AtomicLong();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofVirtual().name("switchboard-request-log-retention").factory());
  private volatile boolean closed;

  /** @param retention how long a record is kept; must be positive */
  public RequestLogRetention(RequestLogRepository repository, Duration retention, Clock clock) {
    this(repository, retention, clock, CHUNK);
  }

  RequestLogRetention(RequestLogRepository repository, Duration retention, Clock clock, int chunk) {
    if (!retention.isPositive()) throw new IllegalArgumentException("retention must be positive, got " + retention);
    this.repository = repository;
    this.retention = retention;
    this.clock = clock;
    this.chunk = chunk;
  }

  /** How often the timer prunes: hourly, or a tenth of a retention under ten hours (at least once a minute). */
  public static Duration period(Duration retention) {
    Duration tenth = retention.dividedBy(10);
    if (tenth.compareTo(Duration.ofMinutes(1)) < 0) return Duration.ofMinutes(1);
    return tenth.compareTo(Duration.ofHours(1)) < 0 ? tenth : Duration.ofHours(1);
  }

  /** Prunes after {@code firstRun}, then every {@link #period(Duration)}. */
  public RequestLogRetention start(Duration firstRun) {
    timer.scheduleWithFixedDelay(this::pruneQuietly, firstRun.toMillis(), period(retention).toMillis(),
        TimeUnit.MILLISECONDS);
    return this;
  }

  /** Deletes every record older than now minus the retention; the number deleted. */
  public long pruneNow() {
    Instant cutoff = clock.instant().minus(retention);
    long total = 0;
    int n;
    do {
      n = repository.deleteOlderThan(cutoff, chunk);
      total += n;
      deleted.addAndGet(n);
    } while (n == chunk && !closed);
    if (total > 0) LOG.info("Request log: deleted {} record(s) older than {} (retention {})", total, cutoff, retention);
    return total;
  }

  /** Records deleted since start. */
  public long deleted() { return deleted.get(); }

  private void pruneQuietly() {
    try {
      pruneNow();
    } catch (RuntimeException e) {
      // The next period tries again; a store that is down is already visible in /health/ready.
      LOG.warn("Request log: pruning records older than {} failed: {}", retention, e.getMessage());
    }
  }

  /**
   * Stops the timer; a prune in progress ends after its current chunk (bounded wait). Never interrupts: an
   * interrupt during file I/O closes H2's file channel under the database.
   */
  @Override
  public void close() {
    closed = true;
    timer.shutdown();
    try {
      if (!timer.awaitTermination(10, TimeUnit.SECONDS)) LOG.warn("Request log: pruning did not stop within 10 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
