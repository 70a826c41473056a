package dev.switchboard.config;

/** One upstream key of a provider's pool; weight is relative (default 1); dailyCap bounds its use per day. */
public record KeyConfig(String name, String secret, int weight, boolean enabled, DailyCap dailyCap) {
  public KeyConfig {
    dailyCap = dailyCap == null ? DailyCap.NONE : dailyCap;
  }

  public KeyConfig(String name, String secret, int weight, boolean enabled) {
    this(name, secret, weight, enabled, DailyCap.NONE);
  }

  @Override public String toString() { return "KeyConfig[" + name + ", weight=" + weight + ", enabled=" + enabled + "]"; }
}
