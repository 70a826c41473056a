package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.testkit.AnthropicWire;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.ReceivedRequest;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key pools, retries, fallback and stream failure semantics, end to end against scripted fakes. */
class RoutingResilienceE2ETest {
  private static final ObjectMapper JSON = new ObjectMapper();
  GatewayFixture fx;

  @BeforeEach
  void start() { fx = new GatewayFixture(); }

  @AfterEach
  void stop() { fx.close(); }

  private static ChatCompletionCreateParams ask(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("hi").build();
  }

  /** The operator's view: key names, cooldowns and the reasons need a client key. */
  private JsonNode health() throws Exception {
    return JSON.readTree(fx.get("/api/health", GatewayFixture.CLIENT_KEY).body());
  }

  private static JsonNode key(JsonNode health, String provider, String key) {
    for (JsonNode p : health.path("providers")) {
      if (!p.path("name").asText().equals(provider)) continue;
      for (JsonNode k : p.path("keys")) if (k.path("name").asText().equals(key)) return k;
    }
    throw new AssertionError("no key " + provider + "/" + key);
  }

  private static String keyName(String secret) {
    return secret.equals(GatewayFixture.OAI_K1) ? "k1" : "k2";
  }

  @Test
  void rate_limited_key_cools_down_for_retry_after_and_the_retry_uses_the_other_key() throws Exception {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT,
        Reply.json(429, OpenAiWire.errorFor(429, "gpt-test")).withHeader("retry-after", "120"));
    var raw = fx.openAi().chat().completions().withRawResponse().create(ask("oai/gpt-test"));
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.headers().values("x-switchboard-attempts")).containsExactly("2");
    List<ReceivedRequest> got = fx.fake.requests();
    assertThat(got).hasSize(2);
    assertThat(got.get(0).apiKey()).isNotEqualTo(got.get(1).apiKey());
    JsonNode cooled = key(health(), "oai", keyName(got.get(0).apiKey()));
    assertThat(cooled.path("cooldown_seconds").asLong()).isBetween(100L, 120L);
    // While cooling, every request goes to the other key.
    fx.fake.reset();
    for (int i = 0; i < 5; i++) fx.openAi().chat().completions().create(ask("oai/gpt-test"));
    assertThat(fx.fake.requests()).extracting(ReceivedRequest::apiKey).containsOnly(got.get(1).apiKey());
  }

  @Test
  void rejected_key_is_disabled_with_the_reason_visible_and_never_used_again() throws Exception {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(401, OpenAiWire.errorFor(401, "gpt-test")));
    fx.openAi().chat().completions().create(ask("oai/gpt-test"));
    String bad = fx.fake.requests().get(0).apiKey();
    JsonNode k = key(health(), "oai", keyName(bad));
    assertThat(k.path("enabled").asBoolean()).isFalse();
    assertThat(k.path("disabled_reason").asText()).contains("401");
    fx.fake.reset();
    for (int i = 0; i < 5; i++) fx.openAi().chat().completions().create(ask("oai/gpt-test"));
    assertThat(fx.fake.requests()).extracting(ReceivedRequest::apiKey).doesNotContain(bad);
  }

  @Test
  void server_errors_on_every_key_fall_back_along_the_model_chain() {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(503, OpenAiWire.errorFor(503, "flaky")),
        Reply.json(500, OpenAiWire.errorFor(500, "flaky")));
    var raw = fx.openAi().chat().completions().withRawResponse().create(ask("oai/flaky"));
    assertThat(raw.headers().values("x-switchboard-provider")).containsExactly("anth");
    assertThat(raw.headers().values("x-switchboard-model")).containsExactly("anth/claude-test");
    assertThat(raw.headers().values("x-switchboard-attempts")).containsExactly("3");
    assertThat(raw.parse().choices().get(0).message().content()).contains("Hello from anthropic fake");
  }

  @Test
  void caller_fault_from_upstream_is_not_retried_and_keeps_its_status() {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(400, OpenAiWire.error("bad temperature", "invalid_request_error",
        "temperature", null)));
    assertThatThrownBy(() -> fx.openAi().chat().completions().create(ask("oai/gpt-test")))
        .isInstanceOf(com.openai.errors.BadRequestException.class).hasMessageContaining("bad temperature");
    assertThat(fx.fake.requests()).hasSize(1);
  }

  @Test
  void all_keys_rate_limited_gives_429_with_retry_after() {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT,
        Reply.json(429, OpenAiWire.errorFor(429, "gpt-test")).withHeader("retry-after", "30"),
        Reply.json(429, OpenAiWire.errorFor(429, "gpt-test")).withHeader("retry-after", "30"));
    var resp = fx.post("/v1/chat/completions", "application/json",
        "{\"model\":\"oai/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", GatewayFixture.CLIENT_KEY);
    assertThat(resp.statusCode()).isEqualTo(429);
    assertThat(resp.headers().firstValue("retry-after")).isPresent();
    assertThat(resp.body()).contains("rate_limit_error").contains("k1").contains("k2");
    // While every key cools down, nothing is sent upstream: 503 naming why, with Retry-After.
    var again = fx.post("/v1/chat/completions", "application/json",
        "{\"model\":\"oai/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", GatewayFixture.CLIENT_KEY);
    assertThat(again.statusCode()).isEqualTo(503);
    assertThat(again.headers().firstValue("retry-after")).isPresent();
    assertThat(again.body()).contains("cooldown until");
    assertThat(fx.fake.requests()).hasSize(2);
  }

  @Test
  void retry_after_of_a_request_whose_own_attempts_were_rate_limited_follows_the_upstream() {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT,
        Reply.json(429, OpenAiWire.errorFor(429, "gpt-test")).withHeader("retry-after", "120"),
        Reply.json(429, OpenAiWire.errorFor(429, "gpt-test")).withHeader("retry-after", "120"));
    var resp = fx.post("/v1/chat/completions", "application/json",
        "{\"model\":\"oai/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", GatewayFixture.CLIENT_KEY);
    assertThat(resp.statusCode()).isEqualTo(429);
    // Not the configured default cooldown (30 s here): a client retrying then would only meet cooling keys.
    assertThat(Long.parseLong(resp.headers().firstValue("retry-after").orElseThrow())).isBetween(100L, 120L);
  }

  @Test
  void an_error_body_that_stalls_is_bounded_by_the_idle_timeout_and_retried() {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(500, OpenAiWire.errorFor(500, "gpt-test")).stallAfter(0));
    long t0 = System.nanoTime();
    var raw = fx.openAi().chat().completions().withRawResponse().create(ask("oai/gpt-test"));
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.headers().values("x-switchboard-attempts")).containsExactly("2");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(12));
    assertThat(raw.parse().choices().get(0).message().content()).contains("Hello from openai fake");
  }

  @Test
  void a_2xx_body_holding_an_error_is_not_passed_off_as_an_empty_answer() throws Exception {
    // OpenRouter-style: status 200 with {"error":...} and no choices.
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(200, JSON.readTree(
        "{\"error\":{\"message\":\"Provider returned error\",\"code\":502}}")));
    var raw = fx.openAi().chat().completions().withRawResponse().create(ask("oai/gpt-test"));
    assertThat(raw.headers().values("x-switchboard-attempts")).containsExactly("2");
    assertThat(raw.parse().choices().get(0).message().content()).contains("Hello from openai fake");
  }

  @Test
  void model_not_found_at_one_provider_falls_back_along_the_chain() {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(404, OpenAiWire.errorFor(404, "flaky")));
    var raw = fx.openAi().chat().completions().withRawResponse().create(ask("oai/flaky"));
    assertThat(raw.headers().values("x-switchboard-provider")).containsExactly("anth");
    assertThat(raw.headers().values("x-switchboard-attempts")).containsExactly("2");
    assertThat(raw.parse().choices().get(0).message().content()).contains("Hello from anthropic fake");
  }

  @Test
  void model_not_found_everywhere_keeps_the_404() {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(404, OpenAiWire.errorFor(404, "gpt-test")));
    assertThatThrownBy(() -> fx.openAi().chat().completions().create(ask("oai/gpt-test")))
        .isInstanceOf(com.openai.errors.NotFoundException.class);
    assertThat(fx.fake.requests()).hasSize(1);
  }

  @Test
  void connect_errors_and_timeouts_are_retried_then_bounded() {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(OpenAiWire.chatCompletion("gpt-test", "late", Tokens.of(1, 1)))
        .withHeadersDelay(Duration.ofSeconds(10)));
    var raw = fx.openAi().chat().completions().withRawResponse().create(ask("oai/gpt-test"));
    assertThat(raw.headers().values("x-switchboard-attempts")).containsExactly("2");
    assertThat(raw.parse().choices().get(0).message().content()).contains("Hello from openai fake");
  }

  @Test
  void error_in_the_first_stream_event_still_falls_back() {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(List.of(OpenAiWire.event(OpenAiWire.error("overloaded", "server_error", null, null)))),
        Reply.sse(List.of(OpenAiWire.event(OpenAiWire.error("overloaded", "server_error", null, null)))));
    List<String> text = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> s = fx.openAi().chat().completions().createStreaming(ask("oai/flaky"))) {
      s.stream().forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::add)));
    }
    assertThat(String.join("", text)).contains("Hello from anthropic fake");
  }

  @Test
  void stream_cut_after_first_bytes_ends_with_an_error_event_and_is_not_retried() {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(OpenAiWire.streamText("gpt-test", List.of("Hel", "lo", " wor", "ld"),
        Tokens.of(5, 4))).cutAfter(3));
    List<String> text = new ArrayList<>();
    assertThatThrownBy(() -> {
      try (StreamResponse<ChatCompletionChunk> s = fx.openAi().chat().completions().createStreaming(ask("oai/gpt-test"))) {
        s.stream().forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::add)));
      }
    }).isInstanceOf(OpenAIException.class);
    assertThat(String.join("", text)).isEqualTo("Hello");
    assertThat(fx.fake.requests()).hasSize(1);
  }

  @Test
  void an_answer_that_finished_with_an_error_is_retried_not_passed_off_as_a_success() {
    var failed = OpenAiWire.chatCompletion("gpt-test", "", Tokens.of(5, 0));
    ((com.fasterxml.jackson.databind.node.ObjectNode) failed.path("choices").get(0)).put("finish_reason", "error");
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(failed));
    var raw = fx.openAi().chat().completions().withRawResponse().create(ask("oai/gpt-test"));
    assertThat(raw.headers().values("x-switchboard-attempts")).containsExactly("2");
    assertThat(raw.parse().choices().get(0).message().content()).contains("Hello from openai fake");
  }

  @Test
  void a_stream_whose_first_event_finishes_with_an_error_falls_back() {
    // Nothing reached the client yet (the stream commits at its first event): another attempt may answer.
    List<String> events = errorFinish(OpenAiWire.streamText("gpt-test", List.of(), null));
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(events.subList(1, events.size())));
    List<String> text = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> s = fx.openAi().chat().completions().createStreaming(ask("oai/gpt-test"))) {
      s.stream().forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::add)));
    }
    assertThat(String.join("", text)).contains("Hello from openai fake");
    assertThat(fx.fake.requests()).hasSize(2);
  }

  @Test
  void a_stream_that_finishes_with_an_error_after_content_ends_with_an_error_event() {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(errorFinish(OpenAiWire.streamText("gpt-test",
        List.of("Hel", "lo"), Tokens.of(5, 2)))));
    List<String> text = new ArrayList<>();
    assertThatThrownBy(() -> {
      try (StreamResponse<ChatCompletionChunk> s = fx.openAi().chat().completions().createStreaming(ask("oai/gpt-test"))) {
        s.stream().forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::add)));
      }
    }).isInstanceOf(OpenAIException.class).hasMessageContaining("stopped with an error");
    assertThat(String.join("", text)).isEqualTo("Hello");
    assertThat(fx.fake.requests()).hasSize(1);
  }

  /** The events with the finish chunk's reason turned to "error" (what some OpenAI-compatible servers send). */
  private static List<String> errorFinish(List<String> events) {
    return events.stream().map(e -> e.replace("\"finish_reason\":\"stop\"", "\"finish_reason\":\"error\"")).toList();
  }

  @Test
  void mid_stream_error_event_from_anthropic_is_forwarded_as_an_error_not_a_success() throws Exception {
    fx.fake.enqueue(Endpoint.ANTHROPIC_MESSAGES, Reply.sse(List.of(AnthropicWire.messageStart("claude-test", Tokens.of(3, 0)),
        AnthropicWire.event("content_block_start", JSON.readTree(
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")),
        AnthropicWire.textDelta(0, "partial"), AnthropicWire.errorEvent("overloaded_error", "Overloaded"))));
    var resp = fx.post("/v1/chat/completions", "application/json",
        "{\"model\":\"anth/claude-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        GatewayFixture.CLIENT_KEY);
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.body()).contains("partial").contains("\"error\"").contains("Overloaded").doesNotContain("[DONE]");
  }

  @Test
  void client_disconnect_cancels_the_upstream_call() throws Exception {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(OpenAiWire.streamText("gpt-test",
        List.of("a", "b", "c", "d", "e", "f", "g", "h"), Tokens.of(5, 8))).withEventDelay(Duration.ofMillis(500)));
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest req = HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/v1/chat/completions"))
        .header("authorization", "Bearer " + GatewayFixture.CLIENT_KEY).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\":\"oai/gpt-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build();
    CompletableFuture<HttpResponse<java.io.InputStream>> f = http.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<java.io.InputStream> resp = f.get(10, TimeUnit.SECONDS);
    resp.body().read(new byte[64]);
    resp.body().close();
    http.shutdownNow();
    assertThat(fx.fake.awaitCancelled(Duration.ofSeconds(5))).isEqualTo(1);
  }
}
