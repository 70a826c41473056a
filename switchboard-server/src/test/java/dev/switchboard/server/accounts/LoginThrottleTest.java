package dev.switchboard.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.DatabaseSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.accounts.LoginFailures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginThrottleTest {
  @TempDir Path dir;
  private Database db;
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final Clock clock = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now.get(); }
  };

  @BeforeEach
  void open() {
    db = Database.open(new DatabaseSettings("jdbc:h2:file:" + dir.resolve("t") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
        "sa", "", 4));
  }

  @AfterEach
  void close() { db.close(); }

  private LoginThrottle throttle() { return new LoginThrottle(3, Duration.ofSeconds(10), new LoginFailures(db.dataSource()), clock); }

  private void advance(Duration d) { now.set(now.get().plus(d)); }

  @Test
  void locks_an_email_after_the_allowance_and_doubles_the_lockout() {
    LoginThrottle t = throttle();
    for (int i = 0; i < 2; i++) t.failed("e", "ip1");
    assertThat(t.retryAfterSeconds("e", "ip1")).isZero();
    t.failed("e", "ip1");
    assertThat(t.retryAfterSeconds("e", "ip2")).isEqualTo(10);
    advance(Duration.ofSeconds(11));
    assertThat(t.retryAfterSeconds("e", "ip2")).isZero();
    t.failed("e", "ip1");
    assertThat(t.retryAfterSeconds("e", "ip3")).isEqualTo(20);
    t.succeeded("e");
    assertThat(t.retryAfterSeconds("e", "ip3")).isZero();
  }

  @Test
  void several_gateway_instances_share_one_allowance() {
    LoginThrottle a = throttle();
    LoginThrottle b = throttle();
    a.failed("victim@x", "ip-a");
    b.failed("victim@x", "ip-b");
    assertThat(a.retryAfterSeconds("victim@x", "ip-c")).isZero();
    b.failed("victim@x", "ip-c");
    // The third failure, on a different instance, locks the email on every instance.
    assertThat(a.retryAfterSeconds("victim@x", "ip-d")).isEqualTo(10);
    assertThat(b.retryAfterSeconds("victim@x", "ip-d")).isEqualTo(10);
  }

  @Test
  void an_address_gets_four_times_the_allowance_across_emails() {
    LoginThrottle t = throttle();
    for (int i = 0; i < 11; i++) t.failed("user" + i + "@x", "10.0.0.9");
    assertThat(t.retryAfterSeconds("fresh@x", "10.0.0.9")).isZero();
    t.failed("user11@x", "10.0.0.9");
    assertThat(t.retryAfterSeconds("fresh@x", "10.0.0.9")).isEqualTo(10);
    assertThat(t.retryAfterSeconds("fresh@x", "10.0.0.10")).isZero();
  }

  @Test
  void a_count_idle_for_32_lockouts_starts_over() {
    LoginThrottle t = throttle();
    t.failed("e", "ip");
    t.failed("e", "ip");
    advance(Duration.ofSeconds(321));
    t.failed("e", "ip");
    assertThat(t.retryAfterSeconds("e", "ip")).isZero();
  }
}
