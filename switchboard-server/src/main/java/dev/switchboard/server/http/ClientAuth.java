package dev.switchboard.server.http;

import dev.switchboard.accounts.Principal;
import dev.switchboard.config.ClientKey;
import dev.switchboard.server.accounts.GatewayKeys;
import dev.switchboard.server.accounts.Tokens;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Gateway key check: O(1) lookup by the SHA-256 of the presented key, so secrets are not kept as map keys and
 * the comparison does not leak how much of a key matched. Keys starting {@code sk-sb-} are tenant keys, looked up
 * in {@link GatewayKeys}' in-memory index; others are config client keys (unscoped, no tenant).
 */
final class ClientAuth {
  private static final Principal ANONYMOUS = Principal.configKey("anonymous");
  private final Map<String, Principal> byDigest;
  private final GatewayKeys tenantKeys;

  ClientAuth(List<ClientKey> keys) { this(keys, null); }

  ClientAuth(List<ClientKey> keys, GatewayKeys tenantKeys) {
    // A HashMap whatever the number of keys: Map.copyOf-style maps change class with their size, and the JIT, having
    // compiled the lookup for the warm-up's three keys, deoptimized it for a config with one (docs/benchmarks.md).
    this.byDigest = keys.stream().collect(Collectors.toMap(k -> digest(k.secret()), k -> Principal.configKey(k.name()),
        (a, b) -> { throw new IllegalStateException("two client keys with the same secret"); }, HashMap::new));
    this.tenantKeys = tenantKeys;
  }

  boolean enabled() { return !byDigest.isEmpty(); }

  /** @return who the key belongs to; "anonymous" (unscoped) when no client keys are configured and none is sent */
  Principal authenticate(HttpServerRequest request) {
    String presented = presentedKey(request);
    if (tenantKeys != null && presented != null && presented.startsWith(Tokens.KEY_PREFIX)) {
      Principal p = tenantKeys.authenticate(presented);
      if (p != null && tenantKeys.suspended(p)) {
        throw new GatewayException(GatewayError.of(ErrorKey.PERMISSION_DENIED,
            "This API key's tenant is suspended; contact the operator"));
      }
      if (p != null) return p;
      throw new GatewayException(GatewayError.field(ErrorKey.INVALID_API_KEY, "Authorization",
          "Invalid API key: the key is unknown, expired, disabled or revoked"));
    }
    if (byDigest.isEmpty()) return ANONYMOUS;
    if (presented == null) {
      throw new GatewayException(GatewayError.field(ErrorKey.MISSING_API_KEY, "Authorization",
          "Missing API key: send 'Authorization: Bearer <key>' (or 'x-api-key: <key>')"));
    }
    Principal p = byDigest.get(digest(presented));
    if (p == null) {
      throw new GatewayException(GatewayError.field(ErrorKey.INVALID_API_KEY, "Authorization",
          "Invalid API key: the key presented is not a gateway key"));
    }
    return p;
  }

  private static String presentedKey(HttpServerRequest request) {
    String auth = request.getHeader("authorization");
    if (auth != null) {
      if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) return auth.substring(7).trim();
      return auth.trim();
    }
    String apiKey = request.getHeader("x-api-key");
    return apiKey == null ? null : apiKey.trim();
  }

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  static String digest(String secret) {
    return HexFormat.of().formatHex(SHA256.get().digest(secret.getBytes(StandardCharsets.UTF_8)));
  }
}
