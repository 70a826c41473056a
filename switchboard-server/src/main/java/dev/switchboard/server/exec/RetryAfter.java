package dev.switchboard.server.exec;

import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Parses Retry-After (delta-seconds or HTTP-date) and the retry-after-ms variant some providers send. */
final class RetryAfter {
  private static final Duration MAX = Duration.ofHours(24);

  private RetryAfter() {}

  static Duration parse(MultiMap headers) {
    String ms = headers.get("retry-after-ms");
    if (ms != null) {
      try {
        return clamp(Duration.ofMillis((long) Double.parseDouble(ms.trim())));
      } catch (NumberFormatException ignored) {
        // fall through to Retry-After
      }
    }
    String v = headers.get("retry-after");
    if (v == null || v.isBlank()) return null;
    v = v.trim();
    try {
      return clamp(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        return clamp(Duration.between(ZonedDateTime.now(at.getZone()), at));
      } catch (RuntimeException notDate) {
        return null;
      }
    }
  }

  private static Duration clamp(Duration d) {
    if (d.isNegative()) return Duration.ZERO;
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}
