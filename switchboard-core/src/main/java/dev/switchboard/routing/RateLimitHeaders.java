package dev.switchboard.routing;

import java.time.Duration;
import java.util.function.Function;

/**
 * Reads the providers' budget headers: {@code x-ratelimit-remaining-requests|tokens} with
 * {@code x-ratelimit-reset-requests|tokens} (OpenAI/Groq durations like {@code 6m0s}, {@code 20ms},
 * {@code 2m59.56s}; plain seconds; or an epoch-seconds timestamp). When a budget is spent, the key should rest
 * until its reset.
 */
public final class RateLimitHeaders {
  private RateLimitHeaders() {}

  /** How long the key's budget is spent for, or null when it is not (or the headers do not say). */
  public static Duration exhaustedFor(Function<String, String> header, long nowEpochSeconds) {
    Duration d = spent(header, "requests", nowEpochSeconds);
    Duration t = spent(header, "tokens", nowEpochSeconds);
    if (d == null) return t;
    if (t == null) return d;
    return d.compareTo(t) >= 0 ? d : t;
  }

  private static Duration spent(Function<String, String> header, String kind, long now) {
    String remaining = header.apply("x-ratelimit-remaining-" + kind);
    if (remaining == null) return null;
    try {
      if (Double.parseDouble(remaining.trim()) > 0) return null;
    } catch (NumberFormatException e) {
      return null;
    }
    String reset = header.apply("x-ratelimit-reset-" + kind);
    return reset == null ? null : parseReset(reset.trim(), now);
  }

  /** {@code 1h2m3.5s}, {@code 250ms}, {@code 12} (seconds) or {@code 1735689600} (epoch seconds). */
  static Duration parseReset(String v, long nowEpochSeconds) {
    if (v.isEmpty()) return null;
    try {
      double n = Double.parseDouble(v);
      if (n > 1_000_000_000d) return Duration.ofSeconds(Math.max(0, (long) n - nowEpochSeconds));
      return Duration.ofMillis((long) Math.ceil(n * 1000));
    } catch (NumberFormatException notNumber) {
      // Go-style duration below
    }
    long millis = 0;
    int i = 0;
    while (i < v.length()) {
      int start = i;
      while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.')) i++;
      if (start == i) return null;
      double n;
      try {
        n = Double.parseDouble(v.substring(start, i));
      } catch (NumberFormatException e) {
        return null;
      }
      int u = i;
      while (i < v.length() && Character.isLetter(v.charAt(i))) i++;
      switch (v.substring(u, i)) {
        case "h" -> millis += (long) (n * 3_600_000);
        case "m" -> millis += (long) (n * 60_000);
        case "s" -> millis += (long) Math.ceil(n * 1000);
        case "ms" -> millis += (long) Math.ceil(n);
        default -> { return null; }
      }
    }
    return Duration.ofMillis(millis);
  }
}
