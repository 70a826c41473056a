package dev.switchboard.routing;

/**
 * Live health of one provider, model or key: EWMAs of latency, time to first byte and error rate, plus a circuit
 * breaker. Updates are synchronized (short, rare compared to reads); the routing decision only does volatile reads.
 *
 * <p>Breaker: {@code failuresToOpen} consecutive failures open it for {@code openForNanos}; after that one probe is
 * let through (half-open); its success closes the breaker, its failure opens it again. A probe that never reports
 * (client gone) is replaced after another {@code openForNanos}.
 */
public final class Health {
  /** Weight of the newest sample: about the last 5-10 samples matter. */
  static final double ALPHA = 0.2;

  private final int failuresToOpen;
  private final long openForNanos;
  private volatile double latencyMs = Double.NaN;
  private volatile double ttfbMs = Double.NaN;
  private volatile double errorRate;
  private volatile long samples;
  private volatile BreakerState state = BreakerState.CLOSED;
  private volatile long openUntilNanos;
  private volatile long probeStartedNanos;
  private volatile boolean probing;
  private int consecutiveFailures;
  /** The last "open until" text and the opening it describes: formatted once per opening, not per decision. */
  private volatile Reason openReason;

  record Reason(long key, String text) {}

  Health(int failuresToOpen, long openForNanos) {
    this.failuresToOpen = failuresToOpen;
    this.openForNanos = openForNanos;
  }

  /** True when the breaker would let a request through now (no side effect; see {@link #tryAcquire}). */
  public boolean allows(long now) {
    BreakerState s = state;
    if (s == BreakerState.CLOSED) return true;
    if (s == BreakerState.OPEN) return now - openUntilNanos >= 0;
    return !probing || now - probeStartedNanos - openForNanos >= 0;
  }

  /** Lets a request through, turning an expired open breaker into half-open with this request as the probe. */
  public boolean tryAcquire(long now) {
    if (state == BreakerState.CLOSED) return true;
    synchronized (this) {
      if (!allows(now)) return false;
      if (state != BreakerState.CLOSED) {
        state = BreakerState.HALF_OPEN;
        probing = true;
        probeStartedNanos = now;
      }
      return true;
    }
  }

  /** The state as seen at {@code now}: an open breaker whose time is up reads as half-open. */
  public BreakerState state(long now) {
    BreakerState s = state;
    return s == BreakerState.OPEN && now - openUntilNanos >= 0 ? BreakerState.HALF_OPEN : s;
  }

  public long openUntilNanos() { return openUntilNanos; }

  /** The cached reason text for the current opening, or null. */
  String openReason() {
    Reason r = openReason;
    return r != null && r.key() == openUntilNanos ? r.text() : null;
  }

  void openReason(String text) { openReason = new Reason(openUntilNanos, text); }

  public double latencyMs() { return latencyMs; }

  public double ttfbMs() { return ttfbMs; }

  public double errorRate() { return errorRate; }

  public long samples() { return samples; }

  /** A success with its total latency and time to first byte (negative when unknown). */
  synchronized void success(long latencyNanos, long ttfbNanos) {
    sample(latencyNanos, ttfbNanos, 0);
    consecutiveFailures = 0;
    if (state != BreakerState.CLOSED) {
      state = BreakerState.CLOSED;
      probing = false;
    }
  }

  /** A failure that says something about health (5xx, timeout, broken stream); it counts towards the breaker. */
  synchronized void failure(long now, long latencyNanos) {
    sample(latencyNanos, -1, 1);
    consecutiveFailures++;
    if (state == BreakerState.HALF_OPEN || consecutiveFailures >= failuresToOpen) {
      state = BreakerState.OPEN;
      openUntilNanos = now + openForNanos;
      probing = false;
    }
  }

  /** A rejection (rate limit, quota): counts in the error rate but not towards the breaker; ends a probe. */
  synchronized void rejected(long latencyNanos) {
    sample(latencyNanos, -1, 1);
    if (state == BreakerState.HALF_OPEN) probing = false;
  }

  private void sample(long latencyNanos, long ttfbNanos, double error) {
    samples++;
    if (latencyNanos >= 0) latencyMs = ewma(latencyMs, latencyNanos / 1e6);
    if (ttfbNanos >= 0) ttfbMs = ewma(ttfbMs, ttfbNanos / 1e6);
    errorRate = errorRate + ALPHA * (error - errorRate);
  }

  private static double ewma(double old, double sample) {
    return Double.isNaN(old) ? sample : old + ALPHA * (sample - old);
  }

  /** Degraded: breaker not closed, or more than half of the recent requests failed. */
  public boolean degraded(long now) { return state(now) != BreakerState.CLOSED || errorRate > 0.5; }
}
