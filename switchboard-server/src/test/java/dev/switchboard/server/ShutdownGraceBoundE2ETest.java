package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.DatabaseSettings;
import dev.switchboard.provider.Protocol;
import dev.switchboard.store.Database;
import dev.switchboard.store.RequestLogRepository;
import dev.switchboard.store.RequestRecord;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.Tokens;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code server.shutdown-grace} bounds a shutdown whatever the number of event loops: requests still running when it
 * ends are cut, told so and recorded as SHUTTING_DOWN (not as clients that left), and every row is written.
 */
class ShutdownGraceBoundE2ETest {
  private static final String KEY = "sk-client-test-0123456789";
  private static final String CHAT = "{\"model\":\"oai/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String STREAM =
      "{\"model\":\"oai/gpt-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  /** The grace (1 s) and a fixed margin: not a multiple of the event loops, nor the upstream's 20 s stall. */
  private static final long BOUND_MS = 3_000;

  Path dir;
  FakeUpstream fake;
  Gateway gateway;

  @BeforeEach
  void start() throws Exception {
    dir = Files.createTempDirectory("switchboard-grace");
    fake = new FakeUpstream().start();
    gateway = Gateway.start(ConfigLoader.parse("grace.yaml", """
        server: {host: 127.0.0.1, port: 0, event-loops: 4, shutdown-grace: PT1S}
        upstream: {first-byte-timeout: PT60S, idle-timeout: PT60S}
        database: {url: "jdbc:h2:file:%s/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"}
        request-log: {batch-size: 1000, flush-interval: PT60S}
        auto-providers: false
        client-keys: [{name: t, secret: %s}]
        routing: {discovery: {enabled: false}}
        providers:
          - {name: oai, protocol: openai, base-url: "%s", include-preset-models: false,
             keys: [{name: k1, secret: sk-upstream-0123456789-one}, {name: k2, secret: sk-upstream-0123456789-two}],
             models: [{id: gpt-test}]}
        """.formatted(dir, KEY, fake.baseUrl(Protocol.OPENAI)), Map.of()));
  }

  @AfterEach
  void stop() {
    gateway.close();
    fake.close();
  }

  @Test
  void requests_stuck_past_the_grace_answer_503_within_it_and_are_recorded_as_shutting_down() throws Exception {
    fake.defaultReply(Endpoint.OPENAI_CHAT, Reply.json(OpenAiWire.chatCompletion("gpt-test", "late", Tokens.of(1, 1)))
        .withHeadersDelay(Duration.ofSeconds(20)));
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    // One client per call: one connection each, spread over the 4 event-loop servers.
    for (int i = 0; i < 8; i++) calls.add(HttpClient.newHttpClient().sendAsync(post(CHAT), HttpResponse.BodyHandlers.ofString()));
    fake.awaitRequests(8, Duration.ofSeconds(10));

    long shutdownMs = timedClose();

    assertThat(shutdownMs).as("shutdown took %d ms with shutdown-grace PT1S", shutdownMs).isLessThan(BOUND_MS);
    List<String> ids = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      HttpResponse<String> resp = call.get(5, TimeUnit.SECONDS);
      assertThat(resp.statusCode()).isEqualTo(503);
      assertThat(resp.body()).contains("shutting down");
      ids.add(resp.headers().firstValue("x-request-id").orElseThrow());
    }
    assertThat(fake.requests()).as("no other key was tried once cut").hasSize(8);
    try (Database db = store()) {
      RequestLogRepository log = new RequestLogRepository(db.dataSource());
      assertThat(log.count()).isEqualTo(8);
      for (String id : ids) {
        RequestRecord row = log.findByRequestId(id).orElseThrow();
        assertThat(row.status()).isEqualTo(503);
        assertThat(row.errorKey()).isEqualTo("SHUTTING_DOWN");
      }
    }
  }

  @Test
  void a_stream_stuck_past_the_grace_ends_with_the_shutdown_error_and_is_recorded_as_shutting_down() throws Exception {
    // Everything but the final [DONE]: the usage is known, so the cut stream is not held up by estimating it.
    fake.defaultReply(Endpoint.OPENAI_CHAT, Reply.sse(OpenAiWire.streamText("gpt-test", List.of("a", "b", "c"),
        Tokens.of(12, 5))).stallAfter(6));
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<InputStream> resp = http.sendAsync(post(STREAM), HttpResponse.BodyHandlers.ofInputStream())
          .get(10, TimeUnit.SECONDS);
      assertThat(resp.statusCode()).isEqualTo(200);
      String id = resp.headers().firstValue("x-request-id").orElseThrow();
      // Read as it arrives, as a client does (the JDK client drops what is unread when the connection closes).
      CompletableFuture<String> streamed = CompletableFuture.supplyAsync(() -> {
        try (InputStream body = resp.body()) {
          return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });

      long shutdownMs = timedClose();

      assertThat(shutdownMs).as("shutdown took %d ms with shutdown-grace PT1S", shutdownMs).isLessThan(BOUND_MS);
      assertThat(streamed.get(5, TimeUnit.SECONDS)).contains("\"content\":\"c\"").contains("shutting down")
          .doesNotContain("[DONE]");
      try (Database db = store()) {
        RequestRecord row = new RequestLogRepository(db.dataSource()).findByRequestId(id).orElseThrow();
        assertThat(row.errorKey()).isEqualTo("SHUTTING_DOWN");
        assertThat(row.outputTokens()).isEqualTo(5L);
      }
    }
  }

  private long timedClose() {
    long t0 = System.nanoTime();
    gateway.close();
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private HttpRequest post(String body) {
    return HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
        .header("authorization", "Bearer " + KEY).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private Database store() {
    return Database.open(new DatabaseSettings(
        "jdbc:h2:file:" + dir + "/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2));
  }
}
