package dev.switchboard.server.billing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Payment notifications are signed like Stripe's: header {@code X-Switchboard-Signature: t=<unix seconds>,v1=<hex>}
 * where v1 = HMAC-SHA256(secret, t + "." + raw body). The timestamp bounds replays to {@code tolerance}; the event
 * id makes replays within it harmless (credited once). Comparison is constant-time.
 */
public final class WebhookSignature {
  public static final String HEADER = "x-switchboard-signature";

  private final byte[] secret;
  private final Duration tolerance;

  public WebhookSignature(String secret, Duration tolerance) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.tolerance = tolerance;
  }

  /** The header value for {@code body} at {@code time} (payment-provider side; tests). */
  public String sign(byte[] body, Instant time) {
    long t = time.getEpochSecond();
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(t, body));
  }

  /** Null when valid; else why not (never echoing the expected value). */
  public String verify(String header, byte[] body, Instant now) {
    if (header == null || header.isBlank()) return "missing " + HEADER + " header";
    Long t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      String p = part.strip();
      if (p.startsWith("t=")) {
        try {
          t = Long.parseLong(p.substring(2));
        } catch (NumberFormatException e) {
          return "malformed timestamp";
        }
      } else if (p.startsWith("v1=")) {
        v1 = p.substring(3);
      }
    }
    if (t == null || v1 == null) return "signature header needs t= and v1=";
    if (Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) return "timestamp outside the tolerance";
    byte[] presented;
    try {
      presented = HexFormat.of().parseHex(v1);
    } catch (IllegalArgumentException e) {
      return "malformed signature";
    }
    return MessageDigest.isEqual(presented, mac(t, body)) ? null : "signature does not match";
  }

  private byte[] mac(long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override public String toString() { return "WebhookSignature[secret=***]"; }
}
