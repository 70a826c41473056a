package dev.switchboard.server.billing;

import dev.switchboard.billing.Money;
import dev.switchboard.store.money.Leases;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This instance's share of each tenant's balance, in memory: reservations are a compare-and-set on a long (units of
 * 10^-10 of the currency), so the request path does no I/O while the lease lasts. When a reservation does not fit,
 * the wallet takes another chunk from the database (one transaction, off the event loop, one refill in flight per
 * tenant) and the reservation is retried once.
 */
final class Wallets {
  static final long UNITS_PER_CURRENCY = 10_000_000_000L;

  private final ConcurrentHashMap<Long, Wallet> wallets = new ConcurrentHashMap<>();
  private final Leases leases;
  private final String instance;
  private final long chunk;
  private final BigDecimal overdraft;
  private final Executor blocking;

  static final class Wallet {
    final long tenant;
    final AtomicLong units = new AtomicLong();
    volatile long lastUse = System.nanoTime();
    private CompletableFuture<Long> refill;

    Wallet(long tenant) { this.tenant = tenant; }

    /** Takes {@code need} if the wallet holds it. */
    boolean tryTake(long need) {
      lastUse = System.nanoTime();
      long cur;
      do {
        cur = units.get();
        if (cur < need) return false;
      } while (!units.compareAndSet(cur, cur - need));
      return true;
    }
  }

  Wallets(Leases leases, String instance, BigDecimal chunk, BigDecimal overdraft, Executor blocking) {
    this.leases = leases;
    this.instance = instance;
    this.chunk = units(chunk);
    this.overdraft = overdraft;
    this.blocking = blocking;
  }

  Wallet wallet(long tenant) { return wallets.computeIfAbsent(tenant, Wallet::new); }

  /**
   * Reserves {@code need} units: completed at once from memory when the lease covers it; otherwise after a refill.
   * Completes with false when the tenant's balance (plus the overdraft) cannot cover it.
   */
  CompletableFuture<Boolean> reserve(long tenant, long need) {
    Wallet w = wallet(tenant);
    if (w.tryTake(need)) return CompletableFuture.completedFuture(true);
    return refillAndTake(w, need, 0);
  }

  /**
   * Concurrent reservations share one refill; whoever still does not fit after it asks again while the database
   * keeps granting, and gives up (insufficient) as soon as a refill grants nothing.
   */
  private CompletableFuture<Boolean> refillAndTake(Wallet w, long need, int round) {
    return refill(w, need).thenCompose(granted -> {
      if (w.tryTake(need)) return CompletableFuture.completedFuture(true);
      if (granted <= 0 || round >= 50) return CompletableFuture.completedFuture(false);
      return refillAndTake(w, need, round + 1);
    });
  }

  /** Fast path only: true when reserved from memory (benchmarks, tests). */
  boolean tryReserve(long tenant, long need) { return wallet(tenant).tryTake(need); }

  /** Gives back what a finished request reserved but did not spend (negative: it spent more). */
  void settle(long tenant, long reserved, long spent) {
    wallet(tenant).units.addAndGet(reserved - spent);
  }

  /** One refill in flight per wallet; completes with the units granted (0: the tenant has nothing more). */
  private CompletableFuture<Long> refill(Wallet w, long need) {
    synchronized (w) {
      if (w.refill != null) return w.refill;
      long shortfall = Math.max(0, need - w.units.get());
      BigDecimal want = money(Math.max(chunk, shortfall + chunk / 2));
      // Cleared before completing: a waiter that still does not fit must start a new refill, not get this one
      // again (dependents of a completed future can run before a clean-up stage registered on it).
      CompletableFuture<Long> f = new CompletableFuture<>();
      w.refill = f;
      blocking.execute(() -> {
        try {
          long granted = units(leases.acquire(instance, w.tenant, want, overdraft));
          w.units.addAndGet(granted);
          synchronized (w) {
            w.refill = null;
          }
          f.complete(granted);
        } catch (Throwable t) {
          synchronized (w) {
            w.refill = null;
          }
          f.completeExceptionally(t);
        }
      });
      return f;
    }
  }

  /** Returns every unreserved unit of every wallet to the database (shutdown). */
  void releaseAll() {
    leases.releaseAll(instance);
    wallets.clear();
  }

  /** Wallets idle longer than {@code idleNanos} give their unreserved balance back, so other instances can use it. */
  void releaseIdle(long idleNanos) {
    long now = System.nanoTime();
    for (Wallet w : wallets.values()) {
      if (now - w.lastUse < idleNanos) continue;
      long back;
      do {
        back = w.units.get();
        if (back <= 0) break;
      } while (!w.units.compareAndSet(back, 0));
      if (back > 0) {
        BigDecimal returned = leases.release(instance, w.tenant, money(back));
        long kept = back - units(returned);
        if (kept != 0) w.units.addAndGet(kept);
      }
    }
  }

  static long units(BigDecimal amount) {
    BigDecimal scaled = Money.of(amount);
    try {
      return scaled.unscaledValue().longValueExact();
    } catch (ArithmeticException e) {
      return scaled.signum() > 0 ? Long.MAX_VALUE / 4 : Long.MIN_VALUE / 4;
    }
  }

  static BigDecimal money(long units) { return BigDecimal.valueOf(units, Money.SCALE); }
}
