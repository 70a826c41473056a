package dev.switchboard.routing;

import dev.switchboard.config.KeyConfig;
import dev.switchboard.provider.ApiKey;

/**
 * Live state of one upstream key. Written from any event loop, so fields are volatile; races only ever make a
 * cooldown slightly longer or shorter, never corrupt it.
 */
public final class KeyState {
  private final KeyConfig config;
  private final ApiKey key;
  private final int weight;
  private volatile boolean enabled;
  private volatile String disabledReason;
  private volatile long cooldownUntilNanos;
  private volatile String cooldownReason;
  private volatile int consecutiveRateLimits;
  private final Health health;
  private final DailyUsage usage;

  /**
   * @param nowNanos the pool clock's reading at creation: "no cooldown" must be relative to it, because a
   *                 {@code System.nanoTime()} origin is arbitrary and may be negative (a 0 here would lock the key)
   * @param offReason  why the key is off when {@code config.enabled()} is false (config or operator)
   */
  KeyState(KeyConfig config, long nowNanos, Health health, DayClock days, String offReason) {
    this.config = config;
    this.key = new ApiKey(config.name(), config.secret());
    this.health = health;
    this.usage = new DailyUsage(config.dailyCap(), days);
    this.cooldownUntilNanos = nowNanos;
    this.weight = Math.max(1, config.weight());
    this.enabled = config.enabled();
    this.disabledReason = config.enabled() ? null : offReason;
  }

  /** What the key was built from: a pool change keeps this state when the same config comes back. */
  KeyConfig config() { return config; }

  public ApiKey key() { return key; }

  public String name() { return key.name(); }

  public int weight() { return weight; }

  public boolean usableAt(long nowNanos) { return enabled && nowNanos - cooldownUntilNanos >= 0; }

  /** Usable and also healthy (breaker) with headroom left today: what routing requires of a key. */
  public boolean routableAt(long nowNanos) {
    return usableAt(nowNanos) && health.allows(nowNanos) && usage.hasHeadroom();
  }

  public Health health() { return health; }

  public DailyUsage usage() { return usage; }

  public boolean enabled() { return enabled; }

  public String disabledReason() { return disabledReason; }

  public long cooldownUntilNanos() { return cooldownUntilNanos; }

  public String cooldownReason() { return cooldownReason; }

  void disable(String reason) {
    disabledReason = reason;
    enabled = false;
  }

  void coolDown(long untilNanos, String reason) {
    if (untilNanos - cooldownUntilNanos > 0) cooldownUntilNanos = untilNanos;
    cooldownReason = reason;
  }

  int nextRateLimitStreak() { return ++consecutiveRateLimits; }

  void succeeded() { if (consecutiveRateLimits != 0) consecutiveRateLimits = 0; }
}
