package dev.switchboard.billing;

import java.math.BigDecimal;

/**
 * One request's metered figures: the token counts each price applies to (disjoint, never negative) and the cost
 * at {@link Money#SCALE}. {@code inputTokens} is the canonical total (cached and cache-write included), so
 * {@code uncachedInputTokens + cachedReadTokens + cacheWriteTokens == inputTokens}; reasoning tokens are inside
 * {@code outputTokens} and not billed again.
 */
public record Charge(long inputTokens, long uncachedInputTokens, long cachedReadTokens, long cacheWriteTokens,
                     long outputTokens, long reasoningTokens, long images, BigDecimal audioSeconds, BigDecimal cost) {
  public static final Charge NONE = new Charge(0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, Money.ZERO);
}
