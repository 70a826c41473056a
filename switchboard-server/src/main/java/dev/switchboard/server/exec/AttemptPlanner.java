package dev.switchboard.server.exec;

import dev.switchboard.config.RoutingSettings;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.FailureClass;
import dev.switchboard.error.GatewayError;
import dev.switchboard.routing.Candidate;
import dev.switchboard.routing.KeyState;
import dev.switchboard.routing.RoutePlan;
import dev.switchboard.routing.Router;
import dev.switchboard.routing.Skip;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks a route plan: another key of the same candidate first, then the next candidate (fallback), bounded by
 * max attempts and total time. Single-threaded (one request's event loop).
 */
final class AttemptPlanner {
  record Choice(Candidate candidate, KeyState key) {}

  private final RoutePlan plan;
  private final Router router;
  private final RoutingSettings settings;
  private final long deadlineNanos;
  private final String accountIdHeader;
  private final List<String> skips = new ArrayList<>(1);
  private final Set<String> triedKeys = new HashSet<>(4);
  private int candidateIndex;
  private int attempts;
  private Long retryAfterSeconds;

  AttemptPlanner(RoutePlan plan, Router router, RoutingSettings settings, long startNanos, String accountIdHeader) {
    this.plan = plan;
    this.router = router;
    this.settings = settings;
    this.deadlineNanos = startNanos + settings.totalTimeout().toNanos();
    this.accountIdHeader = accountIdHeader;
  }

  String accountIdHeader() { return accountIdHeader; }

  long remainingNanos() { return deadlineNanos - System.nanoTime(); }

  Optional<Choice> next() {
    if (attempts >= settings.maxAttempts() || remainingNanos() <= 0) return Optional.empty();
    while (candidateIndex < plan.candidates().size()) {
      Candidate c = plan.candidates().get(candidateIndex);
      if (c.provider().needsAccountId() && accountIdHeader == null) {
        skips.add(c.qualifiedId() + ": needs an account id (config account-id or the X-Account-ID header)");
        nextCandidate();
        continue;
      }
      Optional<KeyState> key = c.provider().keys().pick(triedKeys);
      if (key.isPresent()) {
        String refused = router.admit(c, key.get());
        if (refused == null) {
          attempts++;
          return Optional.of(new Choice(c, key.get()));
        }
        skips.add(c.qualifiedId() + ": " + refused);
        nextCandidate();
        continue;
      }
      if (triedKeys.isEmpty()) {
        skips.add(c.qualifiedId() + ": " + c.provider().keys().unavailableReason());
        c.provider().keys().secondsUntilAvailable().ifPresent(s ->
            retryAfterSeconds = retryAfterSeconds == null ? s : Math.min(retryAfterSeconds, s));
      }
      nextCandidate();
    }
    return Optional.empty();
  }

  /** After a failure that says the whole candidate is unusable for this request (not just the key). */
  void nextCandidate() {
    candidateIndex++;
    triedKeys.clear();
  }

  /** The candidate cannot serve this kind of request at all (e.g. a rerank-only wire asked for chat): not an attempt. */
  void skip(Choice choice, String reason) {
    attempts--;
    skips.add(choice.candidate().qualifiedId() + ": " + reason);
    nextCandidate();
  }

  void keyFailed(KeyState key) { triedKeys.add(key.name()); }

  boolean exhaustedByLimits() { return attempts >= settings.maxAttempts() || remainingNanos() <= 0; }

  /** The error the client gets when no attempt succeeded. */
  GatewayError finalError(List<Attempt> attempts, GatewayError lastCallerFault) {
    if (lastCallerFault != null) return lastCallerFault;
    StringBuilder why = new StringBuilder();
    for (Attempt a : attempts) why.append(why.isEmpty() ? "" : "; ").append(a.summary());
    for (String s : skips) why.append(why.isEmpty() ? "" : "; ").append(s);
    for (Skip s : plan.skipped()) why.append(why.isEmpty() ? "" : "; ").append(s);
    if (exhaustedByLimits() && !attempts.isEmpty()) why.append(" (attempt or time limit reached)");
    List<GatewayError.Reason> reasons = new ArrayList<>(attempts.size() + skips.size() + plan.skipped().size());
    for (Attempt a : attempts) reasons.add(new GatewayError.Reason(a.candidate(), a.reason()));
    for (String s : skips) {
      int colon = s.indexOf(": ");
      reasons.add(colon > 0 ? new GatewayError.Reason(s.substring(0, colon), s.substring(colon + 2))
          : new GatewayError.Reason(plan.requestedModel(), s));
    }
    for (Skip s : plan.skipped()) reasons.add(new GatewayError.Reason(s.candidate(), s.reason()));
    if (attempts.isEmpty()) {
      // 503 only here: every capable candidate was skipped as unusable (the plan refused incapable ones with 400).
      return GatewayError.of(ErrorKey.NO_PROVIDER_AVAILABLE,
          "No capable candidate can serve '" + plan.requestedModel() + "' right now: " + why).withReasons(reasons);
    }
    boolean allRateLimited = attempts.stream().allMatch(a -> a.failure() == FailureClass.RATE_LIMIT
        || a.failure() == FailureClass.QUOTA);
    boolean timedOut = attempts.get(attempts.size() - 1).detail() != null
        && attempts.get(attempts.size() - 1).detail().startsWith("timeout");
    ErrorKey key = allRateLimited ? ErrorKey.RATE_LIMITED : timedOut ? ErrorKey.UPSTREAM_TIMEOUT : ErrorKey.UPSTREAM_ERROR;
    return GatewayError.of(key, "All " + attempts.size() + " upstream attempts for '" + plan.requestedModel()
        + "' failed: " + why).withReasons(reasons);
  }

  /**
   * Seconds until a candidate that turned this request away for its limits is usable again: those whose keys were
   * all cooling before it, and those whose keys its own attempts cooled (429 with Retry-After). Null when unknown.
   */
  Long retryAfterSeconds(List<Attempt> attempts) {
    Long soonest = retryAfterSeconds;
    for (Candidate c : plan.candidates()) {
      boolean limited = false;
      for (Attempt a : attempts) {
        limited |= (a.failure() == FailureClass.RATE_LIMIT || a.failure() == FailureClass.QUOTA)
            && a.provider().equals(c.provider().name());
      }
      if (!limited) continue;
      Long s = c.provider().keys().secondsUntilAvailable().orElse(null);
      if (s != null && s > 0) soonest = soonest == null ? s : Math.min(soonest, s);
    }
    return soonest;
  }

  RoutePlan plan() { return plan; }

  /** Skips found while attempting (account id, half-open probes, keys that ran out), for the request log. */
  List<String> attemptSkips() { return skips; }
}
