package dev.switchboard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.Usage;
import org.junit.jupiter.api.Test;

class OpenAiResponseDecoderTest {
  private static final OpenAiChatCodec CODEC = OpenAiChatCodec.INSTANCE;

  private static ChatResponse golden(String name) { return CODEC.decodeResponse(OpenAiGolden.bytes(name)); }

  @Test
  void text_answer_decodes_with_cached_token_usage() {
    ChatResponse r = golden("text.response.json");
    assertThat(r.id()).isEqualTo("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
    assertThat(r.model()).isEqualTo("gpt-4.1-2025-04-14");
    assertThat(r.created()).isEqualTo(1741569952L);
    assertThat(r.content()).containsExactly(new ContentBlock.Text("Hello! How can I assist you today?"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    Usage u = r.usage();
    assertThat(u.inputTokens()).isEqualTo(1117);
    assertThat(u.outputTokens()).isEqualTo(46);
    assertThat(u.cachedInputTokens()).isEqualTo(1024);
    assertThat(u.reasoningTokens()).isZero();
    assertThat(u.raw()).isEqualTo(OpenAiGolden.json("text.response.json").get("usage"));
  }

  @Test
  void an_answer_in_the_middle_of_a_read_buffer_decodes_in_place_like_the_whole_array() {
    byte[] answer = OpenAiGolden.bytes("tool_calls.response.json");
    byte[] buffer = new byte[answer.length + 7];
    java.util.Arrays.fill(buffer, (byte) '#'); // bytes around the range must not be read
    System.arraycopy(answer, 0, buffer, 3, answer.length);
    assertThat(CODEC.decodeResponse(buffer, 3, answer.length)).isEqualTo(CODEC.decodeResponse(answer));
    // Adapters without an in-place parser get a copy of the range through the provider seam's default.
    dev.switchboard.provider.ChatAdapter copying = new dev.switchboard.provider.ChatAdapter() {
      @Override public dev.switchboard.provider.UpstreamRequest prepareChat(dev.switchboard.model.ChatRequest r,
          dev.switchboard.provider.UpstreamTarget t, dev.switchboard.provider.ApiKey k) { return null; }
      @Override public ChatResponse parseChat(dev.switchboard.model.ChatRequest r, byte[] body) {
        return CODEC.decodeResponse(body);
      }
      @Override public dev.switchboard.provider.StreamDecoder streamDecoder(dev.switchboard.model.ChatRequest r) {
        return null;
      }
      @Override public dev.switchboard.model.UpstreamError parseError(int status, byte[] body) { return null; }
    };
    assertThat(copying.parseChat(null, buffer, 3, answer.length)).isEqualTo(CODEC.decodeResponse(answer));
  }

  @Test
  void tool_calls_decode_in_order_with_null_content_dropped() {
    ChatResponse r = golden("tool_calls.response.json");
    assertThat(r.content()).containsExactly(
        new ContentBlock.ToolUse("call_abc123", "get_current_weather", "{\n\"location\": \"Boston, MA\"\n}"),
        new ContentBlock.ToolUse("call_def456", "get_current_weather", "{\n\"location\": \"Tokyo\"\n}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.usage().cachedInputTokens()).isNull();
  }

  @Test
  void reasoning_tokens_and_length_finish_decode() {
    ChatResponse r = golden("reasoning_o_series.response.json");
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(r.usage().reasoningTokens()).isEqualTo(1408);
    assertThat(r.usage().outputTokens()).isEqualTo(1843);
  }

  @Test
  void deepseek_reasoning_content_becomes_thinking_before_the_text() {
    ChatResponse r = golden("deepseek_reasoner.response.json");
    assertThat(r.content()).containsExactly(
        new ContentBlock.Thinking("Okay, so I need to figure out whether 9.11 is greater than 9.8 or the other way around.", null),
        new ContentBlock.Text("9.11 is greater than 9.8? No: 9.8 is greater than 9.11."));
    assertThat(r.usage().reasoningTokens()).isEqualTo(379);
    assertThat(r.usage().cachedInputTokens()).isZero();
  }

  @Test
  void deepseek_prompt_cache_hit_tokens_count_as_cached_input() {
    Usage u = golden("deepseek_cache_hit.response.json").usage();
    assertThat(u.inputTokens()).isEqualTo(1536);
    assertThat(u.cachedInputTokens()).isEqualTo(1280);
  }

  @Test
  void openrouter_reasoning_field_becomes_thinking() {
    ChatResponse r = golden("openrouter_reasoning.response.json");
    assertThat(r.content()).containsExactly(
        new ContentBlock.Thinking("Let me spell it: s-t-r. The third letter is r.", null),
        new ContentBlock.Text("The 3rd letter of \"strawberry\" is R."));
    assertThat(r.usage().cachedInputTokens()).isNull();
  }

  @Test
  void an_answer_without_usage_has_empty_usage() {
    ChatResponse r = CODEC.decodeResponse(OpenAiGolden.utf8(
        "{\"id\":\"x\",\"model\":\"m\",\"created\":1,\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}"));
    assertThat(r.usage()).isEqualTo(Usage.NONE);
    assertThat(r.usage().isEmpty()).isTrue();
  }

  @Test
  void fields_in_any_order_decode_and_nested_unknown_structure_is_skipped() {
    ChatResponse r = CODEC.decodeResponse(OpenAiGolden.utf8("{\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1},"
        + "\"choices\":[{\"finish_reason\":\"stop\",\"logprobs\":{\"content\":[{\"top_logprobs\":[[{}]]}]},"
        + "\"message\":{\"annotations\":[{\"url_citation\":{\"url\":\"u\"}}],\"content\":\"ok\",\"role\":\"assistant\"}},"
        + "{\"message\":{\"content\":\"second choice\"}}],\"created\":\"7\",\"model\":\"m\",\"id\":\"x\"}"));
    assertThat(r.id()).isEqualTo("x");
    assertThat(r.model()).isEqualTo("m");
    assertThat(r.created()).isEqualTo(7L);
    assertThat(r.content()).containsExactly(new ContentBlock.Text("ok"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.usage().inputTokens()).isEqualTo(5);
  }

  @Test
  void a_body_that_is_not_a_whole_json_object_is_refused() {
    assertThatThrownBy(() -> CODEC.decodeResponse(OpenAiGolden.utf8("[1]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> CODEC.decodeResponse(OpenAiGolden.utf8("")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> CODEC.decodeResponse(OpenAiGolden.utf8("{\"id\":\"x\",\"choices\":[{\"message\":{\"content\":\"cut")))
        .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("invalid JSON");
  }
}
