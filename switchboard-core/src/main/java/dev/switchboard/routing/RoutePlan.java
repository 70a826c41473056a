package dev.switchboard.routing;

import java.util.List;

/** The ordered candidates for one request: the resolved model(s) first, then the fallback chain. */
public record RoutePlan(String requestedModel, List<Candidate> candidates) {
  public RoutePlan { candidates = List.copyOf(candidates); }
}
