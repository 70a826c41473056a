package dev.switchboard.routing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The current day in the caps time zone, as an epoch-day number. Caches the next midnight so the hot path is one
 * clock read and a compare.
 */
public final class DayClock {
  private final Clock clock;
  private final ZoneId zone;
  private volatile long day;
  private volatile long nextMidnightMillis = Long.MIN_VALUE;

  public DayClock(Clock clock, ZoneId zone) {
    this.clock = clock;
    this.zone = zone;
  }

  public long today() {
    long now = clock.millis();
    if (now >= nextMidnightMillis) {
      LocalDate d = LocalDate.ofInstant(Instant.ofEpochMilli(now), zone);
      day = d.toEpochDay();
      nextMidnightMillis = d.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }
    return day;
  }

  /** When today's caps reset. */
  public Instant nextReset() {
    today();
    return Instant.ofEpochMilli(nextMidnightMillis);
  }

  public Instant now() { return clock.instant(); }
}
