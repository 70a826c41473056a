package dev.switchboard.billing;

import dev.switchboard.model.MediaUsage;
import dev.switchboard.model.Usage;
import java.math.BigDecimal;

/**
 * Prices canonical usage. Canonical input tokens include cache reads and cache writes (each codec converts its
 * provider's convention: OpenAI and DashScope count cached tokens inside prompt tokens, Anthropic reports them
 * apart and its codec adds them in, Gemini's promptTokenCount includes cachedContentTokenCount), so the uncached
 * part is {@code input - cached - cacheWrite}, clamped at 0 and with each part capped by what is left: a
 * provider that reports more cached tokens than prompt tokens is never billed twice, nor a negative count.
 * Reasoning tokens are inside output tokens and are not billed on top.
 *
 * <p>Arithmetic is exact: tokens x price-per-million is shifted six places (exact), the flat parts are added,
 * the sum is multiplied by the tenant multiplier (exact), and only the total is rounded, once, half-even, to
 * {@link Money#SCALE} places.
 */
public final class Meter {
  private Meter() {}

  public static Charge charge(Usage usage, Rates rates, BigDecimal multiplier) {
    return charge(usage, 0, null, rates, multiplier);
  }

  /** Tokens plus the media figures (images, audio seconds) of a request. */
  public static Charge charge(Usage usage, MediaUsage media, Rates rates, BigDecimal multiplier) {
    return media == null ? charge(usage, rates, multiplier)
        : charge(usage, media.images(), media.audioSeconds(), rates, multiplier);
  }

  /**
   * @param images       images produced (image generation), billed at {@link Rates#perImage}
   * @param audioSeconds seconds of audio in or out, billed at {@link Rates#perAudioSecond}; null when none
   */
  public static Charge charge(Usage usage, long images, BigDecimal audioSeconds, Rates rates, BigDecimal multiplier) {
    Usage u = usage == null ? Usage.NONE : usage;
    long input = nonNegative(u.inputTokens());
    long cached = Math.min(nonNegative(u.cachedInputTokens()), input);
    long cacheWrite = Math.min(nonNegative(u.cacheWriteTokens()), input - cached);
    long uncached = input - cached - cacheWrite;
    long output = nonNegative(u.outputTokens());
    long reasoning = Math.min(nonNegative(u.reasoningTokens()), output);
    long img = Math.max(0, images);
    BigDecimal audio = audioSeconds == null || audioSeconds.signum() < 0 ? BigDecimal.ZERO : audioSeconds;

    BigDecimal perMillion = BigDecimal.valueOf(uncached).multiply(rates.inputPerMillion())
        .add(BigDecimal.valueOf(cached).multiply(rates.cachedReadPerMillion()))
        .add(BigDecimal.valueOf(cacheWrite).multiply(rates.cacheWritePerMillion()))
        .add(BigDecimal.valueOf(output).multiply(rates.outputPerMillion()));
    BigDecimal cost = perMillion.movePointLeft(6)
        .add(rates.perRequest())
        .add(BigDecimal.valueOf(img).multiply(rates.perImage()))
        .add(audio.multiply(rates.perAudioSecond()));
    if (multiplier != null) cost = cost.multiply(multiplier);
    return new Charge(input, uncached, cached, cacheWrite, output, reasoning, img, audio, Money.of(cost));
  }

  /**
   * What a request may cost at most, reserved before it goes upstream: every prompt token at the input price
   * (no cache discount assumed) plus the output budget at the output price plus the per-request price.
   *
   * @param maxOutputTokens the request's max_tokens, else the model's max output, else {@code defaultOutput}
   */
  public static BigDecimal estimate(long promptTokens, long maxOutputTokens, Rates rates, BigDecimal multiplier) {
    return estimate(Estimate.tokens(promptTokens, maxOutputTokens), rates, multiplier);
  }

  /**
   * The token part as above, plus the images asked for at the per-image price and the seconds of audio known in
   * advance (an uploaded WAV) at the per-second price, multiplied by the tenant multiplier and rounded up.
   */
  public static BigDecimal estimate(Estimate e, Rates rates, BigDecimal multiplier) {
    BigDecimal seconds = e.audioSeconds() == null || e.audioSeconds().signum() < 0 ? BigDecimal.ZERO : e.audioSeconds();
    BigDecimal cost = BigDecimal.valueOf(Math.max(0, e.promptTokens())).multiply(rates.inputPerMillion())
        .add(BigDecimal.valueOf(Math.max(0, e.outputTokens())).multiply(rates.outputPerMillion()))
        .movePointLeft(6)
        .add(rates.perRequest())
        .add(BigDecimal.valueOf(Math.max(0, e.images())).multiply(rates.perImage()))
        .add(seconds.multiply(rates.perAudioSecond()));
    if (multiplier != null) cost = cost.multiply(multiplier);
    // Rounded up: a reservation must never be smaller than the charge it stands for.
    return cost.setScale(Money.SCALE, java.math.RoundingMode.CEILING);
  }

  private static long nonNegative(Long v) { return v == null || v < 0 ? 0 : v; }
}
