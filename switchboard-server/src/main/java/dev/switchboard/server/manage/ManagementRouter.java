package dev.switchboard.server.manage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of the management APIs: {@code /portal/api/...} for tenants, {@code /admin/api/...} for operators.
 * Patterns are literal segments and {@code {name}} parameters; the first registered match wins. Lookup is a linear
 * scan over a few dozen routes, off the inference path.
 */
public final class ManagementRouter {
  /** A handler returns a JSON-serialisable object (200), a {@link Reply}, or null (204). */
  @FunctionalInterface
  public interface Handler {
    Object handle(ManagementRequest request) throws Exception;
  }

  record Route(String method, String pattern, String[] segments, Handler handler) {}

  record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();

  public ManagementRouter get(String pattern, Handler h) { return add("GET", pattern, h); }
  public ManagementRouter post(String pattern, Handler h) { return add("POST", pattern, h); }
  public ManagementRouter put(String pattern, Handler h) { return add("PUT", pattern, h); }
  public ManagementRouter patch(String pattern, Handler h) { return add("PATCH", pattern, h); }
  public ManagementRouter delete(String pattern, Handler h) { return add("DELETE", pattern, h); }

  private ManagementRouter add(String method, String pattern, Handler h) {
    if (!pattern.startsWith(ManagementHandler.PORTAL) && !pattern.startsWith(ManagementHandler.ADMIN)) {
      throw new IllegalArgumentException("management routes live under /portal/api or /admin/api: " + pattern);
    }
    routes.add(new Route(method, pattern, pattern.substring(1).split("/"), h));
    return this;
  }

  /** Every registered route as "METHOD pattern" (the OpenAPI coverage test compares this with the spec). */
  public List<String> describe() {
    return routes.stream().map(r -> r.method() + " " + r.pattern()).toList();
  }

  /** The matching route, or null; {@code allowed} collects the methods of routes whose pattern matches (for 405). */
  Match match(String method, String path, List<String> allowed) {
    String[] parts = path.substring(1).split("/", -1);
    for (Route r : routes) {
      Map<String, String> params = matchPattern(r.segments(), parts);
      if (params == null) continue;
      if (r.method().equals(method)) return new Match(r, params);
      allowed.add(r.method());
    }
    return null;
  }

  private static Map<String, String> matchPattern(String[] pattern, String[] parts) {
    if (pattern.length != parts.length) return null;
    Map<String, String> params = null;
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
      if (p.startsWith("{") && p.endsWith("}")) {
        if (parts[i].isEmpty()) return null;
        if (params == null) params = new HashMap<>(4);
        params.put(p.substring(1, p.length() - 1),
            java.net.URLDecoder.decode(parts[i], java.nio.charset.StandardCharsets.UTF_8));
      } else if (!p.equals(parts[i])) {
        return null;
      }
    }
    return params == null ? Map.of() : params;
  }
}
