package dev.switchboard.routing;

import dev.switchboard.config.ModelConfig;
import dev.switchboard.config.PoolConfig;
import dev.switchboard.config.SmartRouting;
import dev.switchboard.config.StrategyKind;
import dev.switchboard.provider.Capability;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Builds the pools: the seed pools filled from the catalog by capability and tags, then the config's pools
 * (a seed name replaces that seed's members, or adds to them with {@code extend: true}; other names are new pools).
 */
final class Pools {
  /** The pool "auto" uses when no X-Pool header is given. */
  static final String GENERAL = "general";

  private Pools() {}

  private record Seed(String name, StrategyKind strategy, Predicate<ModelConfig> member) {}

  /** Seed pools in listing order; null strategy means the global one. */
  private static final List<Seed> SEEDS = List.of(
      new Seed("tool_calling", null, m -> m.has(Capability.TOOLS)),
      new Seed("long_text", null, m -> m.tagged("long_text") || (m.contextWindow() != null && m.contextWindow() >= 200_000)),
      new Seed("reasoning", null, m -> m.has(Capability.REASONING) || m.tagged("reasoning")),
      new Seed("code", null, m -> m.tagged("code")),
      new Seed("fast", StrategyKind.LEAST_LATENCY, m -> m.tagged("fast")),
      new Seed("free", StrategyKind.ROUND_ROBIN, m -> m.tagged("free") || free(m)),
      new Seed("chinese", null, m -> m.tagged("chinese")),
      new Seed(GENERAL, null, m -> true));

  private static boolean free(ModelConfig m) {
    return m.prices().input() != null && m.prices().input().signum() == 0
        && m.prices().output() != null && m.prices().output().signum() == 0;
  }

  /** Embedding models are never chat candidates. */
  private static boolean chat(ModelConfig m) { return !m.has(Capability.EMBEDDINGS); }

  static Map<String, Pool> build(Collection<ProviderRuntime> providers, SmartRouting smart,
                                 java.util.function.BiFunction<ProviderRuntime, ModelConfig, Candidate> candidate) {
    Map<String, List<Candidate>> members = new LinkedHashMap<>();
    Map<String, StrategyKind> strategies = new HashMap<>();
    for (Seed s : SEEDS) {
      List<Candidate> list = new ArrayList<>();
      for (ProviderRuntime p : providers) {
        for (ModelConfig m : p.models()) if (chat(m) && s.member().test(m)) list.add(candidate.apply(p, m));
      }
      members.put(s.name(), list);
      strategies.put(s.name(), s.strategy() == null ? smart.strategy() : s.strategy());
    }
    Map<String, Map<String, Integer>> weights = new HashMap<>();
    Map<String, ProviderRuntime> byName = new HashMap<>();
    for (ProviderRuntime p : providers) byName.put(p.name(), p);
    for (PoolConfig pc : smart.pools()) {
      List<Candidate> list = new ArrayList<>();
      if (pc.extend() && members.containsKey(pc.name())) list.addAll(members.get(pc.name()));
      for (String ref : pc.members()) {
        int slash = ref.indexOf('/');
        ProviderRuntime p = byName.get(ref.substring(0, slash));
        String id = ref.substring(slash + 1);
        Candidate c = candidate.apply(p, p.model(id).orElseGet(() -> Router.passThrough(id)));
        if (list.stream().noneMatch(x -> x.qualifiedId().equals(c.qualifiedId()))) list.add(c);
      }
      members.put(pc.name(), list);
      if (pc.strategy() != null) strategies.put(pc.name(), pc.strategy());
      else strategies.putIfAbsent(pc.name(), smart.strategy());
      weights.put(pc.name(), pc.weights());
    }
    Map<String, Pool> pools = new LinkedHashMap<>();
    for (var e : members.entrySet()) {
      String name = e.getKey();
      StrategyKind kind = strategies.get(name);
      Map<String, Integer> w = weights.getOrDefault(name, Map.of());
      boolean builtin = SEEDS.stream().anyMatch(s -> s.name().equals(name));
      pools.put(name, new Pool(name, kind, strategy(kind, w), e.getValue(), builtin));
    }
    return pools;
  }

  static Strategy strategy(StrategyKind kind, Map<String, Integer> weights) {
    return switch (kind) {
      case PRIORITY -> Strategy.priority();
      case ROUND_ROBIN -> Strategy.roundRobin();
      case LEAST_LATENCY -> Strategy.leastLatency();
      case LOWEST_COST -> Strategy.lowestCost();
      case WEIGHTED -> Strategy.weighted(c -> weights.getOrDefault(c.qualifiedId(), 1));
    };
  }
}
