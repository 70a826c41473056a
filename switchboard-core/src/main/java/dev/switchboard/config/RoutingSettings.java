package dev.switchboard.config;

import java.time.Duration;

/**
 * @param maxAttempts      upper bound on upstream attempts per request, across keys and fallbacks (default 4)
 * @param totalTimeout     upper bound on the time spent before the first byte reaches the client (default PT120S)
 * @param defaultCooldown  key cooldown after a 429 without Retry-After (default PT30S); doubles on repeats
 * @param maxCooldown      cap for rate-limit cooldowns, Retry-After included (default PT10M); quota has its own
 * @param quotaCooldown    cooldown for a key whose quota is exhausted (default PT1H)
 */
public record RoutingSettings(int maxAttempts, Duration totalTimeout, Duration defaultCooldown, Duration maxCooldown,
                              Duration quotaCooldown) {}
