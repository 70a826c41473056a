package dev.switchboard.routing;

import java.math.BigDecimal;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;
import java.util.function.Supplier;

/**
 * Orders a pool's usable candidates: the first is tried first, the rest are the fallbacks in order. Implementations
 * reorder {@code c[0..n)} in place and must not allocate per call (the routing decision's budget is microseconds).
 */
@FunctionalInterface
public interface Strategy {
  /** How many leading positions the weighted strategy draws; a request never tries more candidates than this. */
  int WEIGHTED_PICKS = 64;

  void order(Candidate[] c, int n);

  /** Pool order as written: the first healthy member serves, the next ones are the fallbacks. */
  static Strategy priority() { return (c, n) -> { }; }

  /** Rotates the starting member on every decision. */
  static Strategy roundRobin() {
    AtomicInteger next = new AtomicInteger();
    return (c, n) -> {
      if (n < 2) return;
      rotate(c, n, Math.floorMod(next.getAndIncrement(), n));
    };
  }

  /**
   * Lowest time-to-first-byte EWMA first. Members without a sample yet sort first, so that a new or recovered
   * member gets measured instead of being starved.
   */
  static Strategy leastLatency() {
    return (c, n) -> insertionSort(c, n, (a, b) -> Double.compare(ttfb(a), ttfb(b)));
  }

  /** Cheapest (input + output list price per million tokens) first; unknown prices last. */
  static Strategy lowestCost() {
    return (c, n) -> insertionSort(c, n, (a, b) -> Double.compare(cost(a), cost(b)));
  }

  /** A weighted random first pick (then weighted among the rest), like key pools. */
  static Strategy weighted(ToIntFunction<Candidate> weight) { return weighted(weight, ThreadLocalRandom::current); }

  static Strategy weighted(ToIntFunction<Candidate> weight, Supplier<RandomGenerator> random) {
    return (c, n) -> {
      RandomGenerator rnd = random.get();
      // Only the first picks matter (a request makes a few attempts): past WEIGHTED_PICKS the rest keep their
      // order, which keeps a decision over a huge pool linear instead of quadratic.
      for (int i = 0; i < Math.min(n - 1, WEIGHTED_PICKS); i++) {
        int total = 0;
        for (int j = i; j < n; j++) total += Math.max(1, weight.applyAsInt(c[j]));
        int r = rnd.nextInt(total);
        int pick = i;
        for (int j = i; j < n; j++) {
          r -= Math.max(1, weight.applyAsInt(c[j]));
          if (r < 0) { pick = j; break; }
        }
        Candidate t = c[i];
        c[i] = c[pick];
        c[pick] = t;
      }
    };
  }

  private static double ttfb(Candidate c) {
    double t = c.state().health().ttfbMs();
    return Double.isNaN(t) ? -1 : t;
  }

  private static double cost(Candidate c) {
    BigDecimal in = c.model().prices().input();
    BigDecimal out = c.model().prices().output();
    if (in == null && out == null) return c.model().tagged("free") ? 0 : Double.MAX_VALUE;
    return (in == null ? 0 : in.doubleValue()) + (out == null ? 0 : out.doubleValue());
  }

  /**
   * Stable. Small pools (the common case) use an allocation-free insertion sort, cheaper than a merge sort's buffer
   * at that size; large ones (catalog-wide pools) the JDK's O(n log n) sort.
   */
  private static void insertionSort(Candidate[] c, int n, java.util.Comparator<Candidate> cmp) {
    if (n > 64) {
      java.util.Arrays.sort(c, 0, n, cmp);
      return;
    }
    for (int i = 1; i < n; i++) {
      Candidate x = c[i];
      int j = i - 1;
      while (j >= 0 && cmp.compare(c[j], x) > 0) {
        c[j + 1] = c[j];
        j--;
      }
      c[j + 1] = x;
    }
  }

  private static void rotate(Candidate[] c, int n, int by) {
    if (by == 0) return;
    // Three reversals: in place, no buffer.
    reverse(c, 0, by - 1);
    reverse(c, by, n - 1);
    reverse(c, 0, n - 1);
  }

  private static void reverse(Candidate[] c, int i, int j) {
    while (i < j) {
      Candidate t = c[i];
      c[i++] = c[j];
      c[j--] = t;
    }
  }
}
