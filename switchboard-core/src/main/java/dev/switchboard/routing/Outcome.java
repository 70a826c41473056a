package dev.switchboard.routing;

import dev.switchboard.error.FailureClass;
import java.time.Duration;

/**
 * What one upstream attempt showed, as the server reports it back to routing.
 *
 * @param failure        null on success
 * @param latencyNanos   attempt start to end (or to failure)
 * @param ttfbNanos      attempt start to first byte, -1 when none arrived
 * @param retryAfter     the upstream's Retry-After, null when absent
 * @param budgetSpentFor from the rate-limit headers: the key's budget is spent for this long (null: not spent)
 * @param reason         short text for cooldown/disable reasons (already redacted)
 */
public record Outcome(FailureClass failure, long latencyNanos, long ttfbNanos, Duration retryAfter,
                      Duration budgetSpentFor, String reason) {
  public static Outcome success(long latencyNanos, long ttfbNanos, Duration budgetSpentFor) {
    return new Outcome(null, latencyNanos, ttfbNanos, null, budgetSpentFor, null);
  }

  public static Outcome failed(FailureClass failure, long latencyNanos, Duration retryAfter, Duration budgetSpentFor,
                               String reason) {
    return new Outcome(failure, latencyNanos, -1, retryAfter, budgetSpentFor, reason);
  }
}
