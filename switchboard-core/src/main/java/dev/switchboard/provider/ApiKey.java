package dev.switchboard.provider;

/** One upstream credential. {@link #toString()} never shows the secret. */
public record ApiKey(String name, String secret) {
  @Override public String toString() { return "ApiKey[" + name + "]"; }
}
