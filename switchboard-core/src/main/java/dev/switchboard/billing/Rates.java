package dev.switchboard.billing;

import dev.switchboard.config.Prices;
import java.math.BigDecimal;

/**
 * What a public model costs the tenant: per million input (uncached), output, cache-read and cache-write tokens,
 * plus flat prices per request, per image and per second of audio. Never null fields: an unpriced component is 0.
 * A null {@code cachedRead} or {@code cacheWrite} in the source falls back to the input price (billed as input).
 */
public record Rates(BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cachedReadPerMillion,
                    BigDecimal cacheWritePerMillion, BigDecimal perRequest, BigDecimal perImage,
                    BigDecimal perAudioSecond) {
  public static final Rates FREE = new Rates(null, null, null, null, null, null, null);

  public Rates {
    inputPerMillion = nz(inputPerMillion);
    outputPerMillion = nz(outputPerMillion);
    cachedReadPerMillion = cachedReadPerMillion == null ? inputPerMillion : cachedReadPerMillion;
    cacheWritePerMillion = cacheWritePerMillion == null ? inputPerMillion : cacheWritePerMillion;
    perRequest = nz(perRequest);
    perImage = nz(perImage);
    perAudioSecond = nz(perAudioSecond);
    for (BigDecimal d : new BigDecimal[] {inputPerMillion, outputPerMillion, cachedReadPerMillion,
        cacheWritePerMillion, perRequest, perImage, perAudioSecond}) {
      if (d.signum() < 0) throw new IllegalArgumentException("prices must not be negative, got " + d.toPlainString());
    }
  }

  /** Token prices from a provider model's catalog prices (no flat prices). */
  public static Rates of(Prices p) {
    if (p == null) return FREE;
    return new Rates(p.input(), p.output(), p.cachedInput(), null, null, null, null);
  }

  public boolean free() {
    return inputPerMillion.signum() == 0 && outputPerMillion.signum() == 0 && cachedReadPerMillion.signum() == 0
        && cacheWritePerMillion.signum() == 0 && perRequest.signum() == 0 && perImage.signum() == 0
        && perAudioSecond.signum() == 0;
  }

  private static BigDecimal nz(BigDecimal d) { return d == null ? BigDecimal.ZERO : d; }
}
