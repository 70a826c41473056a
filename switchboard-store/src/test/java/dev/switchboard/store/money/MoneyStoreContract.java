package dev.switchboard.store.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.DatabaseSettings;
import dev.switchboard.store.Database;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The money store's behaviour, identical on H2 and PostgreSQL: ledger, charges, leases, orders, vouchers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MoneyStoreContract {
  protected abstract DatabaseSettings newEmptyDatabase() throws Exception;

  protected abstract void dropDatabases() throws Exception;

  private Database db;
  private Ledger ledger;
  private ChargeStore charges;
  private Leases leases;
  private RechargeOrders orders;
  private PaymentEvents payments;
  private Vouchers vouchers;
  private UsageReports reports;
  private final AtomicLong tenants = new AtomicLong(1000);

  @BeforeAll
  void open() throws Exception {
    db = Database.open(newEmptyDatabase());
    ledger = new Ledger(db.dataSource(), Clock.systemUTC());
    charges = new ChargeStore(db.dataSource());
    leases = new Leases(db.dataSource(), Clock.systemUTC());
    orders = new RechargeOrders(ledger, Duration.ofHours(1), "USD");
    payments = new PaymentEvents(orders, ledger);
    vouchers = new Vouchers(ledger);
    reports = new UsageReports(db.dataSource());
  }

  @AfterAll
  void close() throws Exception {
    if (db != null) db.close();
    dropDatabases();
  }

  @BeforeEach
  void reconciledBefore() {
    assertThat(ledger.reconcile().mismatches()).isEmpty();
  }

  private long tenant() { return tenants.incrementAndGet(); }

  private static BigDecimal bd(String s) { return new BigDecimal(s); }

  private static ChargeRecord charge(String id, long tenant, String cost, String instance) {
    return new ChargeRecord(id, tenant, 7L, "gpt-x", "/v1/chat/completions", 200, Instant.now(), 100, 60, 40, 0, 20, 5,
        bd(cost), "{\"prompt_tokens\":100}", instance);
  }

  private static <T> List<T> concurrently(int n, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 32));
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> fs = new ArrayList<>();
      for (int i = 0; i < n; i++) fs.add(pool.submit(() -> { go.await(); return task.call(); }));
      go.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : fs) {
        try {
          out.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          out.add(null);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void balance_is_the_sum_of_appended_entries_and_reconciles() {
    long t = tenant();
    ledger.post(t, LedgerKind.ADJUSTMENT, bd("10.5"), "welcome credit", "adj-1", "admin@x");
    ledger.post(t, LedgerKind.REFUND, bd("-0.25"), "refund reversal", "ref-1", "admin@x");
    assertThat(ledger.balance(t)).isEqualByComparingTo("10.25");
    List<LedgerEntry> entries = ledger.entries(t, null, null, 10);
    assertThat(entries).extracting(LedgerEntry::balanceAfter).map(BigDecimal::toPlainString)
        .containsExactly("10.2500000000", "10.5000000000");
    assertThat(ledger.reconcile().ok()).isTrue();
  }

  @Test
  void the_same_reference_is_never_booked_twice() {
    long t = tenant();
    ledger.post(t, LedgerKind.ADJUSTMENT, bd("1"), "x", "same", "a");
    assertThatThrownBy(() -> ledger.post(t, LedgerKind.ADJUSTMENT, bd("1"), "x", "same", "a"))
        .isInstanceOf(MoneyException.class).hasMessageContaining("already booked");
    assertThat(ledger.balance(t)).isEqualByComparingTo("1");
    assertThatThrownBy(() -> ledger.post(t, LedgerKind.USAGE, bd("-1"), "x", "u", "a"))
        .isInstanceOf(MoneyException.class);
  }

  @Test
  void a_tampered_balance_is_reported_by_reconciliation() throws Exception {
    long t = tenant();
    ledger.post(t, LedgerKind.ADJUSTMENT, bd("3"), "x", "r", "a");
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE tenant_balances SET balance = balance + 1 WHERE tenant_id = " + t);
      Ledger.Reconciliation r = ledger.reconcile();
      assertThat(r.ok()).isFalse();
      assertThat(r.mismatches()).anySatisfy(m -> assertThat(m).contains("tenant " + t));
      s.executeUpdate("UPDATE tenant_balances SET balance = balance - 1 WHERE tenant_id = " + t);
    }
  }

  @Test
  void charges_are_written_once_even_when_a_batch_is_replayed() {
    long t = tenant();
    ledger.post(t, LedgerKind.ADJUSTMENT, bd("1"), "x", "c" + t, "a");
    List<ChargeRecord> batch = List.of(charge("req-a" + t, t, "0.1", null), charge("req-b" + t, t, "0.0000000001", null),
        charge("req-a" + t, t, "0.1", null));
    assertThat(charges.write(batch)).isEqualTo(2);
    assertThat(charges.write(batch)).isZero();
    assertThat(ledger.balance(t)).isEqualByComparingTo("0.8999999999");
    assertThat(charges.billed("req-b" + t)).isTrue();
    assertThat(ledger.reconcile().ok()).isTrue();
  }

  @Test
  void charges_add_to_their_keys_running_spend_once_even_when_replayed() throws Exception {
    var tenantsStore = new dev.switchboard.store.accounts.TenantStore(db.dataSource());
    var keys = new dev.switchboard.store.accounts.KeyStore(db.dataSource());
    long t = tenantsStore.create("spend-" + System.nanoTime(), null, Instant.now());
    var fields = new dev.switchboard.store.accounts.KeyStore.KeyFields("k", "all", List.of(), List.of(), "user", null,
        null, bd("1"));
    long key = keys.create(t, "hash-" + System.nanoTime(), "sk-x", fields, Instant.now());
    ledger.post(t, LedgerKind.ADJUSTMENT, bd("5"), "x", "ks" + t, "a");
    List<ChargeRecord> batch = List.of(keyed("ks-a" + t, t, key, "0.25"), keyed("ks-b" + t, t, key, "0.0000000001"),
        keyed("ks-c" + t, t, null, "0.5"));
    charges.write(batch);
    charges.write(batch);
    assertThat(keys.spent(key)).isEqualByComparingTo("0.2500000001");
    assertThat(keys.spentOfLimitedKeys()).containsKey(key);
    assertThat(keys.spentOfLimitedKeys().get(key)).isEqualByComparingTo("0.2500000001");
  }

  private static ChargeRecord keyed(String id, long tenant, Long key, String cost) {
    return new ChargeRecord(id, tenant, key, "gpt-x", "/v1/chat/completions", 200, Instant.now(), 1, 1, 0, 0, 1, 0,
        bd(cost), null, null);
  }

  @Test
  void leases_never_hand_out_more_than_the_balance_across_instances() throws Exception {
    long t = tenant();
    ledger.post(t, LedgerKind.ADJUSTMENT, bd("10"), "x", "l" + t, "a");
    List<BigDecimal> grants = concurrently(40, () ->
        leases.acquire(Thread.currentThread().getId() % 2 == 0 ? "gw-a" : "gw-b", t, bd("1"), BigDecimal.ZERO));
    BigDecimal sum = grants.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(sum).isEqualByComparingTo("10");
    assertThat(leases.acquire("gw-c", t, bd("1"), BigDecimal.ZERO)).isEqualByComparingTo("0");
    // The configured overdraft lets reservations dip below zero by at most that much.
    assertThat(leases.acquire("gw-c", t, bd("5"), bd("0.5"))).isEqualByComparingTo("0.5");
    assertThat(ledger.reconcile().ok()).isTrue();
  }

  @Test
  void a_charge_consumes_the_paying_instance_lease_and_release_returns_the_rest() {
    long t = tenant();
    ledger.post(t, LedgerKind.ADJUSTMENT, bd("5"), "x", "k" + t, "a");
    assertThat(leases.acquire("gw-1", t, bd("2"), BigDecimal.ZERO)).isEqualByComparingTo("2");
    charges.write(List.of(charge("q1-" + t, t, "0.5", "gw-1")));
    assertThat(leases.held("gw-1", t)).isEqualByComparingTo("1.5");
    assertThat(leases.release("gw-1", t, bd("1"))).isEqualByComparingTo("1");
    leases.releaseAll("gw-1");
    assertThat(leases.held("gw-1", t)).isEqualByComparingTo("0");
    assertThat(ledger.balances()).anySatisfy(b -> {
      assertThat(b.tenantId()).isEqualTo(t);
      assertThat(b.balance()).isEqualByComparingTo("4.5");
      assertThat(b.leased()).isEqualByComparingTo("0");
    });
    assertThat(ledger.reconcile().ok()).isTrue();
  }

  @Test
  void an_order_is_credited_once_whoever_settles_it() throws Exception {
    long t = tenant();
    RechargeOrder o = orders.create(t, bd("25.00"));
    assertThat(o.status()).isEqualTo("pending");
    List<PaymentEvents.Outcome> outcomes = concurrently(8, () -> payments.paid("stripe", "evt_" + o.id(), o.id(), bd("25"), "pi_1"));
    assertThat(outcomes).extracting(PaymentEvents.Outcome::result).containsOnlyOnce("credited");
    // A different notification for the same paid order, and the operator marking it paid, credit nothing more.
    assertThat(payments.paid("stripe", "evt_other", o.id(), bd("25"), "pi_1").result()).startsWith("ignored");
    assertThatThrownBy(() -> orders.markPaid(o.id(), null, "manual", null, "admin")).isInstanceOf(MoneyException.class);
    assertThat(ledger.balance(t)).isEqualByComparingTo("25");
    assertThat(orders.get(o.id(), t).status()).isEqualTo("paid");
    assertThatThrownBy(() -> orders.get(o.id(), t + 1)).isInstanceOf(MoneyException.class);
  }

  @Test
  void orders_can_be_cancelled_or_expire_and_amounts_must_match() {
    long t = tenant();
    RechargeOrder a = orders.create(t, bd("5"));
    assertThat(orders.cancel(a.id(), t).status()).isEqualTo("cancelled");
    assertThatThrownBy(() -> orders.markPaid(a.id(), null, "manual", null, "admin")).isInstanceOf(MoneyException.class);
    RechargeOrder b = orders.create(t, bd("5"));
    assertThatThrownBy(() -> orders.markPaid(b.id(), bd("4"), "p", null, "x")).hasMessageContaining("amount");
    RechargeOrders quick = new RechargeOrders(ledger, Duration.ofMillis(-1), "USD");
    RechargeOrder c = quick.create(t, bd("1"));
    assertThat(orders.get(c.id(), t).status()).isEqualTo("expired");
    assertThat(orders.markPaid(b.id(), bd("5.0"), "manual", null, "admin").status()).isEqualTo("paid");
    assertThat(ledger.balance(t)).isEqualByComparingTo("5");
  }

  @Test
  void a_single_use_voucher_redeemed_concurrently_credits_exactly_once() throws Exception {
    Vouchers.Issued v = vouchers.issue(bd("3"), 1, Instant.now().plusSeconds(3600), "promo", "admin");
    List<Long> ts = new ArrayList<>();
    for (int i = 0; i < 10; i++) ts.add(tenant());
    AtomicLong next = new AtomicLong();
    List<LedgerEntry> results = concurrently(10, () -> {
      long t = ts.get((int) next.getAndIncrement());
      try {
        return vouchers.redeem(t, v.code().toLowerCase(), "user");
      } catch (MoneyException e) {
        return null;
      }
    });
    assertThat(results.stream().filter(java.util.Objects::nonNull)).hasSize(1);
    assertThat(vouchers.list(100)).filteredOn(x -> x.id() == v.voucher().id()).singleElement()
        .satisfies(x -> assertThat(x.uses()).isEqualTo(1));
    assertThat(ts.stream().map(ledger::balance).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("3");
  }

  @Test
  void a_multi_use_voucher_serves_n_tenants_once_each_and_then_stops() {
    Vouchers.Issued v = vouchers.issue(bd("1"), 2, null, null, "admin");
    long a = tenant(), b = tenant(), c = tenant();
    vouchers.redeem(a, v.code(), "u");
    assertThatThrownBy(() -> vouchers.redeem(a, v.code(), "u")).hasMessageContaining("already redeemed");
    vouchers.redeem(b, v.code().replace("-", ""), "u");
    assertThatThrownBy(() -> vouchers.redeem(c, v.code(), "u")).hasMessageContaining("used up");
    assertThatThrownBy(() -> vouchers.redeem(c, "NOPE-NOPE", "u")).isInstanceOf(MoneyException.class);
    Vouchers.Issued d = vouchers.issue(bd("1"), 5, null, null, "admin");
    vouchers.disable(d.voucher().id());
    assertThatThrownBy(() -> vouchers.redeem(c, d.code(), "u")).isInstanceOf(MoneyException.class);
    assertThat(v.toString()).doesNotContain(v.code());
  }

  @Test
  void usage_is_summarised_by_model_key_and_day_and_exported_as_csv() {
    long t = tenant();
    charges.write(List.of(charge("s1-" + t, t, "0.5", null), charge("s2-" + t, t, "0.25", null)));
    Instant from = Instant.now().minus(Duration.ofDays(1));
    Instant to = Instant.now().plus(Duration.ofDays(1));
    List<UsageReports.Row> byModel = reports.summary(TenantFilter.of(t), from, to, UsageReports.GroupBy.MODEL);
    assertThat(byModel).singleElement().satisfies(r -> {
      assertThat(r.group()).isEqualTo("gpt-x");
      assertThat(r.requests()).isEqualTo(2);
      assertThat(r.inputTokens()).isEqualTo(200);
      assertThat(r.cachedTokens()).isEqualTo(80);
      assertThat(r.cost()).isEqualByComparingTo("0.75");
    });
    assertThat(reports.summary(TenantFilter.of(t), from, to, UsageReports.GroupBy.KEY)).extracting(UsageReports.Row::group).containsExactly("7");
    assertThat(reports.summary(TenantFilter.of(t), from, to, UsageReports.GroupBy.DAY)).isNotEmpty();
    assertThat(reports.summary(TenantFilter.ALL, from, to, UsageReports.GroupBy.TENANT)).extracting(UsageReports.Row::group)
        .contains(String.valueOf(t));
    StringWriter csv = new StringWriter();
    reports.usageCsv(TenantFilter.of(t), from, to, csv);
    assertThat(csv.toString().split("\r\n")).hasSize(3);
    assertThat(csv.toString()).startsWith("time,request_id");
    StringWriter lcsv = new StringWriter();
    reports.ledgerCsv(TenantFilter.of(t), from, to, lcsv);
    assertThat(lcsv.toString()).contains(",usage,-0.5000000000,").contains("s1-" + t);
  }

  @Test
  void a_reseller_filter_covers_exactly_the_resellers_tenants() {
    var tenantStore = new dev.switchboard.store.accounts.TenantStore(db.dataSource());
    long reseller = tenantStore.createReseller("r-" + System.nanoTime(), Instant.now());
    long mine = tenantStore.create("mine-" + System.nanoTime(), reseller, Instant.now());
    long other = tenantStore.create("other-" + System.nanoTime(), null, Instant.now());
    for (long t : new long[] {mine, other}) {
      ledger.post(t, LedgerKind.ADJUSTMENT, bd("2"), "x", "rf" + t, "a");
      charges.write(List.of(charge("rf-" + t, t, "0.5", null)));
      orders.create(t, bd("3"));
    }
    TenantFilter f = TenantFilter.reseller(reseller);
    Instant from = Instant.now().minus(Duration.ofDays(1));
    Instant to = Instant.now().plus(Duration.ofDays(1));
    assertThat(reports.summary(f, from, to, UsageReports.GroupBy.TENANT)).extracting(UsageReports.Row::group)
        .containsExactly(String.valueOf(mine));
    assertThat(ledger.balances(f)).extracting(Ledger.Balance::tenantId).containsExactly(mine);
    assertThat(orders.list(f, null, 100)).extracting(RechargeOrder::tenantId).containsOnly(mine).isNotEmpty();
    StringWriter csv = new StringWriter();
    reports.ledgerCsv(f, from, to, csv);
    assertThat(csv.toString()).contains("rf" + mine).doesNotContain("rf" + other);
  }

  @Test
  void csv_cells_are_quoted_and_formulas_neutralised() {
    assertThat(UsageReports.cell("plain")).isEqualTo("plain");
    assertThat(UsageReports.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(UsageReports.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
  }

  @Test
  void sql_injection_in_text_fields_is_stored_as_text() {
    long t = tenant();
    String evil = "x'); DROP TABLE ledger_entries; --";
    ledger.post(t, LedgerKind.ADJUSTMENT, bd("1"), evil, evil, evil);
    assertThat(ledger.entries(t, null, null, 1)).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(evil));
    assertThatThrownBy(() -> vouchers.redeem(t, evil, "u")).isInstanceOf(MoneyException.class);
  }
}
