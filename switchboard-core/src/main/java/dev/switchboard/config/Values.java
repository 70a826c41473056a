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

  /** ISO-8601 ({@code PT10S}) or the short forms {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d}. */
  static Duration duration(Problems p, String path, String text, Duration def, boolean allowZero) {
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
    return d;
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

  static String urlProblem(String url) {
    if (url == null || url.isBlank()) return "missing base URL";
    try {
      URI u = new URI(url.strip().replace(ACCOUNT_PLACEHOLDER, "account"));
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) return "bad URL '" + url + "': must start with http:// or https://";
      if (u.getHost() == null || u.getHost().isEmpty()) return "bad URL '" + url + "': no host";
      if (u.getRawFragment() != null) return "bad URL '" + url + "': must not have a #fragment";
      if (u.getRawUserInfo() != null) return "bad URL: must not contain user:password (use keys)";
      return null;
    } catch (URISyntaxException e) {
      return "bad URL '" + url + "': " + e.getReason();
    }
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
