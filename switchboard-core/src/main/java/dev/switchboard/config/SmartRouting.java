package dev.switchboard.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Health, pools, caps and the routing surface (see the {@code routing:} and {@code pools:} sections of
 * config/switchboard.yaml, which document every default).
 *
 * @param strategy          order of candidates for "auto" and pools without their own strategy (default priority)
 * @param sessionHeader     request header naming a sticky session (default x-session-id)
 * @param stickySessions    sessions remembered at most (least recently used forgotten first; default 10000)
 * @param breakerFailures   consecutive failures that open a breaker (default 5)
 * @param breakerOpenFor    how long an open breaker rejects before a half-open probe (default PT30S)
 * @param capsZone          time zone whose midnight resets daily caps (default UTC)
 * @param pools             configured pools (built-ins are added by the router)
 */
public record SmartRouting(StrategyKind strategy, String sessionHeader, int stickySessions, int breakerFailures,
                           Duration breakerOpenFor, ZoneId capsZone, List<PoolConfig> pools, StatusView status,
                           ClientIpLimit clientIpLimit, Discovery discovery) {
  public static final SmartRouting DEFAULTS = new SmartRouting(StrategyKind.PRIORITY, "x-session-id", 10_000, 5,
      Duration.ofSeconds(30), ZoneId.of("UTC"), List.of(), new StatusView(false, false),
      new ClientIpLimit(true, false, 10, 20), new Discovery(true, Duration.ofMinutes(10), Duration.ofSeconds(5)));

  public SmartRouting { pools = List.copyOf(pools); }

  /**
   * GET /v1/routing/status.
   *
   * @param publicView   served without a client key (read-only) when true
   * @param hideKeyNames key names are replaced by their position ("key-1") when true
   */
  public record StatusView(boolean publicView, boolean hideKeyNames) {}

  /**
   * Per-client-IP token bucket.
   *
   * @param enabled       on for anonymous access (no client keys configured)
   * @param authenticated also applied to requests with a valid client key
   * @param burst         bucket size
   * @param perMinute     refill rate
   */
  public record ClientIpLimit(boolean enabled, boolean authenticated, int burst, int perMinute) {}

  /** Model discovery from providers' list endpoints, off the event loop. */
  public record Discovery(boolean enabled, Duration interval, Duration timeout) {}
}
