package dev.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/** A monotonic nano clock and a wall clock that tests move by hand: no sleeps. */
final class TestClocks extends Clock implements LongSupplier {
  private long nanos = 1_000_000L;
  private Instant wall;

  TestClocks(Instant start) { this.wall = start; }

  void advance(Duration d) {
    nanos += d.toNanos();
    wall = wall.plus(d);
  }

  @Override public long getAsLong() { return nanos; }

  @Override public ZoneId getZone() { return ZoneOffset.UTC; }

  @Override public Clock withZone(ZoneId zone) { return this; }

  @Override public Instant instant() { return wall; }
}
