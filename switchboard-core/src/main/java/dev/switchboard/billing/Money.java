package dev.switchboard.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts of the billing currency (one unit, e.g. USD) as exact decimals. Every stored amount has {@link #SCALE}
 * decimal places: a usage charge is computed exactly (token counts times per-million prices is a finite decimal)
 * and rounded once, half-even, to that scale; nothing is ever converted to a double.
 */
public final class Money {
  /** Ten decimal places: one millionth of a token at a price of 0.0001 per million is still representable. */
  public static final int SCALE = 10;
  public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;
  public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

  private Money() {}

  /** {@code value} at the money scale (rounded half-even when it has more places). */
  public static BigDecimal of(BigDecimal value) {
    return value == null ? ZERO : value.setScale(SCALE, ROUNDING);
  }

  public static BigDecimal of(String value) { return of(new BigDecimal(value)); }

  /**
   * Parses a client-given amount ("12.50"): positive, at most {@link #SCALE} places, no exponent games.
   *
   * @throws IllegalArgumentException naming {@code field} when it is not a positive decimal
   */
  public static BigDecimal positive(String field, Object value) {
    BigDecimal d;
    try {
      d = value instanceof BigDecimal b ? b : new BigDecimal(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " must be a decimal number, got '" + value + "'");
    }
    if (d.signum() <= 0) throw new IllegalArgumentException(field + " must be greater than 0, got " + d.toPlainString());
    if (d.stripTrailingZeros().scale() > SCALE) {
      throw new IllegalArgumentException(field + " has more than " + SCALE + " decimal places: " + d.toPlainString());
    }
    if (d.precision() - d.scale() > 12) throw new IllegalArgumentException(field + " is too large: " + d.toPlainString());
    return of(d);
  }

  /** Plain text for documents and CSV: no exponent, trailing zeros kept to two places at least. */
  public static String text(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    if (s.scale() < 2) s = s.setScale(2, ROUNDING);
    return s.toPlainString();
  }
}
