package dev.switchboard.server.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random secrets (session ids, CSRF tokens, gateway keys) and their SHA-256 digests. */
public final class Tokens {
  private Tokens() {}

  /** Gateway keys start with this, so the request path can tell them from config client keys. */
  public static final String KEY_PREFIX = "sk-sb-";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** 32 random bytes, base64url without padding (256 bits: a SHA-256 lookup is then safe, no slow hash needed). */
  public static String random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public static String newKey() { return KEY_PREFIX + random(); }

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  public static String sha256(String secret) {
    return HexFormat.of().formatHex(SHA256.get().digest(secret.getBytes(StandardCharsets.UTF_8)));
  }
}
