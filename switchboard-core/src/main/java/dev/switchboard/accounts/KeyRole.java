package dev.switchboard.accounts;

import java.util.Locale;

/** What a gateway key may do on the management APIs (inference is governed by scope, not role). */
public enum KeyRole {
  /** Manage the tenant's keys and settings, like the tenant owner. */
  ADMIN,
  /** Read and call; no changes to keys or members. */
  USER,
  /** Read only. */
  READ_ONLY;

  public String wire() { return name().toLowerCase(Locale.ROOT); }

  /** Parses {@code admin}, {@code user}, {@code read_only}; null for anything else. */
  public static KeyRole parse(String s) {
    if (s == null) return null;
    return switch (s) {
      case "admin" -> ADMIN;
      case "user" -> USER;
      case "read_only", "read-only" -> READ_ONLY;
      default -> null;
    };
  }
}
