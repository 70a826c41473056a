package dev.switchboard.server.accounts;

import dev.switchboard.store.accounts.LoginFailures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Brute-force protection for login, per email and per client address: after {@code maxFailures} failures the
 * subject is locked for {@code lockout}, doubling with each further failure (up to 16x). A success clears the
 * email's count. Addresses get 4x the allowance (several users behind one NAT). The counts live in the shared
 * database, so N gateway instances behind a load balancer still give an attacker one allowance, not N. A count idle
 * for 32 lockouts starts over.
 */
final class LoginThrottle {
  private final int maxFailures;
  private final Duration lockout;
  private final Duration window;
  private final LoginFailures store;
  private final Clock clock;
  private volatile Instant nextPurge = Instant.MIN;

  LoginThrottle(int maxFailures, Duration lockout, LoginFailures store, Clock clock) {
    this.maxFailures = maxFailures;
    this.lockout = lockout;
    this.window = lockout.multipliedBy(32);
    this.store = store;
    this.clock = clock;
  }

  /** Seconds until the email or address may try again; 0 when allowed. */
  long retryAfterSeconds(String email, String ip) {
    Instant now = clock.instant();
    long wait = Math.max(wait("e:" + email, now), wait("i:" + ip, now));
    return wait <= 0 ? 0 : Math.max(1, (wait + 999) / 1000);
  }

  void failed(String email, String ip) {
    Instant now = clock.instant();
    record("e:" + email, maxFailures, now);
    record("i:" + ip, maxFailures * 4, now);
    if (now.isAfter(nextPurge)) {
      nextPurge = now.plusSeconds(60);
      store.purge(now.minus(window));
    }
  }

  void succeeded(String email) { store.clear("e:" + email); }

  private void record(String subject, int allowance, Instant now) {
    int f = store.fail(subject, now, window);
    if (f < allowance) return;
    int over = Math.min(f - allowance, 4);
    store.lock(subject, now.plus(lockout.multipliedBy(1L << over)));
  }

  private long wait(String subject, Instant now) {
    return store.find(subject).map(s -> s.lockedUntil() == null ? 0 : s.lockedUntil().toEpochMilli() - now.toEpochMilli())
        .orElse(0L);
  }
}
