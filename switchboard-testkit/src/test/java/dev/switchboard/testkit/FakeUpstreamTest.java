package dev.switchboard.testkit;

import static dev.switchboard.testkit.FakeHttp.data;
import static dev.switchboard.testkit.FakeHttp.open;
import static dev.switchboard.testkit.FakeHttp.post;
import static dev.switchboard.testkit.FakeHttp.readLines;
import static dev.switchboard.testkit.FakeHttp.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.provider.Protocol;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeUpstreamTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private FakeUpstream fake;

  @BeforeEach void start() { fake = new FakeUpstream().start(); }

  @AfterEach void stop() { fake.close(); }

  private String openAi(String path) { return fake.baseUrl(Protocol.OPENAI) + path; }

  private String gemini(String model, String method) {
    return fake.baseUrl(Protocol.GEMINI) + "/models/" + model + ":" + method;
  }

  private static JsonNode json(HttpResponse<String> response) { return Json.parse(response.body(), "response"); }

  @Test void base_urls_point_at_each_wire_on_loopback() {
    assertThat(fake.baseUrl()).isEqualTo("http://127.0.0.1:" + fake.port() + "/v1");
    assertThat(fake.baseUrl(Protocol.ANTHROPIC)).isEqualTo(fake.baseUrl());
    assertThat(fake.baseUrl(Protocol.GEMINI)).isEqualTo("http://127.0.0.1:" + fake.port() + "/v1beta");
  }

  @Test void a_second_fake_starts_fast() {
    long t0 = System.nanoTime();
    try (FakeUpstream other = new FakeUpstream().start()) {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(other.port()).isNotEqualTo(fake.port());
      assertThat(ms).as("startup ms").isLessThan(500);
    }
  }

  @Test void records_requests_in_arrival_order_with_case_insensitive_headers() {
    send(post(openAi("/chat/completions") + "?trace=a%20b", "{\"model\":\"m1\"}", "Authorization", "Bearer sk-1",
        "X-Custom", "v"));
    send(post(fake.baseUrl(Protocol.ANTHROPIC) + "/messages", "{\"model\":\"m2\"}", "x-api-key", "ak"));

    List<ReceivedRequest> requests = fake.awaitRequests(2, WAIT);
    assertThat(requests).extracting(ReceivedRequest::path).containsExactly("/v1/chat/completions", "/v1/messages");
    ReceivedRequest first = requests.getFirst();
    assertThat(first.method()).isEqualTo("POST");
    assertThat(first.query()).isEqualTo("trace=a%20b");
    assertThat(first.queryParam("trace")).isEqualTo("a b");
    assertThat(first.header("x-custom")).isEqualTo("v");
    assertThat(first.header("AUTHORIZATION")).isEqualTo("Bearer sk-1");
    assertThat(first.apiKey()).isEqualTo("sk-1");
    assertThat(first.bodyJson().get("model").asText()).isEqualTo("m1");
    assertThat(first.endpoint()).isEqualTo(Endpoint.OPENAI_CHAT);
    assertThat(first.toString()).doesNotContain("sk-1");
    assertThat(fake.lastRequest().model()).isEqualTo("m2");
    assertThat(fake.lastRequest().apiKey()).isEqualTo("ak");
  }

  @Test void await_requests_fails_clearly_on_timeout() {
    assertThatThrownBy(() -> fake.awaitRequests(1, Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("expected 1 requests, got 0");
  }

  @Test void enqueued_replies_are_used_in_order_then_conventions_take_over() {
    fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(OpenAiWire.chatCompletion("m", "first", Tokens.of(1, 1))),
        Reply.json(503, OpenAiWire.errorFor(503, "m")).withHeader("x-ratelimit-remaining-requests", "0"));

    HttpResponse<String> r1 = send(post(openAi("/chat/completions"), "{\"model\":\"m\"}"));
    HttpResponse<String> r2 = send(post(openAi("/chat/completions"), "{\"model\":\"m\"}"));
    HttpResponse<String> r3 = send(post(openAi("/chat/completions"), "{\"model\":\"m\"}"));

    assertThat(json(r1).at("/choices/0/message/content").asText()).isEqualTo("first");
    assertThat(r2.statusCode()).isEqualTo(503);
    assertThat(r2.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
    assertThat(json(r3).at("/choices/0/message/content").asText()).isEqualTo("Hello from openai fake");
  }

  @Test void endpoint_queue_comes_before_the_shared_queue() {
    fake.enqueue(Reply.json(AnthropicWire.message("m", "shared", Tokens.of(1, 1))));
    fake.enqueue(Endpoint.ANTHROPIC_MESSAGES, Reply.json(AnthropicWire.message("m", "own", Tokens.of(1, 1))));
    String url = fake.baseUrl(Protocol.ANTHROPIC) + "/messages";

    assertThat(json(send(post(url, "{}"))).at("/content/0/text").asText()).isEqualTo("own");
    assertThat(json(send(post(url, "{}"))).at("/content/0/text").asText()).isEqualTo("shared");
  }

  @Test void default_reply_replaces_the_conventions_and_may_read_the_request() {
    fake.defaultReply(Endpoint.GEMINI_GENERATE,
        req -> Reply.json(GeminiWire.generateContent(req.model(), "for " + req.model(), Tokens.of(2, 3))));

    JsonNode body = json(send(post(gemini("status-500", "generateContent"), "{}")));

    assertThat(body.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("for status-500");
  }

  @Test void normal_answers_echo_the_wire_with_default_usage() {
    JsonNode openai = json(send(post(openAi("/chat/completions"), "{\"model\":\"gpt-x\"}")));
    JsonNode anthropic = json(send(post(fake.baseUrl(Protocol.ANTHROPIC) + "/messages", "{\"model\":\"claude-x\"}")));
    JsonNode gemini = json(send(post(gemini("gemini-x", "generateContent"), "{}")));

    assertThat(openai.get("model").asText()).isEqualTo("gpt-x");
    assertThat(openai.at("/choices/0/message/content").asText()).isEqualTo("Hello from openai fake");
    assertThat(openai.at("/usage/prompt_tokens").asInt()).isEqualTo(FakeUpstream.DEFAULT_USAGE.input());
    assertThat(anthropic.at("/content/0/text").asText()).isEqualTo("Hello from anthropic fake");
    assertThat(anthropic.at("/usage/output_tokens").asInt()).isEqualTo(FakeUpstream.DEFAULT_USAGE.output());
    assertThat(gemini.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Hello from gemini fake");
    assertThat(gemini.get("modelVersion").asText()).isEqualTo("gemini-x");
  }

  @Test void embeddings_and_models_answer_per_input() {
    JsonNode openai = json(send(post(openAi("/embeddings"), "{\"model\":\"e\",\"input\":[\"a\",\"b\",\"c\"]}")));
    JsonNode gemini = json(send(post(gemini("e", "batchEmbedContents"),
        "{\"requests\":[{\"model\":\"models/e\",\"content\":{\"parts\":[{\"text\":\"a\"}]}},"
            + "{\"model\":\"models/e\",\"content\":{\"parts\":[{\"text\":\"b\"}]}}]}")));
    JsonNode models = json(send(HttpRequest.newBuilder(URI.create(openAi("/models"))).GET()));

    assertThat(openai.get("data")).hasSize(3);
    assertThat(openai.at("/data/2/index").asInt()).isEqualTo(2);
    assertThat(gemini.get("embeddings")).hasSize(2);
    assertThat(gemini.at("/embeddings/0/values")).isNotEmpty();
    assertThat(models.get("object").asText()).isEqualTo("list");
    assertThat(models.at("/data/0/object").asText()).isEqualTo("model");
  }

  @Test void slow_model_delays_the_first_byte() {
    long t0 = System.nanoTime();
    HttpResponse<String> response = send(post(openAi("/chat/completions"), "{\"model\":\"slow-300\"}"));
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ms).isGreaterThanOrEqualTo(280);
  }

  @Test void status_model_returns_that_status_with_each_wires_error_body() {
    HttpResponse<String> openai = send(post(openAi("/chat/completions"), "{\"model\":\"status-500\"}"));
    HttpResponse<String> anthropic = send(post(fake.baseUrl(Protocol.ANTHROPIC) + "/messages",
        "{\"model\":\"status-529\"}"));
    HttpResponse<String> gemini = send(post(gemini("status-503", "streamGenerateContent") + "?alt=sse", "{}"));

    assertThat(openai.statusCode()).isEqualTo(500);
    assertThat(json(openai).at("/error/type").asText()).isEqualTo("server_error");
    assertThat(json(openai).at("/error").has("param")).isTrue();
    assertThat(anthropic.statusCode()).isEqualTo(529);
    assertThat(json(anthropic).at("/error/type").asText()).isEqualTo("overloaded_error");
    assertThat(json(anthropic).get("type").asText()).isEqualTo("error");
    assertThat(gemini.statusCode()).isEqualTo(503);
    assertThat(json(gemini).at("/error/status").asText()).isEqualTo("UNAVAILABLE");
    assertThat(json(gemini).at("/error/code").asInt()).isEqualTo(503);
  }

  @Test void status_429_with_retry_after_adds_the_header() {
    HttpResponse<String> response = send(post(openAi("/chat/completions"), "{\"model\":\"status-429-retry-after-7\"}"));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).hasValue("7");
    assertThat(json(response).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
  }

  @Test void bad_key_model_gets_each_wires_auth_error() {
    HttpResponse<String> openai = send(post(openAi("/chat/completions"), "{\"model\":\"bad-key\"}"));
    HttpResponse<String> anthropic = send(post(fake.baseUrl(Protocol.ANTHROPIC) + "/messages", "{\"model\":\"bad-key\"}"));
    HttpResponse<String> gemini = send(post(gemini("bad-key", "generateContent"), "{}"));

    assertThat(openai.statusCode()).isEqualTo(401);
    assertThat(json(openai).at("/error/code").asText()).isEqualTo("invalid_api_key");
    assertThat(anthropic.statusCode()).isEqualTo(401);
    assertThat(json(anthropic).at("/error/type").asText()).isEqualTo("authentication_error");
    // Gemini really answers a wrong key with 400 INVALID_ARGUMENT / API_KEY_INVALID.
    assertThat(gemini.statusCode()).isEqualTo(400);
    assertThat(json(gemini).at("/error/details/0/reason").asText()).isEqualTo("API_KEY_INVALID");
  }

  @Test void valid_keys_reject_other_keys_where_each_wire_carries_them() {
    fake.validKeys("good");

    assertThat(send(post(openAi("/chat/completions"), "{}", "Authorization", "Bearer good")).statusCode()).isEqualTo(200);
    assertThat(send(post(openAi("/chat/completions"), "{}", "Authorization", "Bearer nope")).statusCode()).isEqualTo(401);
    assertThat(send(post(openAi("/chat/completions"), "{}")).statusCode()).isEqualTo(401);
    String messages = fake.baseUrl(Protocol.ANTHROPIC) + "/messages";
    assertThat(send(post(messages, "{}", "x-api-key", "good")).statusCode()).isEqualTo(200);
    HttpResponse<String> wrong = send(post(messages, "{}", "x-api-key", "nope"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(json(wrong).at("/error/type").asText()).isEqualTo("authentication_error");
    assertThat(send(post(gemini("g", "generateContent"), "{}", "x-goog-api-key", "good")).statusCode()).isEqualTo(200);
    assertThat(send(post(gemini("g", "generateContent") + "?key=good", "{}")).statusCode()).isEqualTo(200);
    assertThat(send(post(gemini("g", "generateContent") + "?key=nope", "{}")).statusCode()).isEqualTo(400);
  }

  @Test void openai_stream_has_role_content_finish_usage_and_done() {
    HttpResponse<InputStream> response = open(post(openAi("/chat/completions"),
        "{\"model\":\"gpt-x\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));
    List<String> data = data(readLines(response.body()).lines());

    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    assertThat(data).last().isEqualTo("[DONE]");
    assertThat(Json.parse(data.getFirst(), "first").at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    JsonNode usage = Json.parse(data.get(data.size() - 2), "usage chunk");
    assertThat(usage.get("choices")).isEmpty();
    assertThat(usage.at("/usage/total_tokens").asInt()).isEqualTo(FakeUpstream.DEFAULT_USAGE.total());
    String text = data.subList(1, data.size() - 3).stream()
        .map(d -> Json.parse(d, "chunk").at("/choices/0/delta/content").asText()).reduce("", String::concat);
    assertThat(text).isEqualTo("Hello from openai fake");
  }

  @Test void anthropic_stream_uses_named_events_in_order() {
    HttpResponse<InputStream> response = open(post(fake.baseUrl(Protocol.ANTHROPIC) + "/messages",
        "{\"model\":\"claude-x\",\"stream\":true}"));
    List<String> events = readLines(response.body()).lines().stream()
        .filter(l -> l.startsWith("event: ")).map(l -> l.substring(7)).toList();

    assertThat(events).startsWith("message_start", "content_block_start", "ping", "content_block_delta")
        .endsWith("content_block_delta", "content_block_stop", "message_delta", "message_stop");
  }

  @Test void gemini_stream_sends_response_chunks_without_done() {
    HttpResponse<InputStream> response = open(post(gemini("gemini-x", "streamGenerateContent") + "?alt=sse", "{}"));
    List<String> data = data(readLines(response.body()).lines());

    assertThat(data).hasSize(4).noneMatch(d -> d.equals("[DONE]"));
    assertThat(Json.parse(data.getLast(), "last").at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    assertThat(fake.lastRequest().queryParam("alt")).isEqualTo("sse");
  }

  @Test void gemini_stream_without_alt_sse_is_a_json_array_of_chunks() {
    JsonNode body = json(send(post(gemini("gemini-x", "streamGenerateContent"), "{}")));

    assertThat(body.isArray()).isTrue();
    assertThat(body).hasSize(4);
    assertThat(body.get(3).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
  }

  @Test void sse_events_arrive_as_separate_chunks() throws Exception {
    List<String> events = List.of("data: {\"n\":1}\n\n", "data: {\"n\":2}\n\n", "data: {\"n\":3}\n\n");
    fake.enqueue(Reply.sse(events).withEventDelay(Duration.ofMillis(80)));
    HttpResponse<InputStream> response = open(post(openAi("/chat/completions"), "{\"stream\":true}"));

    List<String> reads = new java.util.ArrayList<>();
    try (InputStream in = response.body()) {
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        reads.add(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    // Each read returns what arrived so far; with the delay, every event arrives on its own.
    assertThat(reads).containsExactlyElementsOf(events);
  }

  @Test void cut_after_closes_the_stream_without_a_proper_end() {
    FakeHttp.Collected body = FakeHttp.collect(post(openAi("/chat/completions"),
        "{\"model\":\"cut-after-2\",\"stream\":true}"));

    assertThat(body.error()).as("body ended with an I/O error").isInstanceOf(java.io.IOException.class);
    assertThat(data(body.text().lines().toList())).hasSize(2).doesNotContain("[DONE]");
    assertThat(fake.cancelledCount()).isZero();
  }

  @Test void cut_reply_on_a_json_body_sends_a_truncated_body() {
    fake.enqueue(Reply.json(OpenAiWire.chatCompletion("m", "x", Tokens.of(1, 1))).cutAfter(0));

    assertThatThrownBy(() -> FakeHttp.CLIENT.send(post(openAi("/chat/completions"), "{}").build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
  }

  @Test void client_abort_mid_stream_is_recorded_as_cancellation() throws Exception {
    fake.enqueue(Reply.sse(OpenAiWire.streamText("m", List.of("a", "b", "c"), null)).stallAfter(1));
    HttpResponse<InputStream> response = open(post(openAi("/chat/completions"), "{\"stream\":true}"));
    InputStream body = response.body();
    assertThat(body.read()).isEqualTo('d'); // first byte of "data: ..."

    body.close();

    assertThat(fake.awaitCancelled(WAIT)).isEqualTo(1);
  }

  @Test void client_giving_up_during_a_slow_first_byte_is_recorded_as_cancellation() {
    HttpRequest.Builder request = post(openAi("/chat/completions"), "{\"model\":\"slow-5000\"}")
        .timeout(Duration.ofMillis(200));

    assertThatThrownBy(() -> FakeHttp.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.net.http.HttpTimeoutException.class);
    assertThat(fake.awaitCancelled(WAIT)).isEqualTo(1);
  }

  @Test void stall_sends_headers_then_nothing() {
    HttpRequest.Builder request = post(openAi("/chat/completions"), "{\"model\":\"stall-after-1\",\"stream\":true}");
    HttpResponse<InputStream> response = open(request);

    assertThat(response.statusCode()).isEqualTo(200);
    java.util.concurrent.CompletableFuture<FakeHttp.Lines> reading =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> readLines(response.body()));
    assertThat(reading).failsWithin(Duration.ofMillis(300));
  }

  @Test void unknown_paths_and_malformed_bodies_get_wire_errors() {
    HttpResponse<String> unknown = send(post(openAi("/completions"), "{}"));
    HttpResponse<String> malformed = send(post(fake.baseUrl(Protocol.ANTHROPIC) + "/messages", "{not json"));

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json(malformed).at("/error/message").asText()).contains("body of POST /v1/messages");
    assertThat(fake.requests()).hasSize(2);
  }
}
