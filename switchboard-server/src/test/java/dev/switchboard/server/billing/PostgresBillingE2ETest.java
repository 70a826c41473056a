package dev.switchboard.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.server.Gateway;
import dev.switchboard.store.money.Ledger;
import dev.switchboard.testkit.AnthropicWire;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.Tokens;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Prepaid billing end to end on the real PostgreSQL server: concurrency against a balance, two instances sharing
 * the database, 402 in the client's protocol, streams metered. (The SIGKILL test is {@link KillRecoveryE2ETest}.)
 */
class PostgresBillingE2ETest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static void awaitWritten(Gateway... gateways) throws InterruptedException {
    for (Gateway g : gateways) assertThat(g.billing().awaitWritten(Duration.ofSeconds(20))).as("charges written").isTrue();
  }

  private static void slowUpstream(BillingHarness h) {
    // Every answer takes 50 ms, so the 200 requests really are in flight together.
    h.fake.defaultReply(Endpoint.OPENAI_CHAT, req -> Reply.json(OpenAiWire.chatCompletion("gpt-test", "ok",
        Tokens.of(11, 4))).withHeadersDelay(Duration.ofMillis(50)));
  }

  @Test
  void two_hundred_concurrent_requests_against_a_balance_for_one_hundred() throws Exception {
    PgTestDb.requireUrl();
    try (BillingHarness h = new BillingHarness(true).seed(new BigDecimal("0.001"))) {
      slowUpstream(h);
      List<BillingHarness.Result> results;
      Ledger ledger;
      try (Gateway gw = h.start("solo", "")) {
        results = BillingHarness.burst(200, List.of(gw.baseUrl()));
        awaitWritten(gw);
        ledger = gw.billing().ledger();
        long ok = results.stream().filter(r -> r.status() == 200).count();
        long refused = results.stream().filter(r -> r.status() == 402).count();
        System.err.printf("[billing] 200 concurrent vs balance for 100: %d served, %d refused (402)%n", ok, refused);
        // Reservations equal the actual cost here, so exactly the balance's worth is served and none overdraws.
        assertThat(ok).isEqualTo(100);
        assertThat(refused).isEqualTo(100);
        JsonNode err = JSON.readTree(results.stream().filter(r -> r.status() == 402).findFirst().orElseThrow().body());
        assertThat(err.at("/error/code").asText()).isEqualTo("insufficient_quota");
        assertThat(err.at("/error/type").asText()).isEqualTo("insufficient_quota");
        assertThat(ledger.balance(h.tenantId)).isEqualByComparingTo("0");
      }
      Map<String, Integer> billed = h.usageEntries();
      for (var r : results) {
        if (r.status() == 200) assertThat(billed.get(r.requestId())).as("billed once: " + r.requestId()).isEqualTo(1);
        else assertThat(billed).doesNotContainKey(r.requestId());
      }
      try (var db = h.openNoMigrate()) {
        ledger = new Ledger(db.dataSource(), Clock.systemUTC());
        assertThat(ledger.reconcile().mismatches()).isEmpty();
        assertThat(ledger.balances()).filteredOn(b -> b.tenantId() == h.tenantId).singleElement()
            .satisfies(b -> assertThat(b.leased()).as("leases returned at shutdown").isEqualByComparingTo("0"));
      }
    }
  }

  @Test
  void two_instances_sharing_the_database_never_overdraw_together() throws Exception {
    PgTestDb.requireUrl();
    try (BillingHarness h = new BillingHarness(true).seed(new BigDecimal("0.001"))) {
      slowUpstream(h);
      List<BillingHarness.Result> results;
      try (Gateway a = h.start("gw-a", ""); Gateway b = h.start("gw-b", "")) {
        results = BillingHarness.burst(200, List.of(a.baseUrl(), b.baseUrl()));
        awaitWritten(a, b);
        long ok = results.stream().filter(r -> r.status() == 200).count();
        BigDecimal balance = a.billing().ledger().balance(h.tenantId);
        System.err.printf("[billing] two instances, 200 concurrent vs balance for 100: %d served, balance left %s%n",
            ok, balance.toPlainString());
        // Never more than the balance; at most one chunk per instance (10 requests each) stranded in a lease.
        assertThat(ok).isBetween(80L, 100L);
        assertThat(balance).isEqualByComparingTo(new BigDecimal("0.001").subtract(BillingHarness.COST.multiply(BigDecimal.valueOf(ok))));
        assertThat(balance.signum()).isGreaterThanOrEqualTo(0);
        // A later request on either instance gets the stranded remainder once the other returns it, never more.
      }
      Map<String, Integer> billed = h.usageEntries();
      assertThat(billed.values()).allMatch(n -> n == 1);
      assertThat(billed).hasSize((int) results.stream().filter(r -> r.status() == 200).count());
      try (var db = h.openNoMigrate()) {
        Ledger ledger = new Ledger(db.dataSource(), Clock.systemUTC());
        assertThat(ledger.reconcile().mismatches()).isEmpty();
        assertThat(ledger.balances()).filteredOn(x -> x.tenantId() == h.tenantId).singleElement()
            .satisfies(x -> assertThat(x.leased()).isEqualByComparingTo("0"));
      }
    }
  }

  @Test
  void an_empty_balance_is_a_402_in_the_anthropic_clients_own_shape() throws Exception {
    PgTestDb.requireUrl();
    try (BillingHarness h = new BillingHarness(true).seed(BigDecimal.ZERO); Gateway gw = h.start("anth", "")) {
      HttpRequest req = HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/messages"))
          .header("x-api-key", BillingHarness.KEY).header("anthropic-version", "2023-06-01")
          .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              "{\"model\":\"pub-claude\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
          .build();
      HttpResponse<String> resp = BillingHarness.HTTP.send(req, HttpResponse.BodyHandlers.ofString());
      assertThat(resp.statusCode()).isEqualTo(402);
      JsonNode body = JSON.readTree(resp.body());
      assertThat(body.path("type").asText()).isEqualTo("error");
      assertThat(body.at("/error/type").asText()).isEqualTo("billing_error");
      assertThat(h.fake.requests()).as("nothing went upstream").isEmpty();
    }
  }

  @Test
  void a_stream_is_metered_from_its_final_usage_and_settles_the_reservation() throws Exception {
    PgTestDb.requireUrl();
    try (BillingHarness h = new BillingHarness(true).seed(new BigDecimal("1"))) {
      h.fake.enqueue(Endpoint.ANTHROPIC_MESSAGES, Reply.sse(AnthropicWire.streamText("claude-test", List.of("a", "b"),
          new Tokens(125, 40, 100, 20, 0))));
      try (Gateway gw = h.start("stream", "")) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
            .header("authorization", "Bearer " + BillingHarness.KEY).header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"pub-claude\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build();
        HttpResponse<String> resp = BillingHarness.HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(resp.body()).contains("[DONE]");
        awaitWritten(gw);
        // 40 output tokens x 2.5 per million; input is free in this catalog.
        assertThat(gw.billing().ledger().balance(h.tenantId)).isEqualByComparingTo("0.9999");
        String id = resp.headers().firstValue("x-request-id").orElseThrow();
        try (var db = h.openNoMigrate(); var c = db.dataSource().getConnection();
             var ps = c.prepareStatement("SELECT input_tokens, cached_tokens, cache_write_tokens, output_tokens, raw_usage"
                 + " FROM usage_records WHERE request_id = ?")) {
          ps.setString(1, id);
          try (var rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(125);
            assertThat(rs.getLong(2)).isEqualTo(100);
            assertThat(rs.getLong(3)).isEqualTo(20);
            assertThat(rs.getLong(4)).isEqualTo(40);
            assertThat(rs.getString(5)).contains("cache_read_input_tokens");
          }
        }
      }
    }
  }
}
