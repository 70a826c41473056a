package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.KeyConfig;
import dev.switchboard.config.RoutingSettings;
import dev.switchboard.error.FailureClass;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyPoolTest {
  private static final RoutingSettings SETTINGS = new RoutingSettings(4, Duration.ofSeconds(120),
      Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(1));

  /** A controllable clock; starts negative because System.nanoTime() may. */
  private final AtomicLong now = new AtomicLong(-5_000_000_000L);

  private KeyPool pool(KeyConfig... keys) { return new KeyPool(List.of(keys), SETTINGS, now::get); }

  private static KeyConfig key(String name, int weight) { return new KeyConfig(name, "sk-" + name, weight, true); }

  private void advance(Duration d) { now.addAndGet(d.toNanos()); }

  private static KeyState named(KeyPool p, String name) {
    return p.keys().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
  }

  private static String pickName(KeyPool p) { return p.pick(Set.of()).map(KeyState::name).orElse(null); }

  @Test
  void weighted_choice_follows_the_weights() {
    KeyPool p = pool(key("a", 3), key("b", 1));
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 4000; i++) counts.merge(pickName(p), 1, Integer::sum);
    // Expected 3000:1000; the binomial standard deviation is ~27, so ±150 is over 5 sigma.
    assertThat(counts.get("a")).isBetween(2850, 3150);
    assertThat(counts.get("b")).isBetween(850, 1150);
  }

  @Test
  void disabled_keys_are_never_picked() {
    KeyPool p = pool(key("a", 1), new KeyConfig("off", "sk-off", 100, false));
    for (int i = 0; i < 500; i++) assertThat(pickName(p)).isEqualTo("a");
    assertThat(named(p, "off").disabledReason()).isEqualTo("disabled in config");
  }

  @Test
  void a_fresh_pool_is_usable_even_when_the_clock_reads_negative() {
    assertThat(pickName(pool(key("a", 1), key("b", 1)))).isNotNull();
    assertThat(pickName(pool(key("solo", 1)))).isEqualTo("solo");
  }

  @Test
  void keyless_provider_gets_one_anonymous_key_with_an_empty_secret() {
    KeyPool p = new KeyPool(List.of(), SETTINGS, now::get);
    KeyState k = p.pick(Set.of()).orElseThrow();
    assertThat(k.name()).isEqualTo("none");
    assertThat(k.key().secret()).isEmpty();
  }

  @Test
  void rate_limit_honours_retry_after_exactly() {
    KeyPool p = pool(key("a", 1), key("b", 1));
    KeyState a = named(p, "a");
    p.onFailure(a, FailureClass.RATE_LIMIT, Duration.ofSeconds(20), "429 from upstream");
    assertThat(a.cooldownReason()).isEqualTo("429 from upstream");
    for (int i = 0; i < 200; i++) assertThat(pickName(p)).isEqualTo("b");

    advance(Duration.ofSeconds(20).minusNanos(1));
    assertThat(a.usableAt(now.get())).isFalse();
    advance(Duration.ofNanos(1));
    assertThat(a.usableAt(now.get())).isTrue();
  }

  @Test
  void retry_after_longer_than_the_maximum_is_capped() {
    KeyPool p = pool(key("a", 1));
    KeyState a = named(p, "a");
    p.onFailure(a, FailureClass.RATE_LIMIT, Duration.ofHours(5), "429");
    advance(Duration.ofMinutes(10));
    assertThat(a.usableAt(now.get())).isTrue();
  }

  @Test
  void default_cooldown_doubles_on_repeats_up_to_the_maximum_and_resets_on_success() {
    KeyPool p = pool(key("a", 1));
    KeyState a = named(p, "a");
    long[] expectedSeconds = {30, 60, 120, 240, 480, 600, 600};
    for (long s : expectedSeconds) {
      p.onFailure(a, FailureClass.RATE_LIMIT, null, "429");
      assertThat(a.cooldownUntilNanos() - now.get()).as("after a cooldown of %ss", s).isEqualTo(s * 1_000_000_000L);
      advance(Duration.ofSeconds(s));
      assertThat(a.usableAt(now.get())).isTrue();
    }
    p.onSuccess(a);
    p.onFailure(a, FailureClass.RATE_LIMIT, null, "429");
    assertThat(a.cooldownUntilNanos() - now.get()).isEqualTo(30_000_000_000L);
  }

  @Test
  void quota_failure_cools_the_key_down_for_the_quota_cooldown() {
    KeyPool p = pool(key("a", 1));
    KeyState a = named(p, "a");
    p.onFailure(a, FailureClass.QUOTA, Duration.ofSeconds(1), "insufficient_quota");
    assertThat(p.pick(Set.of())).isEmpty();
    assertThat(p.unavailableReason()).isEqualTo("no healthy key: all keys cooling down (next in 3600s)");
    assertThat(p.secondsUntilAvailable()).contains(3600L);
    advance(Duration.ofMinutes(59));
    assertThat(p.pick(Set.of())).isEmpty();
    advance(Duration.ofMinutes(1));
    assertThat(pickName(p)).isEqualTo("a");
  }

  @Test
  void a_shorter_cooldown_never_cuts_a_longer_one() {
    KeyPool p = pool(key("a", 1));
    KeyState a = named(p, "a");
    p.onFailure(a, FailureClass.QUOTA, null, "quota");
    p.onFailure(a, FailureClass.RATE_LIMIT, Duration.ofSeconds(1), "429");
    advance(Duration.ofSeconds(2));
    assertThat(a.usableAt(now.get())).isFalse();
  }

  @Test
  void credential_failure_disables_the_key_with_its_reason() {
    KeyPool p = pool(key("a", 1), key("b", 1));
    KeyState a = named(p, "a");
    p.onFailure(a, FailureClass.CREDENTIAL, null, "401 invalid_api_key");
    assertThat(a.enabled()).isFalse();
    assertThat(a.disabledReason()).isEqualTo("401 invalid_api_key");
    advance(Duration.ofDays(1));
    for (int i = 0; i < 100; i++) assertThat(pickName(p)).isEqualTo("b");
    p.onFailure(named(p, "b"), FailureClass.CREDENTIAL, null, "403");
    assertThat(p.pick(Set.of())).isEmpty();
    assertThat(p.unavailableReason()).isEqualTo("no healthy key: all keys disabled");
    assertThat(p.secondsUntilAvailable()).isEmpty();
  }

  @Test
  void caller_faults_and_transient_failures_leave_the_key_alone() {
    KeyPool p = pool(key("a", 1));
    KeyState a = named(p, "a");
    p.onFailure(a, FailureClass.CALLER_FAULT, null, "400");
    p.onFailure(a, FailureClass.TRANSIENT, null, "503");
    assertThat(a.enabled()).isTrue();
    assertThat(a.usableAt(now.get())).isTrue();
  }

  @Test
  void excluded_keys_are_skipped_and_excluding_all_gives_none() {
    KeyPool p = pool(key("a", 5), key("b", 1), key("c", 1));
    for (int i = 0; i < 300; i++) assertThat(p.pick(Set.of("a", "b")).orElseThrow().name()).isEqualTo("c");
    assertThat(p.pick(Set.of("a", "b", "c"))).isEmpty();
    assertThat(p.unavailableReason()).isEqualTo("no key left to try");
    assertThat(pool(key("solo", 1)).pick(Set.of("solo"))).isEmpty();
  }

  @Test
  void key_config_to_string_hides_the_secret() {
    assertThat(key("a", 1).toString()).doesNotContain("sk-a");
    assertThat(named(pool(key("a", 1)), "a").key().toString()).doesNotContain("sk-a");
  }

  @Test
  void replacing_the_stored_keys_keeps_every_other_keys_cooldown_disable_and_breaker() {
    KeyPool p = pool(key("cfg-a", 1), key("cfg-b", 1));
    p.useStored(List.of(key("db-1", 1)));
    KeyState a = named(p, "cfg-a");
    KeyState b = named(p, "cfg-b");
    KeyState db1 = named(p, "db-1");
    p.onFailure(a, FailureClass.RATE_LIMIT, Duration.ofSeconds(40), "429 from upstream");
    p.onFailure(b, FailureClass.CREDENTIAL, null, "401 invalid key");
    for (int i = 0; i < 5; i++) db1.health().failure(now.get(), 1_000_000); // opens the key's breaker (5 failures)
    assertThat(db1.health().allows(now.get())).isFalse();

    p.useStored(List.of(key("db-1", 1), key("db-2", 3)));

    assertThat(p.keys()).extracting(KeyState::name).containsExactly("cfg-a", "cfg-b", "db-1", "db-2");
    assertThat(named(p, "cfg-a")).isSameAs(a);
    assertThat(a.usableAt(now.get())).as("still cooling down").isFalse();
    assertThat(a.cooldownReason()).isEqualTo("429 from upstream");
    assertThat(named(p, "cfg-b").enabled()).isFalse();
    assertThat(named(p, "cfg-b").disabledReason()).isEqualTo("401 invalid key");
    assertThat(named(p, "db-1")).isSameAs(db1);
    assertThat(db1.health().allows(now.get())).as("breaker still open").isFalse();
    for (int i = 0; i < 200; i++) assertThat(pickName(p)).isEqualTo("db-2");

    p.useStored(List.of(key("db-2", 3)));
    assertThat(p.keys()).extracting(KeyState::name).containsExactly("cfg-a", "cfg-b", "db-2");
    assertThat(a.usableAt(now.get())).isFalse();
  }

  @Test
  void a_stored_key_joins_and_leaves_and_a_changed_secret_starts_fresh() {
    KeyPool p = pool(key("cfg", 1));
    p.onFailure(named(p, "cfg"), FailureClass.CREDENTIAL, null, "401");
    assertThat(p.pick(Set.of())).isEmpty();

    p.useStored(List.of(key("added", 1)));
    assertThat(pickName(p)).isEqualTo("added");
    p.onFailure(named(p, "added"), FailureClass.CREDENTIAL, null, "401");
    p.useStored(List.of(new KeyConfig("added", "sk-rotated", 1, true)));
    assertThat(pickName(p)).as("same name, new secret: a new key").isEqualTo("added");

    p.useStored(List.of());
    assertThat(p.keys()).extracting(KeyState::name).containsExactly("cfg");
    assertThat(p.pick(Set.of())).isEmpty();
    assertThat(p.unavailableReason()).isEqualTo("no healthy key: all keys disabled");
  }

  @Test
  void a_keyless_provider_uses_stored_keys_instead_of_the_anonymous_one_while_it_has_any() {
    KeyPool p = new KeyPool(List.of(), SETTINGS, now::get);
    assertThat(named(p, "none").key().secret()).isEmpty();
    p.useStored(List.of(key("stored", 1)));
    assertThat(p.keys()).extracting(KeyState::name).containsExactly("stored");
    p.useStored(List.of());
    assertThat(p.keys()).extracting(KeyState::name).containsExactly("none");
  }

  @Test
  void a_keys_from_store_pool_starts_empty_without_the_anonymous_key_and_follows_its_stored_keys() {
    KeyPool p = new KeyPool(List.of(), true, SETTINGS, now::get, dev.switchboard.config.SmartRouting.DEFAULTS,
        new DayClock(java.time.Clock.systemUTC(), java.time.ZoneOffset.UTC));
    assertThat(p.keys()).isEmpty();
    assertThat(p.pick(Set.of())).isEmpty();
    assertThat(p.anyRoutable(now.get())).isFalse();
    assertThat(p.unavailableReason()).isEqualTo("no key: add one with POST /admin/api/providers/keys");
    assertThat(p.unavailableReason(java.time.Instant.EPOCH)).isEqualTo(KeyPool.NO_STORED_KEY);
    assertThat(p.secondsUntilAvailable()).isEmpty();

    p.useStored(List.of(key("added", 1)));
    assertThat(pickName(p)).isEqualTo("added");
    assertThat(p.pick(Set.of()).orElseThrow().key().secret()).isEqualTo("sk-added");

    p.useStored(List.of());
    assertThat(p.keys()).as("back to empty, still no anonymous key").isEmpty();
    assertThat(p.unavailableReason(java.time.Instant.EPOCH)).isEqualTo(KeyPool.NO_STORED_KEY);
  }

  @Test
  void a_stored_key_named_like_a_config_key_is_left_out_and_an_operator_disabled_one_is_never_picked() {
    KeyPool p = pool(key("main", 1));
    List<String> clashes = p.useStored(List.of(new KeyConfig("main", "sk-other", 1, true),
        new KeyConfig("off", "sk-off", 100, false)));
    assertThat(clashes).containsExactly("main");
    assertThat(named(p, "main").key().secret()).isEqualTo("sk-main");
    assertThat(named(p, "off").disabledReason()).isEqualTo("disabled by an operator");
    for (int i = 0; i < 200; i++) assertThat(pickName(p)).isEqualTo("main");
  }
}
