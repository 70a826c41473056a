package dev.switchboard.provider;

import java.util.HashMap;
import java.util.Map;

/** Request headers of the Bearer-authenticated JSON wires: the target's extra headers, JSON, and the key. */
public final class BearerHeaders {
  private BearerHeaders() {}

  public static Map<String, String> json(UpstreamTarget target, ApiKey key) {
    Map<String, String> h = new HashMap<>(target.headers().size() + 3);
    h.putAll(target.headers());
    h.put("content-type", "application/json");
    h.put("accept", "application/json");
    // Keyless local deployments exist for every wire; an empty bearer would be refused by some.
    if (key != null && key.secret() != null && !key.secret().isEmpty()) h.put("authorization", "Bearer " + key.secret());
    return h;
  }
}
