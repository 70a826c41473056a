package dev.switchboard.routing;

/** A candidate the routing decision considered but did not use, and why (for errors and the request log). */
public record Skip(String candidate, String reason) {
  @Override public String toString() { return candidate + ": " + reason; }
}
