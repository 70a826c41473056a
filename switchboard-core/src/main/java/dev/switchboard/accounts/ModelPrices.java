package dev.switchboard.accounts;

import java.math.BigDecimal;

/**
 * A public model's list prices in USD, exact decimals: per million input, output, cached-read and cache-write
 * tokens, and per request, per image and per second of audio. Null = not charged.
 */
public record ModelPrices(BigDecimal input, BigDecimal output, BigDecimal cachedRead, BigDecimal cacheWrite,
                          BigDecimal perRequest, BigDecimal perImage, BigDecimal perAudioSecond) {
  public static final ModelPrices FREE = new ModelPrices(null, null, null, null, null, null, null);
}
