package dev.switchboard.config;

/**
 * A free-tier style daily budget: at most {@code requests} requests and {@code tokens} tokens (input + output) per
 * day; 0 means unlimited. The day ends at midnight in {@code routing.caps-time-zone}.
 */
public record DailyCap(long requests, long tokens) {
  public static final DailyCap NONE = new DailyCap(0, 0);

  public boolean limited() { return requests > 0 || tokens > 0; }
}
