package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.RequestRecord;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With {@code upstream.on-client-disconnect: drain}, a client that leaves mid-stream does not cancel the upstream:
 * the gateway reads the answer to its end so the partial request is metered, and logs it as 499.
 */
class ClientDisconnectDrainE2ETest {

  @Test
  void drain_mode_keeps_reading_after_disconnect_and_meters_the_stream() throws Exception {
    try (GatewayFixture fx = new GatewayFixture("", "discovery: {enabled: false}", ", on-client-disconnect: drain")) {
      fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(OpenAiWire.streamText("gpt-test",
          List.of("a", "b", "c", "d", "e"), Tokens.of(12, 5))).withEventDelay(Duration.ofMillis(150)));
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest req = HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/v1/chat/completions"))
          .header("authorization", "Bearer " + GatewayFixture.CLIENT_KEY).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"model\":\"oai/gpt-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build();
      HttpResponse<java.io.InputStream> resp = http.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream())
          .get(10, TimeUnit.SECONDS);
      String id = resp.headers().firstValue("x-request-id").orElseThrow();
      resp.body().read(new byte[32]);
      resp.body().close();
      http.shutdownNow();

      RequestRecord row = fx.logged(id);
      assertThat(row.status()).isEqualTo(499);
      assertThat(row.errorKey()).isEqualTo("CLIENT_CLOSED");
      assertThat(row.outputTokens()).as("usage from the drained stream").isEqualTo(5L);
      assertThat(row.inputTokens()).isEqualTo(12L);
      assertThat(fx.fake.cancelledCount()).isZero();
    }
  }

}
