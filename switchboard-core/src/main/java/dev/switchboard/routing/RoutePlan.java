package dev.switchboard.routing;

import java.util.List;

/**
 * The ordered candidates for one request (the chosen one first, then the fallbacks), the candidates that were
 * considered and skipped with the reason, the pool used (null for a named model) and the sticky session key.
 */
public record RoutePlan(String requestedModel, List<Candidate> candidates, List<Skip> skipped, String pool,
                        String session) {
  public RoutePlan {
    candidates = List.copyOf(candidates);
    skipped = List.copyOf(skipped);
  }

  public RoutePlan(String requestedModel, List<Candidate> candidates) {
    this(requestedModel, candidates, List.of(), null, null);
  }
}
