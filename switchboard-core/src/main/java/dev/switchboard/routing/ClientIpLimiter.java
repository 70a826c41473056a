package dev.switchboard.routing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-client-IP token buckets: {@code burst} requests at once, refilled at {@code perMinute}. The map is bounded:
 * when it grows past {@code maxClients}, buckets that are full again (idle clients) are dropped.
 */
public final class ClientIpLimiter {
  private final int burst;
  private final double tokensPerNano;
  private final LongSupplier nanoClock;
  private final int maxClients;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public ClientIpLimiter(int burst, int perMinute, LongSupplier nanoClock, int maxClients) {
    this.burst = burst;
    this.tokensPerNano = perMinute / 60e9;
    this.nanoClock = nanoClock;
    this.maxClients = maxClients;
  }

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  /** Takes one token: 0 when allowed, else the whole seconds until one is available (for Retry-After). */
  public long acquire(String ip) {
    long now = nanoClock.getAsLong();
    Bucket b = buckets.get(ip);
    if (b == null) {
      if (buckets.size() >= maxClients) evictIdle(now);
      b = buckets.computeIfAbsent(ip, k -> new Bucket(burst, now));
    }
    synchronized (b) {
      refill(b, now);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      double wait = (1 - b.tokens) / tokensPerNano;
      return Math.max(1, (long) Math.ceil(wait / 1e9));
    }
  }

  private void refill(Bucket b, long now) {
    long dt = now - b.at;
    if (dt > 0) {
      b.tokens = Math.min(burst, b.tokens + dt * tokensPerNano);
      b.at = now;
    }
  }

  private void evictIdle(long now) {
    buckets.values().removeIf(b -> {
      synchronized (b) {
        refill(b, now);
        return b.tokens >= burst;
      }
    });
  }

  public int clients() { return buckets.size(); }
}
