package dev.switchboard.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The front of a large pool (catalog-wide {@code auto}): its members ordered by the pool's strategy and cut to the
 * first {@link #SIZE} that are healthy, rebuilt off the request path at most every {@link #MAX_AGE_NANOS}. A
 * decision then checks capabilities and live health over these few instead of over every member; only when none of
 * them can serve a request does it scan the whole pool. Small pools never use this.
 */
final class Leaders {
  /** Pools up to this size are decided in full on every request. */
  static final int THRESHOLD = 256;
  static final int SIZE = 64;
  static final long MAX_AGE_NANOS = 1_000_000_000L;

  private final Pool pool;
  private final Map<String, Candidate> byId;
  private final AtomicBoolean rebuilding = new AtomicBoolean();
  private volatile List<Candidate> front;
  private volatile long builtNanos;

  Leaders(Pool pool, Router.Usability usability, long now) {
    this.pool = pool;
    Map<String, Candidate> ids = new HashMap<>(pool.members().size() * 2);
    for (Candidate c : pool.members()) ids.putIfAbsent(c.qualifiedId(), c);
    this.byId = ids;
    rebuild(usability, now);
  }

  /** The current front; schedules a rebuild on a virtual thread when it is older than a second. */
  List<Candidate> front(Router.Usability usability, java.util.function.LongSupplier clock, long now) {
    if (now - builtNanos > MAX_AGE_NANOS && rebuilding.compareAndSet(false, true)) {
      Thread.ofVirtual().name("routing-leaders").start(() -> {
        try {
          rebuild(usability, clock.getAsLong());
        } finally {
          rebuilding.set(false);
        }
      });
    }
    return front;
  }

  Candidate member(String qualifiedId) { return qualifiedId == null ? null : byId.get(qualifiedId); }

  private void rebuild(Router.Usability usability, long now) {
    List<Candidate> members = pool.members();
    Candidate[] usable = new Candidate[members.size()];
    int n = 0;
    for (Candidate c : members) if (usability.unusable(c, now) == null) usable[n++] = c;
    pool.strategy().order(usable, n);
    front = List.of(java.util.Arrays.copyOf(usable, Math.min(n, SIZE)));
    builtNanos = now;
  }
}
