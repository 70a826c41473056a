package dev.switchboard.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccountsCryptoTest {
  @Test
  void argon2id_hashes_verify_only_the_right_password_and_are_salted() {
    PasswordHasher h = new PasswordHasher(1024, 1);
    String a = h.hash("correct horse battery");
    assertThat(a).startsWith("$argon2id$v=19$m=1024,t=1,p=1$").doesNotContain("correct");
    assertThat(h.verify("correct horse battery", a)).isTrue();
    assertThat(h.verify("correct horse batterz", a)).isFalse();
    assertThat(h.hash("correct horse battery")).isNotEqualTo(a);
    assertThat(h.verify("x", "not-a-hash")).isFalse();
  }

  @Test
  void secret_box_round_trips_and_binds_the_row_it_belongs_to() {
    SecretBox box = new SecretBox(new byte[32]);
    String sealed = box.seal("sk-upstream-secret", "oai/k1");
    assertThat(sealed).doesNotContain("sk-upstream");
    assertThat(box.open(sealed, "oai/k1")).isEqualTo("sk-upstream-secret");
    assertThatThrownBy(() -> box.open(sealed, "oai/k2")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new SecretBox(new byte[16])).hasMessageContaining("accounts.master-key");
  }

  @Test
  void gateway_keys_are_high_entropy_and_prefixed() {
    String k = Tokens.newKey();
    assertThat(k).startsWith("sk-sb-").hasSize(6 + 43);
    assertThat(Tokens.sha256(k)).hasSize(64).isNotEqualTo(Tokens.sha256(Tokens.newKey()));
  }

  @Test
  void token_bucket_admits_the_rate_then_asks_to_wait() {
    GatewayKeys.Bucket b = new GatewayKeys.Bucket(2);
    long t0 = System.nanoTime();
    assertThat(b.acquire(2, t0)).isZero();
    assertThat(b.acquire(2, t0)).isZero();
    assertThat(b.acquire(2, t0)).isPositive();
    assertThat(b.acquire(2, t0 + Duration.ofSeconds(31).toNanos())).isZero();
  }
}
