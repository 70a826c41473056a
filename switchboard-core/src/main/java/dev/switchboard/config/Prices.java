package dev.switchboard.config;

import java.math.BigDecimal;

/** Prices in USD per million tokens; null when unknown. Cached input is billed at {@code cachedInput} instead of {@code input}. */
public record Prices(BigDecimal input, BigDecimal output, BigDecimal cachedInput) {
  public static final Prices UNKNOWN = new Prices(null, null, null);
}
