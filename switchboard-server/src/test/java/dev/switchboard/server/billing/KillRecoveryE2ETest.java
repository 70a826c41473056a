package dev.switchboard.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.ChildGateway;
import dev.switchboard.store.money.Ledger;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.Tokens;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A real gateway process (GatewayMain in a child JVM) killed with SIGKILL in the middle of a load, then restarted
 * on the same journal: every request that got a 200 is billed, exactly once, and the ledger reconciles.
 */
class KillRecoveryE2ETest {

  @Test
  void every_answered_request_is_billed_exactly_once_after_a_sigkill_and_restart() throws Exception {
    PgTestDb.requireUrl();
    try (BillingHarness h = new BillingHarness(true).seed(new BigDecimal("100"))) {
      h.fake.defaultReply(Endpoint.OPENAI_CHAT, req -> Reply.json(OpenAiWire.chatCompletion("gpt-test", "ok",
          Tokens.of(11, 4))).withHeadersDelay(Duration.ofMillis(10)));
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Path config = h.config("killed", port, "");
      Path log = h.dir.resolve("gateway.log");
      String base = "http://127.0.0.1:" + port;
      ChildGateway firstChild = ChildGateway.launch(config, log, base);
      Process first = firstChild.process();
      Set<String> answered = ConcurrentHashMap.newKeySet();
      try {
        firstChild.awaitListening(Duration.ofSeconds(60));
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          workers.add(Thread.ofVirtual().start(() -> {
            while (!stop.get()) {
              try {
                BillingHarness.Result r = BillingHarness.chat(base, false).get(10, TimeUnit.SECONDS);
                if (r.status() == 200) answered.add(r.requestId());
              } catch (Exception e) {
                if (!first.isAlive()) return;
              }
            }
          }));
        }
        // Let the load run (3 s, and until 50 answers: a loaded machine's cold child is slow at first, up to 30 s),
        // then kill -9 while requests are in flight.
        long start = System.nanoTime();
        while (answered.size() < 3000) {
          long ran = System.nanoTime() - start;
          boolean enough = ran > Duration.ofSeconds(3).toNanos() && answered.size() >= 50;
          if (enough || ran > Duration.ofSeconds(30).toNanos()) break;
          Thread.sleep(20);
        }
        first.destroyForcibly();
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        stop.set(true);
        for (Thread t : workers) t.join(Duration.ofSeconds(15));
      } finally {
        first.destroyForcibly();
      }
      System.err.printf("[billing] SIGKILL after %d answered requests (exit %d)%n", answered.size(), first.exitValue());
      assertThat(first.exitValue()).isEqualTo(137);
      assertThat(answered).hasSizeGreaterThan(20);

      // Restart on the same journal: startup replays it into the database before serving.
      ChildGateway secondChild = ChildGateway.launch(config, log, base);
      Process second = secondChild.process();
      try {
        secondChild.awaitListening(Duration.ofSeconds(60));
      } finally {
        second.destroy(); // SIGTERM: graceful stop
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      Map<String, Integer> billed = h.usageEntries();
      List<String> missing = answered.stream().filter(id -> !billed.containsKey(id)).toList();
      assertThat(missing).as("answered but unbilled").isEmpty();
      assertThat(billed.values()).as("billed once each").allMatch(n -> n == 1);
      System.err.printf("[billing] after restart: %d answered, %d billed (the rest were journaled but cut before the"
          + " client read them)%n", answered.size(), billed.size());
      try (var db = h.openNoMigrate()) {
        Ledger ledger = new Ledger(db.dataSource(), Clock.systemUTC());
        assertThat(ledger.reconcile().mismatches()).isEmpty();
        assertThat(ledger.balance(h.tenantId)).isEqualByComparingTo(
            new BigDecimal("100").subtract(BillingHarness.COST.multiply(BigDecimal.valueOf(billed.size()))));
        assertThat(ledger.balances()).filteredOn(x -> x.tenantId() == h.tenantId).singleElement()
            .satisfies(x -> assertThat(x.leased()).isEqualByComparingTo("0"));
      }
    }
  }
}
