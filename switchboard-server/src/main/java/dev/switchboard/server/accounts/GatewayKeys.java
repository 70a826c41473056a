package dev.switchboard.server.accounts;

import dev.switchboard.accounts.KeyRole;
import dev.switchboard.accounts.KeyScope;
import dev.switchboard.accounts.Principal;
import dev.switchboard.store.accounts.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request path's view of tenant keys: every active key's principal in memory, by the SHA-256 of its secret.
 * Authentication is one digest plus one map lookup, never a database round trip. Changes made on this instance
 * apply at once; changes made on another instance (revocation, disabling, new keys) are picked up by a poll every
 * {@code accounts.key-cache-refresh} (one indexed query on {@code api_keys.version}), which bounds how long a key
 * revoked elsewhere keeps working: refresh interval plus one query.
 */
public final class GatewayKeys implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayKeys.class);
  /** Re-read a margin of already-seen versions: instance clocks may differ by this much. */
  private static final long SKEW_MICROS = 10_000_000L;

  /** What the request path needs about one key. */
  record Entry(Principal principal, long expiresAtMillis, long version) {}

  private final KeyStore store;
  private final dev.switchboard.store.accounts.TenantStore tenants;
  /** Suspended tenants: their keys authenticate but every call is refused (403), so resuming needs no new keys. */
  private volatile java.util.Set<Long> suspended = java.util.Set.of();
  private final ConcurrentHashMap<String, Entry> byHash = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, String> hashById = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();
  private final Duration refresh;
  private volatile long maxVersion;
  private volatile boolean closed;
  private final Thread poller;

  GatewayKeys(KeyStore store, dev.switchboard.store.accounts.TenantStore tenants, Duration refresh) {
    this.store = store;
    this.tenants = tenants;
    this.refresh = refresh;
    sync(Long.MIN_VALUE);
    reloadSuspended();
    this.poller = Thread.ofVirtual().name("gateway-keys-refresh").start(this::poll);
  }

  /** The key's principal; null when the secret is no active tenant key (unknown, revoked, disabled, expired). */
  public Principal authenticate(String presented) {
    Entry e = byHash.get(Tokens.sha256(presented));
    if (e == null) return null;
    if (e.expiresAtMillis() != 0 && System.currentTimeMillis() >= e.expiresAtMillis()) return null;
    return e.principal();
  }

  /**
   * Per-key requests/minute token bucket (burst = the per-minute figure). Returns 0 when admitted, else the
   * seconds to wait.
   */
  public long acquire(Principal p) {
    Integer rate = p.ratePerMinute();
    if (rate == null || p.keyId() == null) return 0;
    return buckets.computeIfAbsent(p.keyId(), id -> new Bucket(rate)).acquire(rate, System.nanoTime());
  }

  /** True when the key's tenant is suspended (read at start, on every local change and on every refresh). */
  public boolean suspended(Principal p) { return p.tenantId() != null && suspended.contains(p.tenantId()); }

  /** Re-reads the suspended tenants (after a local status change, and on every refresh). */
  void reloadSuspended() { suspended = tenants.suspendedIds(); }

  /** Applies a change made on this instance at once. */
  void changed(KeyStore.Key k) { apply(k); }

  private void poll() {
    while (!closed) {
      try {
        Thread.sleep(refresh);
        sync(maxVersion - SKEW_MICROS);
        reloadSuspended();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("tenant key refresh failed: {}", e.getMessage());
      }
    }
  }

  private void sync(long since) {
    long max = maxVersion;
    for (KeyStore.Key k : store.changedSince(since)) {
      apply(k);
      max = Math.max(max, k.version());
    }
    maxVersion = max;
  }

  private void apply(KeyStore.Key k) {
    Entry cached = byHash.get(k.keyHash());
    // The poll re-reads recent versions (skew margin): an unchanged key keeps its entry and its rate bucket.
    if (cached != null && cached.version() == k.version() && k.status().equals("active")) return;
    if (!k.status().equals("active")) {
      byHash.remove(k.keyHash());
      hashById.remove(k.id());
      buckets.remove(k.id());
      return;
    }
    KeyScope scope = KeyScope.of(k.scopeKind(), k.scopeModels());
    Principal p = new Principal(k.id(), k.name(), k.tenantId(), scope, new HashSet<>(k.allowedEndpoints()),
        KeyRole.parse(k.role()), k.ratePerMinute(), k.spendLimit(), k.expiresAt());
    Instant exp = k.expiresAt();
    byHash.put(k.keyHash(), new Entry(p, exp == null ? 0 : exp.toEpochMilli(), k.version()));
    hashById.put(k.id(), k.keyHash());
    buckets.remove(k.id()); // a changed rate starts a fresh bucket
  }

  @Override public void close() {
    closed = true;
    poller.interrupt();
  }

  /** A token bucket refilled continuously at rate/minute. */
  static final class Bucket {
    private double tokens;
    private long last = System.nanoTime();

    Bucket(int rate) { this.tokens = rate; }

    synchronized long acquire(int rate, long now) {
      tokens = Math.min(rate, tokens + (now - last) * rate / 60e9);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) * 60 / rate));
    }
  }
}
