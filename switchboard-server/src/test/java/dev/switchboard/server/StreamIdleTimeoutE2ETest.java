package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.Tokens;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stream that goes silent is cut by the per-stream idle timeout (upstream.idle-timeout, PT5S in the fixture), not
 * by a whole-request timeout: the client gets the events so far and then an error event, never a made-up [DONE].
 */
class StreamIdleTimeoutE2ETest {

  @Test
  void a_stalled_stream_ends_with_an_error_event_after_the_idle_timeout() {
    try (GatewayFixture fx = new GatewayFixture()) {
      fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(OpenAiWire.streamText("gpt-test", List.of("slow", " but", " steady"),
          Tokens.of(3, 3))).stallAfter(2));
      long t0 = System.nanoTime();
      HttpResponse<String> resp = fx.post("/v1/chat/completions", "application/json",
          "{\"model\":\"oai/gpt-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
          GatewayFixture.CLIENT_KEY);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.body()).contains("slow").contains("\"error\"").doesNotContain("[DONE]");
      assertThat(ms).as("cut by the 5 s idle timeout").isBetween(4_000L, 15_000L);
      assertThat(fx.fake.requests()).as("nothing is retried after the first byte").hasSize(1);
    }
  }
}
