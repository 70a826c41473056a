package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.store.RequestRecord;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.Tokens;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An OpenAI-compatible upstream that reports no usage (a local server ignoring stream_options.include_usage) is
 * metered (request log, caps, billing) with an estimate rather than as a free request.
 */
class MissingUsageE2ETest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ASK = "{\"model\":\"oai/gpt-test\",%s\"messages\":[{\"role\":\"user\","
      + "\"content\":\"What is the capital of France? Answer in one word.\"}]}";
  GatewayFixture fx;

  @BeforeEach
  void start() { fx = new GatewayFixture(); }

  @AfterEach
  void stop() { fx.close(); }

  @Test
  void an_answer_without_usage_is_logged_with_estimated_tokens() throws Exception {
    ObjectNode answer = OpenAiWire.chatCompletion("gpt-test", "The capital of France is Paris.", Tokens.of(1, 1));
    answer.remove("usage");
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(answer));
    var resp = fx.post("/v1/chat/completions", "application/json", ASK.formatted(""), GatewayFixture.CLIENT_KEY);
    assertThat(resp.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(resp.body());
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("The capital of France is Paris.");
    RequestRecord row = fx.logged(resp.headers().firstValue("x-request-id").orElseThrow());
    assertThat(row.inputTokens()).isBetween(10L, 30L);
    assertThat(row.outputTokens()).isBetween(5L, 10L);
  }

  @Test
  void a_stream_without_usage_is_logged_with_estimated_tokens() throws Exception {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(OpenAiWire.streamText("gpt-test",
        List.of("The capital", " of France", " is Paris."), null)));
    var resp = fx.post("/v1/chat/completions", "application/json", ASK.formatted("\"stream\":true,"),
        GatewayFixture.CLIENT_KEY);
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.body()).contains("is Paris.").endsWith("data: [DONE]\n\n");
    RequestRecord row = fx.logged(resp.headers().firstValue("x-request-id").orElseThrow());
    assertThat(row.inputTokens()).isBetween(10L, 30L);
    assertThat(row.outputTokens()).as("30 ASCII characters relayed").isEqualTo(8L);
  }

  @Test
  void reported_usage_is_logged_as_reported() throws Exception {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(OpenAiWire.streamText("gpt-test", List.of("Paris"),
        Tokens.of(123, 45))));
    var resp = fx.post("/v1/chat/completions", "application/json", ASK.formatted("\"stream\":true,"),
        GatewayFixture.CLIENT_KEY);
    RequestRecord row = fx.logged(resp.headers().firstValue("x-request-id").orElseThrow());
    assertThat(row.inputTokens()).isEqualTo(123L);
    assertThat(row.outputTokens()).isEqualTo(45L);
  }

}
