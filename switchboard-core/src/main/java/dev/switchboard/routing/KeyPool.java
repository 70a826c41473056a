package dev.switchboard.routing;

import dev.switchboard.config.KeyConfig;
import dev.switchboard.config.RoutingSettings;
import dev.switchboard.error.FailureClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * One provider's keys: weighted random choice among the usable ones, with per-key disable (bad credentials) and
 * cooldown (rate limit, quota). Key choice lives here, never in adapters.
 *
 * <p>The keys are the config's plus those an operator stored through the admin API ({@link #useStored}). The set
 * is an array published by one volatile write (copy on write): the request path reads it once per call and never
 * locks, and a request that read the previous array finishes with it.
 *
 * <p>A provider whose keys come only from the store ({@code keys-from-store}) starts with no key at all: it is
 * skipped with {@link #NO_STORED_KEY} until an operator adds one, and again once the last one is deleted.
 */
public final class KeyPool {
  /** A keyless provider (local Ollama/vLLM) gets one anonymous key so routing stays uniform. */
  private static final KeyConfig ANONYMOUS = new KeyConfig("none", "", 1, true);
  /** Why a provider whose keys come from the store is skipped while it has none. */
  public static final String NO_STORED_KEY = "no key: add one with POST /admin/api/providers/keys";
  private final List<KeyConfig> configured;
  /** False for keys-from-store providers: an empty pool stays empty instead of sending no credentials. */
  private final boolean anonymousWhenEmpty;
  private final RoutingSettings settings;
  private final LongSupplier nanoClock;
  private final dev.switchboard.config.SmartRouting smart;
  private final DayClock days;
  private volatile KeyState[] keys;

  public KeyPool(List<KeyConfig> configs, RoutingSettings settings, LongSupplier nanoClock) {
    this(configs, settings, nanoClock, dev.switchboard.config.SmartRouting.DEFAULTS,
        new DayClock(java.time.Clock.systemUTC(), java.time.ZoneOffset.UTC));
  }

  public KeyPool(List<KeyConfig> configs, RoutingSettings settings, LongSupplier nanoClock,
                 dev.switchboard.config.SmartRouting smart, DayClock days) {
    this(configs, false, settings, nanoClock, smart, days);
  }

  /** @param keysFromStore the provider's keys come only from the store: no anonymous key, empty until one is added */
  public KeyPool(List<KeyConfig> configs, boolean keysFromStore, RoutingSettings settings, LongSupplier nanoClock,
                 dev.switchboard.config.SmartRouting smart, DayClock days) {
    this.configured = List.copyOf(configs);
    this.anonymousWhenEmpty = !keysFromStore;
    this.settings = settings;
    this.nanoClock = nanoClock;
    this.smart = smart;
    this.days = days;
    this.keys = build(List.of(), new KeyState[0], new ArrayList<>());
  }

  /**
   * Replaces the keys stored through the admin API; the config's keys stay. A key that is in the pool before and
   * after (same name, secret, weight and enabled flag) keeps its state, so no cooldown, breaker or daily count of
   * another key is reset by the change. A stored key named like a config key is left out.
   *
   * @return the names of stored keys left out because a config key has that name
   */
  public synchronized List<String> useStored(List<KeyConfig> stored) {
    List<String> clashes = new ArrayList<>();
    this.keys = build(stored, keys, clashes);
    return clashes;
  }

  private KeyState[] build(List<KeyConfig> stored, KeyState[] previous, List<String> clashes) {
    Map<KeyConfig, KeyState> kept = new HashMap<>();
    for (KeyState k : previous) kept.put(k.config(), k);
    Set<String> names = new HashSet<>();
    List<KeyState> out = new ArrayList<>(configured.size() + stored.size());
    long now = nanoClock.getAsLong();
    for (KeyConfig c : configured) {
      names.add(c.name());
      KeyState k = kept.get(c);
      out.add(k != null ? k : fresh(c, now, "disabled in config"));
    }
    for (KeyConfig c : stored) {
      if (!names.add(c.name())) {
        clashes.add(c.name());
        continue;
      }
      KeyState k = kept.get(c);
      out.add(k != null ? k : fresh(c, now, "disabled by an operator"));
    }
    if (out.isEmpty() && anonymousWhenEmpty) {
      KeyState k = kept.get(ANONYMOUS);
      out.add(k != null ? k : fresh(ANONYMOUS, now, null));
    }
    return out.toArray(KeyState[]::new);
  }

  private KeyState fresh(KeyConfig c, long now, String offReason) {
    return new KeyState(c, now, new Health(smart.breakerFailures(), smart.breakerOpenFor().toNanos()), days, offReason);
  }

  public List<KeyState> keys() { return List.of(keys); }

  /** Weighted choice among usable keys not in {@code exclude}; empty when none is usable now. */
  public Optional<KeyState> pick(Set<String> exclude) {
    KeyState[] keys = this.keys;
    long now = nanoClock.getAsLong();
    int total = 0;
    for (KeyState k : keys) if (k.routableAt(now) && !exclude.contains(k.name())) total += k.weight();
    if (total == 0) return Optional.empty();
    if (keys.length == 1) return Optional.of(keys[0]);
    int r = ThreadLocalRandom.current().nextInt(total);
    KeyState last = null;
    for (KeyState k : keys) {
      if (!k.routableAt(now) || exclude.contains(k.name())) continue;
      last = k;
      r -= k.weight();
      if (r < 0) return Optional.of(k);
    }
    // Another event loop cooled a key down between the two passes: the last key still usable serves.
    return Optional.ofNullable(last);
  }

  /** True when some key is routable now (the decision's cheap check). */
  public boolean anyRoutable(long now) {
    KeyState[] keys = this.keys;
    for (KeyState k : keys) if (k.routableAt(now)) return true;
    return false;
  }

  /** Why no key is usable right now (for error messages and the request log). */
  public String unavailableReason() { return unavailableReason(null); }

  /** The last reason text and the key state it describes, so repeated decisions do not re-format it. */
  private record CachedReason(KeyState[] keys, long soonestUntil, int disabled, int broken, int capped, String text) {}

  private volatile CachedReason cachedReason;

  /** As {@link #unavailableReason()}, with cooldown ends as wall-clock instants when {@code wallNow} is given. */
  public String unavailableReason(java.time.Instant wallNow) {
    KeyState[] keys = this.keys;
    if (keys.length == 0) return NO_STORED_KEY;
    long now = nanoClock.getAsLong();
    if (wallNow != null) {
      long until = Long.MAX_VALUE;
      int disabled = 0;
      int broken = 0;
      int capped = 0;
      for (KeyState k : keys) {
        if (!k.enabled()) { disabled++; continue; }
        if (k.cooldownUntilNanos() - now > 0) until = Math.min(until, k.cooldownUntilNanos());
        else if (!k.health().allows(now)) broken++;
        else if (!k.usage().hasHeadroom()) capped++;
      }
      CachedReason c = cachedReason;
      if (c != null && c.keys() == keys && c.soonestUntil() == until && c.disabled() == disabled && c.broken() == broken && c.capped() == capped) {
        return c.text();
      }
      String text = reason(keys, wallNow, now);
      cachedReason = new CachedReason(keys, until, disabled, broken, capped, text);
      return text;
    }
    return reason(keys, null, now);
  }

  private static String reason(KeyState[] keys, java.time.Instant wallNow, long now) {
    long soonest = Long.MAX_VALUE;
    int disabled = 0;
    int broken = 0;
    int capped = 0;
    for (KeyState k : keys) {
      if (!k.enabled()) { disabled++; continue; }
      long left = k.cooldownUntilNanos() - now;
      if (left > 0) soonest = Math.min(soonest, left);
      else if (!k.health().allows(now)) broken++;
      else if (!k.usage().hasHeadroom()) capped++;
    }
    if (disabled == keys.length) return "no healthy key: all keys disabled";
    if (soonest != Long.MAX_VALUE && broken == 0 && capped == 0) {
      if (wallNow != null) return "no healthy key: cooldown until " + wallNow.plusNanos(soonest).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      return "no healthy key: all keys cooling down (next in " + Math.max(1, soonest / 1_000_000_000L) + "s)";
    }
    if (broken > 0 || capped > 0 || soonest != Long.MAX_VALUE) {
      return "no healthy key (" + (soonest != Long.MAX_VALUE ? "cooling down, " : "") + broken + " breaker open, "
          + capped + " daily cap reached)";
    }
    return "no key left to try";
  }

  /** Cools a key down because the provider's rate-limit headers say its budget is spent until {@code wait} passes. */
  public void exhaustedFor(KeyState key, Duration wait, String reason) {
    Duration w = wait.compareTo(settings.maxCooldown()) > 0 ? settings.maxCooldown() : wait;
    key.coolDown(nanoClock.getAsLong() + w.toNanos(), reason);
  }

  /** Seconds until some key is usable again, or empty when every key is disabled. */
  public Optional<Long> secondsUntilAvailable() {
    KeyState[] keys = this.keys;
    long now = nanoClock.getAsLong();
    long soonest = Long.MAX_VALUE;
    for (KeyState k : keys) if (k.enabled()) soonest = Math.min(soonest, Math.max(0, k.cooldownUntilNanos() - now));
    return soonest == Long.MAX_VALUE ? Optional.empty() : Optional.of((soonest + 999_999_999L) / 1_000_000_000L);
  }

  public void onSuccess(KeyState key) { key.succeeded(); }

  /**
   * Applies what a failure says about the key.
   *
   * @param retryAfter the upstream's Retry-After (null when absent)
   */
  public void onFailure(KeyState key, FailureClass failure, Duration retryAfter, String reason) {
    long now = nanoClock.getAsLong();
    switch (failure) {
      case CREDENTIAL -> key.disable(reason);
      case QUOTA -> key.coolDown(now + settings.quotaCooldown().toNanos(), reason);
      case RATE_LIMIT -> {
        int streak = key.nextRateLimitStreak();
        Duration wait = retryAfter != null && !retryAfter.isZero() ? retryAfter
            : settings.defaultCooldown().multipliedBy(1L << Math.min(streak - 1, 10));
        if (wait.compareTo(settings.maxCooldown()) > 0) wait = settings.maxCooldown();
        key.coolDown(now + wait.toNanos(), reason);
      }
      case CALLER_FAULT, TRANSIENT -> { } // says nothing about the key
    }
  }
}
