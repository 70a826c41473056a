package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.store.RequestIds;
import dev.switchboard.store.RequestLogRepository;
import dev.switchboard.store.RequestRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
    RequestLogRepository repo = new RequestLogRepository(fx.gateway.database().dataSource());
    RequestRecord ok = await(repo, requestId);
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
    RequestRecord bad = await(repo, failedId);
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
    await(repo, recent);
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

  private static RequestRecord await(RequestLogRepository repo, String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<RequestRecord> r = repo.findByRequestId(id);
      if (r.isPresent()) return r.get();
      Thread.sleep(20);
    }
    throw new AssertionError("request " + id + " was not logged");
  }
}
