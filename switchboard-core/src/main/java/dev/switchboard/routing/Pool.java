package dev.switchboard.routing;

import dev.switchboard.config.StrategyKind;
import java.util.List;

/** A named set of candidates with the strategy that orders them. {@code builtin}: a seed pool filled from the catalog. */
public record Pool(String name, StrategyKind strategyKind, Strategy strategy, List<Candidate> members, boolean builtin) {
  public Pool { members = List.copyOf(members); }
}
