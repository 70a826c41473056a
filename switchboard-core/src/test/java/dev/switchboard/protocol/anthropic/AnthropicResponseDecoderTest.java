package dev.switchboard.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.Message;
import dev.switchboard.model.ResponseFormat;
import dev.switchboard.model.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicResponseDecoderTest {
  static final ChatRequest PLAIN = AnthropicRequestEncoderTest.simple(List.of(Message.text(Role.USER, "hi")));

  static ChatRequest jsonSchemaRequest() {
    return AnthropicRequestEncoderTest.request(List.of(Message.text(Role.USER, "weather")), null, null, null,
        new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "weather",
            Golden.json("json_schema.request.json").at("/tools/0/input_schema"), true), null, null);
  }

  private static ChatResponse decode(ChatRequest request, String golden) {
    return AnthropicCodec.decodeResponse(request, Golden.bytes(golden));
  }

  @Test
  void simple_text_response_maps_to_canonical() {
    ChatResponse r = decode(PLAIN, "simple_text.response.json");
    assertThat(r.id()).isEqualTo("msg_013Zva2CMHLNnXjNJJKqJ2EF");
    assertThat(r.model()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(r.content()).containsExactly(new ContentBlock.Text("Hi! My name is Claude."));
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.stopSequence()).isNull();
    assertThat(r.usage().inputTokens()).isEqualTo(2095);
    assertThat(r.usage().outputTokens()).isEqualTo(503);
    assertThat(r.usage().cachedInputTokens()).isNull();
    assertThat(r.usage().raw()).isEqualTo(Golden.json("simple_text.response.json").get("usage"));
  }

  @Test
  void tool_use_blocks_become_tool_calls_with_compact_json_arguments() {
    ChatResponse r = decode(PLAIN, "tool_use.response.json");
    assertThat(r.content()).containsExactly(
        new ContentBlock.Text("I'll check the weather in both cities for you."),
        new ContentBlock.ToolUse("toolu_01A09q90qw90lq917835lq9", "get_weather", "{\"location\":\"San Francisco, CA\"}"),
        new ContentBlock.ToolUse("toolu_01B18r81rx81mr826946mr8", "get_weather",
            "{\"location\":\"New York, NY\",\"unit\":\"fahrenheit\"}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
  }

  @Test
  void thinking_and_redacted_thinking_keep_signature_and_data() {
    ChatResponse r = decode(PLAIN, "thinking.response.json");
    var golden = Golden.json("thinking.response.json").get("content");
    assertThat(r.content()).containsExactly(
        new ContentBlock.Thinking("The user wants me to call checkSandboxErrors immediately.",
            golden.get(0).get("signature").asText()),
        new ContentBlock.RedactedThinking(golden.get(1).get("data").asText()),
        new ContentBlock.ToolUse("toolu_017R7ACrx7NF7sLDDtvdQ1u9", "checkSandboxErrors", "{}"));
    assertThat(r.usage().reasoningTokens()).isEqualTo(18);
    assertThat(r.usage().inputTokens()).isEqualTo(599);
  }

  @Test
  void stop_sequence_is_reported_with_stop() {
    ChatResponse r = decode(PLAIN, "stop_sequence.response.json");
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.stopSequence()).isEqualTo("five");
  }

  @Test
  void max_tokens_maps_to_length() {
    assertThat(decode(PLAIN, "max_tokens.response.json").finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void refusal_maps_to_content_filter() {
    ChatResponse r = decode(PLAIN, "refusal.response.json");
    assertThat(r.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(r.content()).isEmpty();
  }

  @Test
  void cache_reads_and_writes_are_counted_in_input_tokens() {
    var u = decode(PLAIN, "cache_usage.response.json").usage();
    assertThat(u.inputTokens()).isEqualTo(21 + 3000 + 188086);
    assertThat(u.cachedInputTokens()).isEqualTo(3000);
    assertThat(u.cacheWriteTokens()).isEqualTo(188086);
    assertThat(u.outputTokens()).isEqualTo(393);
  }

  @Test
  void json_schema_tool_input_comes_back_as_text_with_stop() {
    ChatResponse r = decode(jsonSchemaRequest(), "json_schema.response.json");
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.content()).hasSize(1);
    String text = ((ContentBlock.Text) r.content().get(0)).text();
    assertThat(Golden.parse(text)).isEqualTo(Golden.json("json_schema.response.json").at("/content/0/input"));
  }

  @Test
  void a_tool_named_like_the_json_tool_stays_a_tool_call_without_json_schema() {
    ChatResponse r = decode(PLAIN, "json_schema.response.json");
    assertThat(r.content().get(0)).isInstanceOf(ContentBlock.ToolUse.class);
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
  }

  @Test
  void unreadable_body_is_an_upstream_error() {
    assertThatThrownBy(() -> AnthropicCodec.decodeResponse(PLAIN, "<html>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.error().key()).isEqualTo(ErrorKey.UPSTREAM_ERROR));
  }
}
