package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.Tokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The wait for an upstream's response head is bounded by {@code upstream.first-byte-timeout} alone (as documented);
 * {@code idle-timeout} bounds silences inside a body. Both are set so that mixing them up shows.
 */
class UpstreamTimeoutsE2ETest {
  private static final String TIMEOUTS = "connect-timeout: PT2S, first-byte-timeout: PT4S, idle-timeout: PT1S";
  private static final String CHAT = "{\"model\":\"oai/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @Test
  void a_head_slower_than_the_idle_timeout_but_within_the_first_byte_timeout_is_waited_for() {
    try (GatewayFixture fx = new GatewayFixture("", "discovery: {enabled: false}", "", "", TIMEOUTS)) {
      fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(OpenAiWire.chatCompletion("gpt-test", "late but fine", Tokens.of(3, 3)))
          .withHeadersDelay(Duration.ofMillis(2_000)));
      long t0 = System.nanoTime();
      HttpResponse<String> resp = fx.post("/v1/chat/completions", "application/json", CHAT, GatewayFixture.CLIENT_KEY);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.body()).contains("late but fine");
      assertThat(ms).isGreaterThanOrEqualTo(2_000L);
      assertThat(fx.fake.requests()).as("the first attempt was not cut at the 1 s idle timeout").hasSize(1);
    }
  }

  @Test
  void a_head_slower_than_the_first_byte_timeout_ends_the_attempt_and_the_next_key_answers() {
    try (GatewayFixture fx = new GatewayFixture("", "discovery: {enabled: false}", "", "", TIMEOUTS)) {
      fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(OpenAiWire.chatCompletion("gpt-test", "too late", Tokens.of(3, 3)))
          .withHeadersDelay(Duration.ofMillis(8_000)));
      fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(OpenAiWire.chatCompletion("gpt-test", "second key", Tokens.of(3, 3))));
      long t0 = System.nanoTime();
      HttpResponse<String> resp = fx.post("/v1/chat/completions", "application/json", CHAT, GatewayFixture.CLIENT_KEY);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.body()).contains("second key");
      assertThat(ms).as("cut at the 4 s first-byte timeout").isBetween(3_500L, 7_500L);
      assertThat(fx.fake.requests()).hasSize(2);
    }
  }
}
