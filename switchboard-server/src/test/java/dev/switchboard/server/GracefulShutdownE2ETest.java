package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.DatabaseSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.RequestLogRepository;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A graceful shutdown lets in-flight requests finish and writes every request-log row before it returns. */
class GracefulShutdownE2ETest {

  @Test
  void in_flight_request_completes_and_its_log_row_is_written_during_shutdown() throws Exception {
    GatewayFixture fx = new GatewayFixture();
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(OpenAiWire.chatCompletion("gpt-test", "slow answer", Tokens.of(7, 3)))
        .withHeadersDelay(Duration.ofMillis(1500)));
    HttpClient http = HttpClient.newHttpClient();
    CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(
            URI.create(fx.baseUrl() + "/v1/chat/completions"))
        .header("authorization", "Bearer " + GatewayFixture.CLIENT_KEY).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\":\"oai/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    fx.fake.awaitRequests(1, Duration.ofSeconds(5));

    // Many quick requests just before shutdown: all of their rows must survive it.
    for (int i = 0; i < 200; i++) {
      assertThat(fx.get("/v1/models", GatewayFixture.CLIENT_KEY).statusCode()).isEqualTo(200);
      fx.post("/v1/chat/completions", "application/json", "{\"model\":\"missing\",\"messages\":[]}", GatewayFixture.CLIENT_KEY);
    }
    long t0 = System.nanoTime();
    fx.close();
    long shutdownMs = (System.nanoTime() - t0) / 1_000_000;

    HttpResponse<String> resp = inFlight.get(5, TimeUnit.SECONDS);
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.body()).contains("slow answer");
    String id = resp.headers().firstValue("x-request-id").orElseThrow();
    assertThat(shutdownMs).as("bounded by the 5 s grace").isLessThan(8000);

    String url = "jdbc:h2:file:" + fx.dir + "/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    try (Database db = Database.open(new DatabaseSettings(url, "sa", "", 2))) {
      RequestLogRepository repo = new RequestLogRepository(db.dataSource());
      assertThat(repo.findByRequestId(id)).hasValueSatisfying(r -> {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.outputTokens()).isEqualTo(3L);
      });
      assertThat(repo.count()).isEqualTo(201);
    }
  }
}
