package dev.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.Message;
import dev.switchboard.model.Role;
import dev.switchboard.model.Usage;
import dev.switchboard.routing.PromptTokens;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageEstimateTest {
  private static final ChatRequest REQUEST = new ChatRequest("m",
      List.of(Message.text(Role.USER, "What is the capital of France? Answer in one word.")),
      null, null, null, null, null, null, null, false, false, null, null, null);

  @Test
  void reported_usage_is_kept_as_it_is() {
    Usage reported = new Usage(12L, 5L, 3L, null, null, null);
    assertThat(UsageEstimate.isComplete(reported)).isTrue();
    assertThat(UsageEstimate.complete(reported, REQUEST, 99)).isSameAs(reported);
  }

  @Test
  void missing_usage_is_counted_and_marked_as_an_estimate() {
    Usage filled = UsageEstimate.complete(Usage.NONE, REQUEST, 7);
    assertThat(filled.inputTokens()).isEqualTo((long) PromptTokens.count(REQUEST)).isGreaterThan(10L);
    assertThat(filled.outputTokens()).isEqualTo(7L);
    assertThat(filled.raw().at("/switchboard/usage_estimated").asBoolean()).isTrue();
  }

  @Test
  void only_the_missing_half_is_estimated_and_the_providers_raw_usage_stays() throws Exception {
    // A stream cut after Anthropic's message_start: input reported, output never.
    var raw = JsonMapper.builder().build().readTree("{\"input_tokens\":40}");
    Usage filled = UsageEstimate.complete(new Usage(40L, null, null, null, null, raw), REQUEST, 9);
    assertThat(filled.inputTokens()).isEqualTo(40L);
    assertThat(filled.outputTokens()).isEqualTo(9L);
    assertThat(filled.raw().get("input_tokens").asInt()).isEqualTo(40);
    assertThat(filled.raw().at("/switchboard/usage_estimated").asBoolean()).isTrue();
    assertThat(raw.has("switchboard")).as("the provider's object is not changed").isFalse();
  }

  @Test
  void a_whole_answer_is_counted_with_o200k() {
    List<ContentBlock> answer = List.of(new ContentBlock.Text("Paris"),
        new ContentBlock.ToolUse("call_1", "lookup", "{\"city\":\"Paris\"}"));
    assertThat(UsageEstimate.outputTokens(answer)).isBetween(5L, 12L);
  }

  @Test
  void streamed_text_counts_about_four_ascii_characters_or_one_and_a_third_other_characters_per_token() {
    assertThat(UsageEstimate.tokensOfQuarters(UsageEstimate.streamedQuarterTokens("Hello, world"))).isEqualTo(3);
    assertThat(UsageEstimate.tokensOfQuarters(UsageEstimate.streamedQuarterTokens("你好世界"))).isEqualTo(3);
    assertThat(UsageEstimate.streamedQuarterTokens(null)).isZero();
  }
}
