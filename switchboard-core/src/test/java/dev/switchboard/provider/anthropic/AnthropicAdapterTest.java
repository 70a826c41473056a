package dev.switchboard.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.error.FailureClass;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.Message;
import dev.switchboard.model.Role;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicAdapterTest {
  private final AnthropicAdapter adapter = new AnthropicAdapter();
  private final ApiKey key = new ApiKey("main", "sk-ant-api03-secret");

  private static ChatRequest hello() {
    return new ChatRequest("claude", List.of(Message.text(Role.USER, "Hello, Claude")), null, null, null, null, null,
        null, null, false, false, null, null, null);
  }

  @Test
  void is_the_anthropic_protocol_without_embeddings() {
    assertThat(adapter.protocol()).isEqualTo(Protocol.ANTHROPIC);
    assertThat(adapter.embeddings()).isEmpty();
  }

  @Test
  void prepares_a_messages_post_with_auth_version_and_configured_headers() throws Exception {
    UpstreamTarget target = new UpstreamTarget("https://api.anthropic.com/v1",
        Map.of("anthropic-beta", "prompt-caching-2024-07-31"), "claude-sonnet-4-5-20250929", 64000);
    UpstreamRequest r = adapter.chat().prepareChat(hello(), target, key);

    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.url()).isEqualTo("https://api.anthropic.com/v1/messages");
    assertThat(r.headers()).containsEntry("x-api-key", "sk-ant-api03-secret")
        .containsEntry("anthropic-version", "2023-06-01")
        .containsEntry("content-type", "application/json")
        .containsEntry("anthropic-beta", "prompt-caching-2024-07-31");
    var body = new ObjectMapper().readTree(r.body());
    assertThat(body.get("model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(body.get("max_tokens").asInt()).isEqualTo(64000);
    assertThat(r.toString()).doesNotContain("sk-ant");
  }

  @Test
  void configured_headers_cannot_replace_the_key() {
    UpstreamTarget target = new UpstreamTarget("https://api.anthropic.com/v1/", Map.of("x-api-key", "other"), "m", null);
    UpstreamRequest r = adapter.chat().prepareChat(hello(), target, key);
    assertThat(r.url()).isEqualTo("https://api.anthropic.com/v1/messages");
    assertThat(r.headers()).containsEntry("x-api-key", "sk-ant-api03-secret");
  }

  @Test
  void parses_and_classifies_errors_through_the_codec() {
    byte[] body = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"
        .getBytes(StandardCharsets.UTF_8);
    var error = adapter.chat().parseError(529, body);
    assertThat(error.type()).isEqualTo("overloaded_error");
    assertThat(adapter.chat().classify(error)).isEqualTo(FailureClass.TRANSIENT);
  }

  @Test
  void parses_a_response_and_decodes_a_stream_through_the_codec() {
    byte[] body = ("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
        + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}").getBytes(StandardCharsets.UTF_8);
    assertThat(adapter.chat().parseChat(hello(), body).usage().totalTokens()).isEqualTo(4);
    var decoder = adapter.chat().streamDecoder(hello());
    decoder.decode(new dev.switchboard.protocol.sse.SseEvent("message_stop", "{\"type\":\"message_stop\"}"), e -> { });
    assertThat(decoder.completed()).isTrue();
  }
}
