package dev.switchboard.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.Gateway;
import dev.switchboard.server.StreamCoalescingE2ETest;
import dev.switchboard.store.money.Ledger;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.Tokens;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The concurrency contract on the embedded H2 default (same migrations and code as PostgreSQL). */
class H2BillingE2ETest {
  @Test
  void two_hundred_concurrent_requests_against_a_balance_for_one_hundred_on_h2() throws Exception {
    try (BillingHarness h = new BillingHarness(false).seed(new BigDecimal("0.001"))) {
      h.fake.defaultReply(Endpoint.OPENAI_CHAT, req -> Reply.json(OpenAiWire.chatCompletion("gpt-test", "ok",
          Tokens.of(11, 4))).withHeadersDelay(Duration.ofMillis(50)));
      List<BillingHarness.Result> results;
      try (Gateway gw = h.start("h2", "")) {
        results = BillingHarness.burst(200, List.of(gw.baseUrl()));
        assertThat(gw.billing().awaitWritten(Duration.ofSeconds(20))).as("charges written").isTrue();
      }
      assertThat(results.stream().filter(r -> r.status() == 200).count()).isEqualTo(100);
      assertThat(results.stream().filter(r -> r.status() == 402).count()).isEqualTo(100);
      Map<String, Integer> billed = h.usageEntries();
      assertThat(billed).hasSize(100);
      assertThat(billed.values()).allMatch(n -> n == 1);
      for (var r : results) if (r.status() == 200) assertThat(billed).containsKey(r.requestId());
      try (var db = h.openNoMigrate()) {
        Ledger ledger = new Ledger(db.dataSource(), Clock.systemUTC());
        assertThat(ledger.balance(h.tenantId)).isEqualByComparingTo("0");
        assertThat(ledger.reconcile().mismatches()).isEmpty();
      }
    }
  }

  @Test
  void a_keys_spend_limit_stops_it_at_the_limit_under_concurrency_while_the_balance_lasts() throws Exception {
    // Balance for 100 requests; the key may spend what 20 cost.
    try (BillingHarness h = new BillingHarness(false).seed(new BigDecimal("0.001"))
        .keySpendLimit(new BigDecimal("0.0002"))) {
      h.fake.defaultReply(Endpoint.OPENAI_CHAT, req -> Reply.json(OpenAiWire.chatCompletion("gpt-test", "ok",
          Tokens.of(11, 4))).withHeadersDelay(Duration.ofMillis(50)));
      List<BillingHarness.Result> results;
      List<BillingHarness.Result> later;
      try (Gateway gw = h.start("h2", "")) {
        results = BillingHarness.burst(50, List.of(gw.baseUrl()));
        assertThat(gw.billing().awaitWritten(Duration.ofSeconds(20))).as("charges written").isTrue();
        later = BillingHarness.burst(3, List.of(gw.baseUrl()));
      }
      assertThat(results.stream().filter(r -> r.status() == 200).count()).isEqualTo(20);
      var refused = results.stream().filter(r -> r.status() == 402).toList();
      assertThat(refused).hasSize(30);
      assertThat(refused.getFirst().body()).contains("insufficient_quota").contains("spend limit of 0.0002");
      assertThat(later).allMatch(r -> r.status() == 402);
      try (var db = h.openNoMigrate()) {
        var keys = new dev.switchboard.store.accounts.KeyStore(db.dataSource());
        assertThat(keys.spent(h.keyId)).isEqualByComparingTo("0.0002");
        Ledger ledger = new Ledger(db.dataSource(), Clock.systemUTC());
        assertThat(ledger.balance(h.tenantId)).as("the tenant keeps the rest").isEqualByComparingTo("0.0008");
        assertThat(ledger.reconcile().mismatches()).isEmpty();
      }
    }
  }

  @Test
  void a_prepaid_streams_last_events_leave_before_its_charge_is_durable_and_only_the_end_waits() throws Exception {
    try (BillingHarness h = new BillingHarness(false).seed(new BigDecimal("1"))) {
      // The whole upstream stream, end included, in one body write: the gateway reads its last events and its end
      // together, while the charge's journal write is still going on.
      String burst = String.join("", OpenAiWire.streamText("gpt-test", List.of("one", " two", " three"), Tokens.of(5, 3)));
      try (Gateway gw = h.start("split", "")) {
        // The journal thread may, rarely, make the charge durable before the event loop looks (a preempted event loop
        // on a busy machine): then nothing is left to wait for and the end rightly goes out with the last events. So
        // a few tries; without the split no try ever sends the end alone.
        List<List<String>> tries = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
          h.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.text(200, "text/event-stream", burst));
          List<String> chunks = StreamCoalescingE2ETest.chunksOf(gw.port(), BillingHarness.KEY,
              "{\"model\":\"pub-chat\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
          assertThat(String.join("", chunks)).contains("\"content\":\" three\"").endsWith("data: [DONE]\n\n");
          tries.add(chunks);
          if (chunks.getLast().equals("data: [DONE]\n\n")) break;
        }
        List<String> chunks = tries.getLast();
        assertThat(chunks.getLast()).as("the end marker alone in one of 5 tries: " + tries).isEqualTo("data: [DONE]\n\n");
        assertThat(chunks.get(chunks.size() - 2)).contains("\"finish_reason\":\"stop\"");
      }
    }
  }
}
