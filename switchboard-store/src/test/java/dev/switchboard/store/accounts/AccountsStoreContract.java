package dev.switchboard.store.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.accounts.ModelPrices;
import dev.switchboard.config.DatabaseSettings;
import dev.switchboard.config.PublicModelConfig;
import dev.switchboard.store.Database;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The accounts stores' behaviour, identical on H2 and PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccountsStoreContract {
  protected abstract DatabaseSettings newEmptyDatabase() throws Exception;

  protected abstract void dropDatabases() throws Exception;

  private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456Z");
  private Database db;
  private TenantStore tenants;
  private UserStore users;
  private KeyStore keys;
  private CatalogStore catalog;
  private SecretStore secrets;

  @BeforeAll
  void open() throws Exception {
    db = Database.open(newEmptyDatabase());
    tenants = new TenantStore(db.dataSource());
    users = new UserStore(db.dataSource());
    keys = new KeyStore(db.dataSource());
    catalog = new CatalogStore(db.dataSource());
    secrets = new SecretStore(db.dataSource());
  }

  @AfterAll
  void close() throws Exception {
    if (db != null) db.close();
    dropDatabases();
  }

  private static KeyStore.KeyFields fields(String name) {
    return new KeyStore.KeyFields(name, "selected", List.of("a", "b"), List.of("/v1/chat/completions"), "user",
        T0.plus(Duration.ofDays(30)), 60, new BigDecimal("12.50"));
  }

  @Test
  void login_failures_count_atomically_lock_and_start_over_when_idle() throws Exception {
    LoginFailures f = new LoginFailures(db.dataSource());
    String subject = "e:count-" + System.nanoTime();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var tasks = new java.util.ArrayList<java.util.concurrent.Callable<Integer>>();
      for (int i = 0; i < 20; i++) tasks.add(() -> f.fail(subject, T0, java.time.Duration.ofMinutes(5)));
      for (var fut : pool.invokeAll(tasks)) fut.get();
    } finally {
      pool.shutdown();
    }
    assertThat(f.find(subject).orElseThrow().failures()).isEqualTo(20);
    f.lock(subject, T0.plusSeconds(30));
    assertThat(f.find(subject).orElseThrow().lockedUntil()).isEqualTo(T0.plusSeconds(30));
    assertThat(f.fail(subject, T0.plusSeconds(301), java.time.Duration.ofMinutes(5))).isEqualTo(1);
    assertThat(f.find(subject).orElseThrow().lockedUntil()).isNull();
    assertThat(f.purge(T0.plusSeconds(302))).isGreaterThanOrEqualTo(1);
    assertThat(f.find(subject)).isEmpty();
  }

  @Test
  void tenants_users_and_sessions_round_trip_and_emails_are_unique() {
    long reseller = tenants.createReseller("Agent", T0);
    long t = tenants.create("Acme", reseller, T0);
    assertThat(tenants.find(t).orElseThrow().resellerId()).isEqualTo(reseller);
    assertThat(tenants.list(reseller)).extracting(TenantStore.Tenant::id).containsExactly(t);
    assertThat(tenants.update(t, "Acme 2", "suspended", null, new BigDecimal("0.75"))).isTrue();
    var updated = tenants.find(t).orElseThrow();
    assertThat(updated.priceMultiplier()).isEqualByComparingTo("0.75");
    assertThat(updated.status()).isEqualTo("suspended");

    long u = users.create("a@x.example", "$argon2id$hash", "owner", t, null, T0);
    assertThatThrownBy(() -> users.create("a@x.example", "h", "owner", t, null, T0)).isInstanceOf(DuplicateException.class);
    assertThat(users.byEmail("a@x.example").orElseThrow().id()).isEqualTo(u);
    users.createSession("hash1", u, "csrf", T0, T0.plusSeconds(60));
    assertThat(users.session("hash1", T0.plusSeconds(59))).isPresent();
    assertThat(users.session("hash1", T0.plusSeconds(61))).as("expired").isEmpty();
    users.changePassword(u, "$argon2id$new", T0);
    assertThat(users.session("hash1", T0)).as("password change ends sessions").isEmpty();
  }

  @Test
  void keys_are_found_by_hash_scoped_to_their_tenant_and_changes_raise_the_version() {
    long t1 = tenants.create("One", null, T0);
    long t2 = tenants.create("Two", null, T0);
    long id = keys.create(t1, "digest-1", "sk-sb-abcd", fields("k"), T0);
    var k = keys.byHash("digest-1").orElseThrow();
    assertThat(k.scopeModels()).containsExactly("a", "b");
    assertThat(k.spendLimit()).isEqualByComparingTo("12.5");
    assertThat(k.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MICROS));
    assertThat(keys.find(t2, id)).as("another tenant's id finds nothing").isEmpty();
    assertThat(keys.setStatus(t2, id, "revoked", T0)).isFalse();
    Instant later = T0.plusSeconds(5);
    assertThat(keys.setStatus(t1, id, "revoked", later)).isTrue();
    assertThat(keys.setStatus(t1, id, "active", later)).as("revoked stays revoked").isFalse();
    assertThat(keys.changedSince(KeyStore.micros(later))).extracting(KeyStore.Key::id).contains(id);
    assertThatThrownBy(() -> keys.create(t1, "digest-1", "p", fields("dup"), T0)).isInstanceOf(DuplicateException.class);
  }

  @Test
  void catalog_entries_keep_exact_prices_and_secrets_keep_ciphertext() {
    var prices = new ModelPrices(new BigDecimal("0.15"), new BigDecimal("0.6"), new BigDecimal("0.075"), null,
        new BigDecimal("0.001"), null, null);
    catalog.put(new PublicModelConfig("m1", "oai/gpt", "desc", prices), true, T0);
    catalog.put(new PublicModelConfig("m1", "pool/general", null, prices), false, T0.plusSeconds(1));
    var e = catalog.find("m1").orElseThrow();
    assertThat(e.model().route()).isEqualTo("pool/general");
    assertThat(e.enabled()).isFalse();
    assertThat(e.model().prices().cachedRead()).isEqualByComparingTo("0.075");
    assertThat(e.model().prices().cacheWrite()).isNull();
    assertThat(catalog.lastChange()).isEqualTo(T0.plusSeconds(1));
    long s = secrets.create("oai", "extra", "Y2lwaGVy", T0);
    assertThat(secrets.find(s).orElseThrow().ciphertext()).isEqualTo("Y2lwaGVy");
    assertThatThrownBy(() -> secrets.create("oai", "extra", "x", T0)).isInstanceOf(DuplicateException.class);
    var defaults = secrets.find(s).orElseThrow();
    assertThat(defaults.weight()).isEqualTo(1);
    assertThat(defaults.enabled()).isTrue();
    long w = secrets.create("oai", "heavy-off", "Y2lwaGVy", 5, false, T0);
    var heavy = secrets.find(w).orElseThrow();
    assertThat(heavy.weight()).isEqualTo(5);
    assertThat(heavy.enabled()).isFalse();
    assertThat(secrets.all()).extracting(SecretStore.Secret::name).containsExactly("extra", "heavy-off");
  }

  @Test
  void text_fields_with_sql_are_stored_literally() {
    String evil = "x'); DROP TABLE tenants; --";
    long t = tenants.create(evil, null, T0);
    assertThat(tenants.find(t).orElseThrow().name()).isEqualTo(evil);
    assertThat(users.byEmail("' OR '1'='1")).isEmpty();
    assertThat(tenants.list(null)).isNotEmpty();
  }
}
