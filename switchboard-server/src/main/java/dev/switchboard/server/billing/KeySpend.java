package dev.switchboard.server.billing;

import dev.switchboard.store.accounts.KeyStore;
import dev.switchboard.store.money.ChargeRecord;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-key spend limits on the request path, in memory. A key's spend is what the shared database says it was charged
 * ({@code api_keys.spent}, written with its usage rows) plus what this instance charged but has not written yet plus
 * what its in-flight requests hold. A request is admitted only while that sum plus its estimate stays within the
 * limit. The database figure is read when a limited key is first used (off the event loop), re-read after each
 * batch this instance writes and every few seconds (so other instances' spend counts): across N instances a key can
 * overshoot by what the other instances hold or have not yet written, never by more.
 */
final class KeySpend {
  static final class Spend {
    /** Units the database had charged the key when last read (only grows: every value is a real read). */
    final AtomicLong stored = new AtomicLong();
    /** Units this instance charged that are not yet written. */
    final AtomicLong unwritten = new AtomicLong();
    /** Units held by this instance's in-flight requests. */
    final AtomicLong held = new AtomicLong();
    volatile boolean loaded;

    long spent() { return stored.get() + unwritten.get(); }
  }

  private final ConcurrentHashMap<Long, Spend> spends = new ConcurrentHashMap<>();
  private final KeyStore keys;
  private final Executor blocking;

  KeySpend(KeyStore keys, Executor blocking) {
    this.keys = keys;
    this.blocking = blocking;
  }

  private Spend spend(long key) { return spends.computeIfAbsent(key, k -> new Spend()); }

  /** From memory: true when held, false when over the limit, null when the key's figure must be read first. */
  Boolean tryHold(long key, long limit, long units) {
    Spend s = spend(key);
    if (!s.loaded) return null;
    return take(s, limit, units);
  }

  /** Holds {@code units} against the key's limit, reading its figure from the database first when needed. */
  CompletableFuture<Boolean> hold(long key, long limit, long units) {
    Spend s = spend(key);
    if (s.loaded) return CompletableFuture.completedFuture(take(s, limit, units));
    return CompletableFuture.supplyAsync(() -> {
      load(key, s);
      return take(s, limit, units);
    }, blocking);
  }

  private static boolean take(Spend s, long limit, long units) {
    long cur;
    do {
      cur = s.held.get();
      if (s.spent() + cur + units > limit) return false;
    } while (!s.held.compareAndSet(cur, cur + units));
    return true;
  }

  private void load(long key, Spend s) {
    BigDecimal spent = keys.spent(key);
    if (spent != null) s.stored.accumulateAndGet(Wallets.units(spent), Math::max);
    s.loaded = true;
  }

  /** The request ended: its hold goes, what it cost stays counted until written. */
  void settle(long key, long held, long charged) {
    Spend s = spend(key);
    s.unwritten.addAndGet(charged); // before the hold goes: a concurrent check may over-count, never under-count
    if (held != 0) s.held.addAndGet(-held);
  }

  /** A batch reached the database: re-read the limited keys' totals (they include it), then drop it from unwritten. */
  void written(List<ChargeRecord> batch) {
    Map<Long, Long> byKey = new HashMap<>();
    for (ChargeRecord r : batch) {
      if (r.keyId() != null && r.cost().signum() != 0) byKey.merge(r.keyId(), Wallets.units(r.cost()), Long::sum);
    }
    if (byKey.isEmpty()) return;
    List<Long> loaded = byKey.keySet().stream().filter(k -> spend(k).loaded).toList();
    if (!loaded.isEmpty()) apply(keys.spentOf(loaded));
    byKey.forEach((k, u) -> spend(k).unwritten.addAndGet(-u));
  }

  /** Re-reads every limited key's total (other instances' charges). */
  void refresh() { apply(keys.spentOfLimitedKeys()); }

  private void apply(Map<Long, BigDecimal> read) {
    for (var e : read.entrySet()) {
      Spend s = spends.get(e.getKey());
      if (s != null && s.loaded) s.stored.accumulateAndGet(Wallets.units(e.getValue()), Math::max);
    }
  }

  /** What the key has spent as this instance sees it (database + unwritten), in currency. */
  BigDecimal spent(long key) {
    Spend s = spends.get(key);
    return s == null ? BigDecimal.ZERO : Wallets.money(s.spent());
  }
}
