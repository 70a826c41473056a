package dev.switchboard.config;

import java.util.Locale;

/** How a pool orders its usable candidates (the config names are kebab-case). */
public enum StrategyKind {
  PRIORITY, WEIGHTED, ROUND_ROBIN, LEAST_LATENCY, LOWEST_COST;

  public String configName() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
}
