package dev.switchboard.config;

import java.util.List;
import java.util.Map;

/**
 * A named pool from the config's {@code pools:} section. A pool named like a built-in one replaces its members
 * (or, with {@code extend}, adds to them).
 *
 * @param strategy null: the global {@code routing.strategy}
 * @param members  {@code provider/model} references, in priority order
 * @param weights  relative weights for the weighted strategy ({@code provider/model} -> weight, default 1)
 */
public record PoolConfig(String name, StrategyKind strategy, List<String> members, Map<String, Integer> weights,
                         boolean extend) {
  public PoolConfig {
    members = List.copyOf(members);
    weights = weights == null ? Map.of() : Map.copyOf(weights);
  }
}
