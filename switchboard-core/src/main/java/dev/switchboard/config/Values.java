package dev.switchboard.config;

import dev.switchboard.provider.Capability;
import dev.switchboard.provider.Protocol;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Checks and converts single values; each returns null after recording a problem. */
final class Values {
  private Values() {}

  static final String ACCOUNT_PLACEHOLDER = "{account_id}";

  /**
   * Longest duration accepted by default: far beyond any sensible timeout or cooldown, and far below where the
   * runtime's {@code toNanos()} and deadline arithmetic overflow (about 292 years).
   */
  static final Duration MAX_DURATION = Duration.ofDays(365);
  /** For durations handed to APIs that take an {@code int} of milliseconds (about 24.9 days). */
  static final Duration MAX_INT_MILLIS = Duration.ofMillis(Integer.MAX_VALUE);

  /** ISO-8601 ({@code PT10S}) or the short forms {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d}. */
  static Duration duration(Problems p, String path, String text, Duration def, boolean allowZero) {
    return duration(p, path, text, def, allowZero, MAX_DURATION);
  }

  static Duration duration(Problems p, String path, String text, Duration def, boolean allowZero, Duration max) {
    if (text == null) return def;
    Duration d = parseDuration(text.strip());
    if (d == null) {
      p.add(path, "bad duration '" + text + "' (use ISO-8601 like PT10S, or 250ms, 10s, 5m, 1h)");
      return def;
    }
    if (d.isNegative() || (!allowZero && d.isZero())) {
      p.add(path, "duration must be " + (allowZero ? "zero or positive" : "positive") + " (got " + text + ")");
      return def;
    }
    if (d.compareTo(max) > 0) {
      p.add(path, "duration must be at most " + describe(max) + " (got " + text + ")");
      return def;
    }
    return d;
  }

  private static String describe(Duration d) {
    if (d.toMillis() % Duration.ofDays(1).toMillis() == 0) return d.toDays() + "d";
    return d.toMillis() + "ms (about " + String.format(Locale.ROOT, "%.1f", d.toMillis() / 86_400_000.0) + " days)";
  }

  static Duration parseDuration(String s) {
    if (s.isEmpty()) return null;
    char first = Character.toUpperCase(s.charAt(0));
    if (first == 'P' || ((first == '-' || first == '+') && s.length() > 1 && Character.toUpperCase(s.charAt(1)) == 'P')) {
      try {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
    if (i == 0 || i > 12) return null;
    long n = Long.parseLong(s.substring(0, i));
    return switch (s.substring(i).strip().toLowerCase(Locale.ROOT)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> null;
    };
  }

  static int atLeast(Problems p, String path, Integer value, int def, int min) {
    if (value == null) return def;
    if (value < min) {
      p.add(path, "must be at least " + min + " (got " + value + ")");
      return def;
    }
    return value;
  }

  static Protocol protocol(Problems p, String path, String text) {
    for (Protocol pr : Protocol.values()) if (pr.configName().equals(text)) return pr;
    p.add(path, "unknown protocol '" + text + "' (known: "
        + Arrays.stream(Protocol.values()).map(Protocol::configName).collect(Collectors.joining(", ")) + ")");
    return null;
  }

  static Capability capability(Problems p, String path, String text) {
    for (Capability c : Capability.values()) if (c.configName().equals(text)) return c;
    p.add(path, "unknown capability '" + text + "' (known: "
        + Arrays.stream(Capability.values()).map(Capability::configName).collect(Collectors.joining(", ")) + ")");
    return null;
  }

  /** An absolute http(s) URL with a host; may contain {@code {account_id}}. Returns it without a trailing slash. */
  static String baseUrl(Problems p, String path, String url) {
    String problem = urlProblem(url);
    if (problem != null) {
      p.add(path, problem);
      return null;
    }
    String s = url.strip();
    while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
    return s;
  }

  /**
   * Why {@code url} cannot be a base URL, or null. Messages show at most {@code scheme://host}: the rest (user info,
   * path, query) may hold a secret pasted there by mistake.
   */
  static String urlProblem(String url) {
    if (url == null || url.isBlank()) return "missing base URL";
    String s = url.strip();
    // Before parsing: a password may hold '#', '?' or ':', which would end the authority early and hide it.
    int authority = s.indexOf("://");
    String rest = authority < 0 ? s : s.substring(authority + 3);
    int slash = rest.indexOf('/');
    if ((slash < 0 ? rest : rest.substring(0, slash)).indexOf('@') >= 0) {
      return "bad URL: must not contain user:password (use keys)";
    }
    URI u;
    try {
      u = new URI(s.replace(ACCOUNT_PLACEHOLDER, "account"));
    } catch (URISyntaxException e) {
      return "bad URL: " + e.getReason();
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "bad URL" + shown(u) + ": must start with http:// or https://";
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      // java.net.URI gives no host for a port beyond int, so name that case rather than "no host".
      return u.getRawAuthority() != null && u.getRawAuthority().matches(".*:[0-9]+")
          ? "bad URL" + shown(u) + ": port must be 1-65535" : "bad URL: no host";
    }
    if (u.getPort() == 0 || u.getPort() > 65535) return "bad URL" + shown(u) + ": port must be 1-65535";
    // Adapters append paths (/chat/completions): after a query they would land inside it.
    if (u.getRawQuery() != null) return "bad URL" + shown(u) + ": must not have a ?query (paths are appended to it)";
    if (u.getRawFragment() != null) return "bad URL" + shown(u) + ": must not have a #fragment";
    return null;
  }

  /** {@code " 'scheme://host'"} when both parsed, else nothing. */
  private static String shown(URI u) {
    return u.getScheme() == null || u.getHost() == null ? "" : " '" + u.getScheme() + "://" + u.getHost() + "'";
  }

  static boolean isLoopback(String url) {
    try {
      String host = new URI(url.replace(ACCOUNT_PLACEHOLDER, "account")).getHost();
      if (host == null) return false;
      host = host.toLowerCase(Locale.ROOT);
      return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
          || host.equals("[::1]") || host.equals("::1") || host.equals("host.docker.internal");
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** Provider names appear in {@code provider/model} ids and metrics, so they are kept simple. */
  static boolean validName(String name) {
    if (name.isEmpty() || name.length() > 64) return false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '-' || c == '_' || c == '.'));
      if (!ok) return false;
    }
    return true;
  }
}
