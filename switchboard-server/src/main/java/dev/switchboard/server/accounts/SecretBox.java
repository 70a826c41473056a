package dev.switchboard.server.accounts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for provider secrets at rest, with the master key from {@code accounts.master-key} (env) or
 * {@code accounts.master-key-file}. Output: base64 of a 12-byte random nonce followed by ciphertext and tag; the
 * provider/name pair is bound as associated data, so a ciphertext moved to another row fails to decrypt.
 */
public final class SecretBox {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKeySpec key;

  SecretBox(byte[] key) {
    if (key.length != 32) throw new IllegalArgumentException("accounts.master-key must be 32 bytes (base64), got " + key.length);
    this.key = new SecretKeySpec(key, "AES");
  }

  /** Null when no master key is configured (admin provider secrets are then refused). */
  static SecretBox fromSettings(String base64, String file) {
    try {
      String text = base64 != null ? base64 : file != null ? Files.readString(Path.of(file)).strip() : null;
      return text == null ? null : new SecretBox(Base64.getDecoder().decode(text));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("accounts.master-key-file cannot be read: " + e.getClass().getSimpleName());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("accounts.master-key is not valid base64 of 32 bytes");
    }
  }

  public String seal(String plaintext, String associated) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      c.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + ct.length).put(nonce).put(ct).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  public String open(String sealed, String associated) {
    try {
      byte[] all = Base64.getDecoder().decode(sealed);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
      c.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
      return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot decrypt a provider secret (wrong master key or tampered data)");
    }
  }
}
