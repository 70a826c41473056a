package dev.switchboard.routing;

import dev.switchboard.config.ModelConfig;

/** Live state of one (provider, model): its health and daily usage. One instance per pair, shared by all requests. */
public final class ModelState {
  private final String qualifiedId;
  private final Health health;
  private final DailyUsage usage;

  ModelState(String qualifiedId, ModelConfig model, Health health, DayClock days) {
    this.qualifiedId = qualifiedId;
    this.health = health;
    this.usage = new DailyUsage(model.dailyCap(), days);
  }

  public String qualifiedId() { return qualifiedId; }

  public Health health() { return health; }

  public DailyUsage usage() { return usage; }
}
