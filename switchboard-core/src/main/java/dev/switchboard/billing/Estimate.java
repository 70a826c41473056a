package dev.switchboard.billing;

import java.math.BigDecimal;

/**
 * What a request is known to consume before it goes upstream, for its balance reservation: prompt tokens, the
 * output token budget, images asked for ({@code n}) and seconds of audio uploaded (null: not known). Zeros mean
 * unknown too: the reservation then falls back to the configured minimum.
 */
public record Estimate(long promptTokens, long outputTokens, long images, BigDecimal audioSeconds) {
  public static final Estimate NONE = new Estimate(0, 0, 0, null);

  public static Estimate tokens(long promptTokens, long outputTokens) {
    return new Estimate(promptTokens, outputTokens, 0, null);
  }

  /** True when no token count is known (images and seconds alone do not cover a token-priced model). */
  public boolean noTokens() { return promptTokens <= 0 && outputTokens <= 0; }
}
