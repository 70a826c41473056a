package dev.switchboard.server.http;

import dev.switchboard.config.ClientKey;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Gateway key check: O(1) lookup by the SHA-256 of the presented key, so secrets are not kept as map keys and
 * the comparison does not leak how much of a key matched.
 */
final class ClientAuth {
  private final Map<String, String> nameByDigest;

  ClientAuth(List<ClientKey> keys) {
    this.nameByDigest = keys.stream().collect(Collectors.toUnmodifiableMap(k -> digest(k.secret()), ClientKey::name));
  }

  boolean enabled() { return !nameByDigest.isEmpty(); }

  /** @return the client key's name; "anonymous" when no client keys are configured */
  String authenticate(HttpServerRequest request) {
    if (nameByDigest.isEmpty()) return "anonymous";
    String presented = presentedKey(request);
    if (presented == null) {
      throw new GatewayException(GatewayError.field(ErrorKey.MISSING_API_KEY, "Authorization",
          "Missing API key: send 'Authorization: Bearer <key>' (or 'x-api-key: <key>')"));
    }
    String name = nameByDigest.get(digest(presented));
    if (name == null) {
      throw new GatewayException(GatewayError.field(ErrorKey.INVALID_API_KEY, "Authorization",
          "Invalid API key: the key presented is not a gateway key"));
    }
    return name;
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
