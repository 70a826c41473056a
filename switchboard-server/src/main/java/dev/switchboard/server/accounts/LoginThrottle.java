package dev.switchboard.server.accounts;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Brute-force protection for login, per email and per client address: after {@code maxFailures} failures the
 * subject is locked for {@code lockout}, doubling with each further failure (up to 16x). A success clears the
 * email's count. Addresses get 4x the allowance (several users behind one NAT). In memory, per instance: with N
 * instances an attacker gets at most N times the allowance. At most 100k subjects are tracked.
 */
final class LoginThrottle {
  private record State(int failures, long lockedUntilNanos) {}

  private final int maxFailures;
  private final long lockoutNanos;
  private final LongSupplier nanos;
  private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

  LoginThrottle(int maxFailures, Duration lockout, LongSupplier nanos) {
    this.maxFailures = maxFailures;
    this.lockoutNanos = lockout.toNanos();
    this.nanos = nanos;
  }

  /** Seconds until the email or address may try again; 0 when allowed. */
  long retryAfterSeconds(String email, String ip) {
    long now = nanos.getAsLong();
    long wait = Math.max(wait(states.get("e:" + email), now), wait(states.get("i:" + ip), now));
    return wait <= 0 ? 0 : Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
  }

  void failed(String email, String ip) {
    if (states.size() > 100_000) states.clear(); // bounded memory under a spray of addresses
    record("e:" + email, maxFailures);
    record("i:" + ip, maxFailures * 4);
  }

  void succeeded(String email) { states.remove("e:" + email); }

  private void record(String subject, int allowance) {
    long now = nanos.getAsLong();
    states.compute(subject, (k, s) -> {
      int f = s == null ? 1 : s.failures() + 1;
      if (f < allowance) return new State(f, 0);
      int over = Math.min(f - allowance, 4);
      return new State(f, now + (lockoutNanos << over));
    });
  }

  private static long wait(State s, long now) { return s == null ? 0 : s.lockedUntilNanos() - now; }
}
