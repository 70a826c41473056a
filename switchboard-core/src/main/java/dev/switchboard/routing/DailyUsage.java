package dev.switchboard.routing;

import dev.switchboard.config.DailyCap;

/** Requests and tokens used today against a {@link DailyCap}; rolls over at the caps time zone's midnight. */
public final class DailyUsage {
  private final DailyCap cap;
  private final DayClock days;
  private long day;
  private long requests;
  private long tokens;

  DailyUsage(DailyCap cap, DayClock days) {
    this.cap = cap;
    this.days = days;
  }

  public DailyCap cap() { return cap; }

  /** Null when there is headroom, else why not (for skip reasons). */
  public String exhausted() {
    if (!cap.limited()) return null;
    synchronized (this) {
      roll();
      if (cap.requests() > 0 && requests >= cap.requests()) {
        return "daily cap reached (" + requests + "/" + cap.requests() + " requests; resets " + days.nextReset() + ")";
      }
      if (cap.tokens() > 0 && tokens >= cap.tokens()) {
        return "daily cap reached (" + tokens + "/" + cap.tokens() + " tokens; resets " + days.nextReset() + ")";
      }
      return null;
    }
  }

  public boolean hasHeadroom() {
    if (!cap.limited()) return true;
    synchronized (this) {
      roll();
      return (cap.requests() == 0 || requests < cap.requests()) && (cap.tokens() == 0 || tokens < cap.tokens());
    }
  }

  synchronized void addRequest() {
    roll();
    requests++;
  }

  synchronized void addTokens(long n) {
    roll();
    tokens += n;
  }

  /** Requests left today (-1 when unlimited). */
  public synchronized long requestsLeft() {
    roll();
    return cap.requests() == 0 ? -1 : Math.max(0, cap.requests() - requests);
  }

  /** Tokens left today (-1 when unlimited). */
  public synchronized long tokensLeft() {
    roll();
    return cap.tokens() == 0 ? -1 : Math.max(0, cap.tokens() - tokens);
  }

  public synchronized long requestsUsed() {
    roll();
    return requests;
  }

  private void roll() {
    long today = days.today();
    if (today != day) {
      day = today;
      requests = 0;
      tokens = 0;
    }
  }
}
