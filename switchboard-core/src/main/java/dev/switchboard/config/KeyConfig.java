package dev.switchboard.config;

/** One upstream key of a provider's pool; weight is relative (default 1). */
public record KeyConfig(String name, String secret, int weight, boolean enabled) {
  @Override public String toString() { return "KeyConfig[" + name + ", weight=" + weight + ", enabled=" + enabled + "]"; }
}
