package dev.switchboard.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.Usage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GeminiResponseDecoderTest {

  static ChatResponse decode(String golden) { return GeminiResponseDecoder.decode(Goldens.bytes(golden), "fallback"); }

  @Test
  void text_response_gives_text_stop_id_model_and_usage() {
    ChatResponse r = decode("text.response.json");
    assertThat(r.id()).isEqualTo("mAitaJ-3KeqnxN8P8P2lsQc");
    assertThat(r.model()).isEqualTo("gemini-2.0-flash");
    assertThat(r.content()).containsExactly(
        new ContentBlock.Text("In the bustling city of Meadow brook, lived a young girl named Sophie."));
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.stopSequence()).isNull();
    assertThat(r.usage().inputTokens()).isEqualTo(8);
    assertThat(r.usage().outputTokens()).isEqualTo(17);
    assertThat(r.usage().cachedInputTokens()).isNull();
    assertThat(r.usage().reasoningTokens()).isNull();
    assertThat(r.usage().raw()).isEqualTo(Goldens.json("text.response.json").get("usageMetadata"));
  }

  @Test
  void parallel_function_calls_get_made_up_ids_by_position_and_tool_calls_finish() {
    ChatResponse r = decode("parallel_calls.response.json");
    assertThat(r.content()).hasSize(4);
    assertThat(r.content().get(0)).isEqualTo(new ContentBlock.Thinking("", "CpMCAdHtim9Pq3Xv1xKVtq+6rN6eSjpL5Y2q+z4O9BzmgnBn"));
    List<ContentBlock.ToolUse> calls = r.content().subList(1, 4).stream().map(ContentBlock.ToolUse.class::cast).toList();
    assertThat(calls).extracting(c -> c.name() + " " + c.arguments()).containsExactly("power_disco_ball {\"power\":true}",
        "start_music {\"energetic\":true,\"loud\":true}", "dim_lights {\"brightness\":0.5}");
    String first = calls.get(0).id();
    assertThat(first).matches("call_[0-9a-f]{16}_0");
    String nonce = first.substring(0, first.length() - 1);
    assertThat(calls).extracting(ContentBlock.ToolUse::id).as("one answer, one nonce")
        .containsExactly(nonce + 0, nonce + 1, nonce + 2)
        .allMatch(GeminiJson::isGeneratedCallId);
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.usage().outputTokens()).as("candidates + thoughts").isEqualTo(35 + 136);
    assertThat(r.usage().reasoningTokens()).isEqualTo(136);
  }

  @Test
  void thought_parts_become_thinking_and_signatures_precede_their_part() {
    ChatResponse r = decode("thinking.response.json");
    assertThat(r.content()).hasSize(3);
    assertThat(r.content().get(0)).isInstanceOfSatisfying(ContentBlock.Thinking.class, t -> {
      assertThat(t.text()).startsWith("**Calculating the sum**");
      assertThat(t.signature()).isNull();
    });
    assertThat(r.content().get(1)).isEqualTo(
        new ContentBlock.Thinking("", "CiwB0e2Kb7ByHmvQeKdp0bL8rk3Kx0Q3VbGZ5T8P2c1Hj1r4sm8wQ4mZ0FYG"));
    assertThat(r.content().get(2)).isEqualTo(new ContentBlock.Text("The sum of the first 10 prime numbers is **129**."));
    assertThat(r.usage()).extracting(Usage::inputTokens, Usage::outputTokens, Usage::reasoningTokens)
        .containsExactly(14L, 15L + 643L, 643L);
  }

  @Test
  void made_up_call_ids_differ_from_answer_to_answer() {
    // Anthropic refuses a history with a tool_use id twice ("tool_use ids must be unique"): a conversation that
    // moved from Gemini would carry call_0 on every turn.
    ContentBlock first = decode("parallel_calls.response.json").content().get(1);
    ContentBlock second = decode("parallel_calls.response.json").content().get(1);
    assertThat(((ContentBlock.ToolUse) first).id()).isNotEqualTo(((ContentBlock.ToolUse) second).id());
  }

  @Test
  void function_call_id_from_the_model_is_kept() {
    String body = """
        {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"id":"fc-7","name":"f","args":{}}}]},
          "finishReason":"STOP"}]}""";
    ChatResponse r = GeminiResponseDecoder.decode(body.getBytes(StandardCharsets.UTF_8), "gemini-x");
    assertThat(r.content()).containsExactly(new ContentBlock.ToolUse("fc-7", "f", "{}"));
    assertThat(r.model()).as("no modelVersion: the fallback").isEqualTo("gemini-x");
    assertThat(r.id()).as("no responseId: a generated one").isNotBlank();
    assertThat(r.usage()).isEqualTo(Usage.NONE);
  }

  @Test
  void max_tokens_finish_is_length() {
    assertThat(decode("max_tokens.response.json").finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void cached_and_thought_tokens_are_reported() {
    Usage u = decode("cached_usage.response.json").usage();
    assertThat(u.inputTokens()).isEqualTo(323383);
    assertThat(u.cachedInputTokens()).isEqualTo(323374);
    assertThat(u.reasoningTokens()).isEqualTo(125);
    assertThat(u.outputTokens()).isEqualTo(12 + 125);
    assertThat(u.totalTokens()).as("matches Gemini's totalTokenCount").isEqualTo(323520);
  }

  @Test
  void blocked_prompt_without_candidates_is_content_filter() {
    ChatResponse r = decode("safety_block.response.json");
    assertThat(r.content()).isEmpty();
    assertThat(r.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(r.usage().inputTokens()).isEqualTo(9);
    assertThat(r.usage().outputTokens()).isNull();
  }

  @ParameterizedTest
  @CsvSource({"SAFETY,CONTENT_FILTER", "RECITATION,CONTENT_FILTER", "BLOCKLIST,CONTENT_FILTER",
      "PROHIBITED_CONTENT,CONTENT_FILTER", "SPII,CONTENT_FILTER", "IMAGE_SAFETY,CONTENT_FILTER",
      "MALFORMED_FUNCTION_CALL,ERROR", "OTHER,ERROR", "MAX_TOKENS,LENGTH", "STOP,STOP"})
  void finish_reasons_map_to_canonical(String wire, FinishReason expected) {
    String body = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"x\"}]},\"finishReason\":\""
        + wire + "\",\"index\":0}]}";
    assertThat(GeminiResponseDecoder.decode(body.getBytes(StandardCharsets.UTF_8), "m").finishReason())
        .isEqualTo(expected);
  }

  @Test
  void unknown_part_kinds_are_kept_as_unknown() {
    String body = """
        {"candidates":[{"content":{"role":"model","parts":[{"executableCode":{"language":"PYTHON","code":"print(1)"}}]},
          "finishReason":"STOP"}]}""";
    List<ContentBlock> content = GeminiResponseDecoder.decode(body.getBytes(StandardCharsets.UTF_8), "m").content();
    assertThat(content).singleElement().isInstanceOf(ContentBlock.Unknown.class);
  }

  @Test
  void a_body_that_is_not_json_is_rejected() {
    assertThatThrownBy(() -> GeminiResponseDecoder.decode("<html>".getBytes(StandardCharsets.UTF_8), "m"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
  }
}
