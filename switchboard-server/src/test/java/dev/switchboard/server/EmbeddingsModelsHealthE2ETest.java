package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.store.RequestIds;
import dev.switchboard.store.RequestLogRepository;
import dev.switchboard.store.RequestRecord;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.GeminiWire;
import dev.switchboard.testkit.ReceivedRequest;
import dev.switchboard.testkit.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Embeddings, the model list, health endpoints and the request log, end to end. */
class EmbeddingsModelsHealthE2ETest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static GatewayFixture fx;

  @BeforeAll
  static void start() { fx = new GatewayFixture(); }

  @AfterAll
  static void stop() { fx.close(); }

  @Test
  void embeddings_through_openai_and_gemini_upstreams() {
    for (String model : List.of("oai/embed-test", "gem/gemini-embed")) {
      CreateEmbeddingResponse r = fx.openAi().embeddings().create(EmbeddingCreateParams.builder().model(model)
          .inputOfArrayOfStrings(List.of("one", "two")).build());
      assertThat(r.data()).as(model).hasSize(2);
      assertThat(r.data().get(0).embedding()).as(model).isNotEmpty();
      assertThat(r.data().get(1).index()).isEqualTo(1);
    }
  }

  @Test
  void more_than_100_inputs_reach_gemini_in_batches_of_100_and_come_back_in_order() throws Exception {
    // batchEmbedContents: "at most 100 requests can be in one batch".
    int before = geminiEmbedCalls().size();
    fx.fake.enqueue(Endpoint.GEMINI_EMBED, Reply.json(embedReply(0, 100, 300)), Reply.json(embedReply(100, 1, 3)));
    HttpResponse<String> r = fx.post("/v1/embeddings", "application/json", embeddingsBody(101), GatewayFixture.CLIENT_KEY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

    List<ReceivedRequest> calls = geminiEmbedCalls().subList(before, geminiEmbedCalls().size());
    assertThat(calls).extracting(c -> c.bodyJson().path("requests").size()).containsExactly(100, 1);
    assertThat(calls.get(0).bodyJson().at("/requests/99/content/parts/0/text").asText()).isEqualTo("input 99");
    assertThat(calls.get(1).bodyJson().at("/requests/0/content/parts/0/text").asText()).isEqualTo("input 100");
    JsonNode body = JSON.readTree(r.body());
    JsonNode data = body.path("data");
    assertThat(data).hasSize(101);
    for (int k = 0; k < 101; k++) {
      JsonNode e = data.get(k);
      assertThat(e.path("index").asInt()).isEqualTo(k);
      // Vector k was (k, 1) before normalisation: the ratio of its components names the input it belongs to.
      assertThat(e.at("/embedding/0").asDouble() / e.at("/embedding/1").asDouble()).as("vector %d", k)
          .isCloseTo(k, within(1e-3));
    }
    assertThat(body.at("/usage/prompt_tokens").asInt()).as("both calls' tokens").isEqualTo(303);
  }

  @Test
  void gemini_embeddings_without_usage_are_logged_with_the_inputs_counted() throws Exception {
    // batchEmbedContents reports no usage: metered as zero the call would be free.
    fx.fake.enqueue(Endpoint.GEMINI_EMBED, Reply.json(GeminiWire.batchEmbedContents(
        List.of(new float[] {1, 0}, new float[] {0, 1}))));
    HttpResponse<String> r = fx.post("/v1/embeddings", "application/json",
        "{\"model\":\"gem/gemini-embed\",\"input\":[\"The quick brown fox\",\"jumps over the lazy dog\"]}",
        GatewayFixture.CLIENT_KEY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    RequestRecord row = fx.logged(r.headers().firstValue("x-request-id").orElseThrow());
    assertThat(row.inputTokens()).as("the two inputs in o200k tokens").isEqualTo(10L);
  }

  @Test
  void a_failed_batch_fails_the_whole_embeddings_request() throws Exception {
    int before = geminiEmbedCalls().size();
    fx.fake.enqueue(Endpoint.GEMINI_EMBED, Reply.json(embedReply(0, 100, 300)),
        Reply.json(400, GeminiWire.error(400, "Request contains an invalid argument.", "INVALID_ARGUMENT")));
    HttpResponse<String> r = fx.post("/v1/embeddings", "application/json", embeddingsBody(150), GatewayFixture.CLIENT_KEY);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).has("data")).isFalse();
    assertThat(geminiEmbedCalls()).hasSize(before + 2);
  }

  private static List<ReceivedRequest> geminiEmbedCalls() {
    return fx.fake.requests().stream().filter(q -> q.endpoint() == Endpoint.GEMINI_EMBED).toList();
  }

  private static String embeddingsBody(int inputs) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("model", "gem/gemini-embed");
    ArrayNode input = body.putArray("input");
    for (int i = 0; i < inputs; i++) input.add("input " + i);
    return JSON.writeValueAsString(body);
  }

  /** A batchEmbedContents answer whose vector i is (first + i, 1). */
  private static ObjectNode embedReply(int first, int count, int promptTokens) {
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < count; i++) vectors.add(new float[] {first + i, 1});
    ObjectNode reply = GeminiWire.batchEmbedContents(vectors);
    reply.putObject("usageMetadata").put("promptTokenCount", promptTokens);
    return reply;
  }

  @Test
  void models_list_has_qualified_ids_aliases_and_metadata() throws Exception {
    List<String> ids = StreamSupport.stream(fx.openAi().models().list().autoPager().spliterator(), false)
        .map(Model::id).toList();
    assertThat(ids).contains("oai/gpt-test", "anth/claude-test", "gem/gemini-test", "chatty", "shared-model");
    JsonNode list = JSON.readTree(fx.get("/v1/models", GatewayFixture.CLIENT_KEY).body());
    JsonNode gpt = null;
    for (JsonNode m : list.path("data")) if (m.path("id").asText().equals("oai/gpt-test")) gpt = m;
    assertThat(gpt).isNotNull();
    assertThat(gpt.path("context_window").asInt()).isEqualTo(128000);
    assertThat(gpt.path("capabilities").toString()).contains("tools").contains("vision");
    assertThat(gpt.path("pricing").path("input").decimalValue()).isEqualByComparingTo("0.15");
    Model one = fx.openAi().models().retrieve("oai/gpt-test");
    assertThat(one.ownedBy()).isEqualTo("oai");
  }

  @Test
  void health_endpoints_answer() throws Exception {
    assertThat(fx.get("/healthz", null).statusCode()).isEqualTo(200);
    assertThat(fx.get("/health/live", null).statusCode()).isEqualTo(200);
    var ready = fx.get("/health/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ready.body()).path("store").asText()).isEqualTo("up");
    JsonNode details = JSON.readTree(fx.get("/api/health", null).body());
    assertThat(details.path("providers")).hasSize(3);
    assertThat(details.toString()).doesNotContain(GatewayFixture.OAI_K1);
    assertThat(fx.get("/metrics", null).body()).contains("switchboard_requests");
  }

  @Test
  void every_request_is_recorded_in_the_request_log() throws Exception {
    var raw = fx.openAi().chat().completions().withRawResponse().create(ChatCompletionCreateParams.builder()
        .model("chatty").addUserMessage("log me").build());
    String requestId = raw.headers().values("x-request-id").get(0);
    var failed = fx.post("/v1/chat/completions", "application/json", "{\"model\":\"nope\",\"messages\":[]}",
        GatewayFixture.CLIENT_KEY);
    String failedId = failed.headers().firstValue("x-request-id").orElseThrow();
    RequestRecord ok = fx.logged(requestId);
    assertThat(ok.clientKey()).isEqualTo("tester");
    assertThat(ok.requestedModel()).isEqualTo("chatty");
    assertThat(ok.servedModel()).isEqualTo("gpt-test");
    assertThat(ok.provider()).isEqualTo("oai");
    assertThat(ok.upstreamKey()).isIn("k1", "k2");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.attempts()).isEqualTo(1);
    assertThat(ok.inputTokens()).isEqualTo(11L);
    assertThat(ok.outputTokens()).isEqualTo(4L);
    assertThat(ok.ttfbMicros()).isNotNull();
    assertThat(ok.latencyMicros()).isPositive();
    assertThat(ok.attemptsDetail()).contains("\"provider\":\"oai\"").doesNotContain(GatewayFixture.OAI_K1);
    // The row's time is the instant the id was made from: the log finds ids in their millisecond of its primary key.
    assertThat(ok.time().toEpochMilli()).isEqualTo(RequestIds.epochMilli(requestId).orElseThrow());
    RequestRecord bad = fx.logged(failedId);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorKey()).isEqualTo("INVALID_REQUEST");
    // The writer's state is on /metrics: both records stored, nothing pending once they are, nothing dropped.
    assertThat(fx.gateway.requestLog().awaitIdle(Duration.ofSeconds(5))).as("every accepted record stored").isTrue();
    String metrics = fx.get("/metrics", null).body();
    assertThat(metrics.lines()).contains("switchboard_request_log_pending 0.0");
    assertThat(metricValue(metrics, "switchboard_request_log_written_total")).isGreaterThanOrEqualTo(2);
    assertThat(metricValue(metrics, "switchboard_request_log_dropped_total")).isZero();
    assertThat(metricValue(metrics, "switchboard_request_log_write_failures_total")).isZero();
  }

  @Test
  void records_older_than_the_retention_are_deleted_and_counted() throws Exception {
    var raw = fx.openAi().chat().completions().withRawResponse().create(ChatCompletionCreateParams.builder()
        .model("chatty").addUserMessage("keep me").build());
    String recent = raw.headers().values("x-request-id").get(0);
    RequestLogRepository repo = new RequestLogRepository(fx.gateway.database().dataSource());
    fx.logged(recent);
    RequestRecord expired = new RequestRecord(java.time.Instant.now().minus(java.time.Duration.ofDays(31)),
        "expired-" + System.nanoTime(), "tester", "/v1/chat/completions", "chatty", "gpt-test", "oai", "k1", 1, 200,
        null, false, 1_000L, 500L, 1L, 1L, null, null, null);
    repo.insertBatch(java.util.List.of(expired));

    // request-log.retention: 30d in the fixture; the timer's first run is a minute away, so prune now.
    assertThat(fx.gateway.requestLogRetention().pruneNow()).isGreaterThanOrEqualTo(1);
    assertThat(repo.findByRequestId(expired.requestId())).isEmpty();
    assertThat(repo.findByRequestId(recent)).isPresent();
    assertThat(metricValue(fx.get("/metrics", null).body(), "switchboard_request_log_pruned_total"))
        .isGreaterThanOrEqualTo(1);
  }

  private static double metricValue(String metrics, String name) {
    return metrics.lines().filter(l -> l.startsWith(name + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(name.length() + 1)))
        .orElseThrow(() -> new AssertionError("no metric " + name));
  }

}
