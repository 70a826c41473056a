package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.RequestRecord;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pools, "auto", explanations, /v1/routing/status, client-IP limits and discovery through the real gateway. */
class SmartRoutingE2ETest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String POOLS = """
      pools:
        - {name: claude-only, members: [anth/claude-test]}
        - {name: oai-only, strategy: priority, members: [oai/gpt-test]}
      """;
  private static final String TOOLS = """
      ,"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]""";

  private static HttpResponse<String> chat(GatewayFixture fx, String model, String extraJson, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(20)).header("content-type", "application/json")
        .header("authorization", "Bearer " + GatewayFixture.CLIENT_KEY)
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
            + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extraJson + "}"));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void auto_with_tools_is_served_by_a_tool_model_and_the_log_says_what_was_skipped() throws Exception {
    try (var fx = new GatewayFixture(POOLS)) {
      var resp = chat(fx, "auto", TOOLS);
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.headers().firstValue("x-switchboard-model")).contains("oai/gpt-test");
      assertThat(resp.headers().firstValue("x-switchboard-attempts")).contains("1");
      String id = resp.headers().firstValue("x-request-id").orElseThrow();
      RequestRecord logged = fx.logged(id);
      JsonNode detail = JSON.readTree(logged.routingDetail());
      assertThat(detail.path("pool").asText()).isEqualTo("general");
      assertThat(detail.path("candidates").get(0).asText()).isEqualTo("oai/gpt-test");
      assertThat(logged.routingDetail()).contains("{\"candidate\":\"oai/flaky\",\"reason\":\"no capability: tools\"}");
    }
  }

  @Test
  void the_x_pool_header_and_pool_model_names_select_a_pool_and_an_unknown_pool_is_a_400() throws Exception {
    try (var fx = new GatewayFixture(POOLS)) {
      var viaHeader = chat(fx, "auto", "", "x-pool", "claude-only");
      assertThat(viaHeader.statusCode()).isEqualTo(200);
      assertThat(viaHeader.headers().firstValue("x-switchboard-model")).contains("anth/claude-test");
      assertThat(chat(fx, "pool/claude-only", "").headers().firstValue("x-switchboard-provider")).contains("anth");

      var unknown = chat(fx, "auto", "", "x-pool", "nope");
      assertThat(unknown.statusCode()).isEqualTo(400);
      JsonNode error = JSON.readTree(unknown.body()).path("error");
      assertThat(error.path("param").asText()).isEqualTo("X-Pool");
      assertThat(error.path("message").asText()).contains("Unknown pool 'nope'").contains("claude-only")
          .contains("tool_calling");
    }
  }

  @Test
  void a_pinned_model_that_cannot_serve_gets_a_400_saying_why() throws Exception {
    try (var fx = new GatewayFixture()) {
      var resp = chat(fx, "oai/embed-test", TOOLS);
      assertThat(resp.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(resp.body()).path("error").path("message").asText())
          .contains("cannot serve this request").contains("no capability: tools");
      assertThat(fx.fake.requests()).isEmpty();
    }
  }

  @Test
  void when_every_capable_candidate_is_unusable_the_503_lists_each_and_why() throws Exception {
    try (var fx = new GatewayFixture(POOLS)) {
      fx.fake.enqueue(Endpoint.OPENAI_CHAT,
          Reply.json(429, OpenAiWire.errorFor(429, "gpt-test")).withHeader("retry-after", "120"),
          Reply.json(429, OpenAiWire.errorFor(429, "gpt-test")).withHeader("retry-after", "120"));
      assertThat(chat(fx, "auto", "", "x-pool", "oai-only").statusCode()).isEqualTo(429);
      var resp = chat(fx, "auto", "", "x-pool", "oai-only");
      assertThat(resp.statusCode()).isEqualTo(503);
      assertThat(resp.headers().firstValue("retry-after")).isPresent();
      JsonNode error = JSON.readTree(resp.body()).path("error");
      assertThat(error.path("type").asText()).isEqualTo("service_unavailable");
      assertThat(error.path("message").asText()).contains("oai/gpt-test: no healthy key: cooldown until");
      // The same reasons, structured: one entry per candidate.
      JsonNode candidates = error.path("candidates");
      assertThat(candidates.isArray()).isTrue();
      assertThat(candidates).anySatisfy(c -> {
        assertThat(c.path("candidate").asText()).isEqualTo("oai/gpt-test");
        assertThat(c.path("reason").asText()).contains("no healthy key: cooldown until");
      });
    }
  }

  @Test
  void routing_status_shows_health_per_provider_model_and_key_and_needs_a_key_unless_public() throws Exception {
    try (var fx = new GatewayFixture()) {
      assertThat(chat(fx, "oai/gpt-test", "").statusCode()).isEqualTo(200);
      assertThat(fx.get("/v1/routing/status", null).statusCode()).isEqualTo(401);
      JsonNode status = JSON.readTree(fx.get("/v1/routing/status", GatewayFixture.CLIENT_KEY).body());
      JsonNode oai = status.path("providers").get(0);
      assertThat(oai.path("name").asText()).isEqualTo("oai");
      assertThat(oai.path("breaker").asText()).isEqualTo("closed");
      assertThat(oai.path("samples").asLong()).isEqualTo(1);
      JsonNode model = oai.path("models").get(0);
      assertThat(model.path("id").asText()).isEqualTo("oai/gpt-test");
      assertThat(model.path("ttfb_ms").isNumber()).isTrue();
      assertThat(model.path("error_rate").asDouble()).isZero();
      assertThat(model.path("degraded").asBoolean()).isFalse();
      assertThat(oai.path("keys")).extracting(k -> k.path("name").asText()).containsExactly("k1", "k2");
      assertThat(status.path("pools").findValuesAsText("name")).contains("general", "tool_calling", "free");
      assertThat(fx.get("/v1/routing/status", GatewayFixture.CLIENT_KEY).body()).doesNotContain(GatewayFixture.OAI_K1);
    }
    try (var fx = new GatewayFixture("", "discovery: {enabled: false}, status: {public: true, hide-key-names: true}")) {
      var resp = fx.get("/v1/routing/status", null);
      assertThat(resp.statusCode()).isEqualTo(200);
      JsonNode keys = JSON.readTree(resp.body()).path("providers").get(0).path("keys");
      assertThat(keys).extracting(k -> k.path("name").asText()).containsExactly("key-1", "key-2");
    }
  }

  @Test
  void a_client_ip_over_its_bucket_gets_429_with_retry_after_in_the_openai_shape() throws Exception {
    try (var fx = new GatewayFixture("",
        "discovery: {enabled: false}, client-ip-limit: {authenticated: true, burst: 2, per-minute: 1}")) {
      assertThat(chat(fx, "oai/gpt-test", "").statusCode()).isEqualTo(200);
      assertThat(chat(fx, "oai/gpt-test", "").statusCode()).isEqualTo(200);
      var limited = chat(fx, "oai/gpt-test", "");
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("retry-after").map(Long::parseLong)).hasValueSatisfying(
          s -> assertThat(s).isBetween(1L, 60L));
      JsonNode error = JSON.readTree(limited.body()).path("error");
      assertThat(error.path("type").asText()).isEqualTo("rate_limit_error");
      assertThat(error.path("message").asText()).contains("Too many requests from this address");
      assertThat(fx.fake.requests()).hasSize(2);
      // The provider proxy shares the same per-address budget.
      var proxied = fx.get("/proxy/oai/models", GatewayFixture.CLIENT_KEY);
      assertThat(proxied.statusCode()).isEqualTo(429);
      assertThat(fx.fake.requests()).hasSize(2);
    }
  }

  @Test
  void discovered_models_appear_in_v1_models_marked_and_are_routable() throws Exception {
    try (var fx = new GatewayFixture("", "discovery: {enabled: true, timeout: PT2S}")) {
      JsonNode found = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (found == null && System.nanoTime() < deadline) {
        for (JsonNode m : JSON.readTree(fx.get("/v1/models", GatewayFixture.CLIENT_KEY).body()).path("data")) {
          if (m.path("id").asText().equals("oai/fake-model")) found = m;
        }
        if (found == null) Thread.sleep(20); // waits for the background discovery, not for routing time
      }
      assertThat(found).isNotNull();
      assertThat(found.path("discovered").asBoolean()).isTrue();
      assertThat(found.path("context_window").asInt()).isEqualTo(8192);
      assertThat(chat(fx, "oai/fake-model", "").statusCode()).isEqualTo(200);
    }
  }

}
