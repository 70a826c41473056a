package dev.switchboard.routing;

import java.util.Locale;

/** Circuit breaker states: closed lets traffic through, open rejects it, half-open lets one probe through. */
public enum BreakerState {
  CLOSED, OPEN, HALF_OPEN;

  public String wireName() { return name().toLowerCase(Locale.ROOT); }
}
