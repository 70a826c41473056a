package dev.switchboard.config;

/** A gateway key clients authenticate with; only its name is ever logged. */
public record ClientKey(String name, String secret) {
  @Override public String toString() { return "ClientKey[" + name + "]"; }
}
