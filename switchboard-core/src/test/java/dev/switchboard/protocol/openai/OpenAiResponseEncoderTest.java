package dev.switchboard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our client-facing output, checked against OpenAI's official schemas and by value. */
class OpenAiResponseEncoderTest {
  private static final OpenAiChatCodec CODEC = OpenAiChatCodec.INSTANCE;

  @Test
  void the_schema_subset_is_real_and_lists_the_required_fields() {
    assertThat(OpenApiShape.schema("CreateChatCompletionResponse").get("required"))
        .extracting(JsonNode::textValue).containsExactlyInAnyOrder("choices", "created", "id", "model", "object");
    assertThat(OpenApiShape.schema("Error").get("required"))
        .extracting(JsonNode::textValue).containsExactlyInAnyOrder("type", "message", "param", "code");
    // The checker itself must catch a missing field and a wrong type.
    assertThat(OpenApiShape.violations("ErrorResponse", OpenAiGolden.tree("{\"error\":{\"message\":1,\"type\":\"t\",\"code\":null}}")))
        .containsExactlyInAnyOrder("$.error: missing required 'param'", "$.error.message: expected string, got NUMBER");
  }

  @Test
  void the_current_reference_example_passes_the_shape_check_and_an_older_one_lacks_refusal() {
    assertThat(OpenApiShape.violations("CreateChatCompletionResponse", OpenAiGolden.json("text.response.json"))).isEmpty();
    // The function-calling example predates the required 'refusal' field: the checker must notice.
    assertThat(OpenApiShape.violations("CreateChatCompletionResponse", OpenAiGolden.json("tool_calls.response.json")))
        .containsExactly("$.choices[0].message: missing required 'refusal'");
  }

  @Test
  void text_answer_with_thinking_and_usage_encodes_to_a_valid_chat_completion() {
    ChatResponse r = new ChatResponse("chatcmpl-1", "deepseek-reasoner", 1737435312L,
        List.of(new ContentBlock.Thinking("Let me think.", null), new ContentBlock.Text("9.8 is larger.")),
        FinishReason.STOP, null, new Usage(16L, 420L, 4L, null, 379L, null));
    JsonNode body = OpenAiGolden.tree(CODEC.encodeResponse(r));
    assertThat(OpenApiShape.violations("CreateChatCompletionResponse", body)).isEmpty();
    assertThat(body).isEqualTo(OpenAiGolden.tree("""
        {"id":"chatcmpl-1","object":"chat.completion","created":1737435312,"model":"deepseek-reasoner",
         "choices":[{"index":0,"message":{"role":"assistant","content":"9.8 is larger.","reasoning_content":"Let me think.",
           "refusal":null},"logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":16,"completion_tokens":420,"total_tokens":436,
           "prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":379}}}
        """));
  }

  @Test
  void a_call_signature_goes_out_as_extra_content_and_a_signed_reasoning_block_does_not() {
    // An empty-text signed Thinking block right before a call is Gemini's signature of that call part; Anthropic's
    // thinking has text, and its signature belongs to the reasoning (reasoning_details, OpenAiReasoningDetailsTest).
    ChatResponse r = new ChatResponse("resp-1", "gemini-3-pro-preview", 1L, List.of(
        new ContentBlock.Thinking("Two cities.", "ANTHROPIC_SIG"),
        new ContentBlock.ToolUse("call_1", "get_weather", "{\"city\":\"Paris\"}"),
        new ContentBlock.Thinking("", "GEMINI_SIG"),
        new ContentBlock.ToolUse("call_2", "get_weather", "{\"city\":\"Rome\"}"),
        new ContentBlock.ToolUse("call_3", "get_weather", "{\"city\":\"Oslo\"}")),
        FinishReason.TOOL_CALLS, null, Usage.NONE);
    JsonNode body = OpenAiGolden.tree(CODEC.encodeResponse(r));
    assertThat(OpenApiShape.violations("CreateChatCompletionResponse", body)).isEmpty();
    JsonNode calls = body.at("/choices/0/message/tool_calls");
    assertThat(calls.get(0).has("extra_content")).isFalse();
    assertThat(calls.get(1)).isEqualTo(OpenAiGolden.tree("""
        {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"},
         "extra_content":{"google":{"thought_signature":"GEMINI_SIG"}}}"""));
    assertThat(calls.get(2).has("extra_content")).isFalse();
  }

  @Test
  void tool_calls_encode_with_null_content_and_tool_calls_finish() {
    ChatResponse r = new ChatResponse("msg_01", "claude-sonnet-4", 1L,
        List.of(new ContentBlock.ToolUse("toolu_1", "get_weather", "{\"city\":\"Paris\"}"),
            new ContentBlock.ToolUse("toolu_2", "get_weather", "{\"city\":\"Rome\"}")),
        FinishReason.TOOL_CALLS, null, Usage.NONE);
    JsonNode body = OpenAiGolden.tree(CODEC.encodeResponse(r));
    assertThat(OpenApiShape.violations("CreateChatCompletionResponse", body)).isEmpty();
    JsonNode msg = body.at("/choices/0/message");
    assertThat(msg.get("content").isNull()).isTrue();
    assertThat(msg.get("tool_calls")).isEqualTo(OpenAiGolden.tree("""
        [{"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
         {"id":"toolu_2","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]
        """));
    assertThat(body.at("/choices/0/finish_reason").textValue()).isEqualTo("tool_calls");
    assertThat(body.at("/usage/total_tokens").intValue()).isZero();
  }

  @Test
  void every_finish_reason_encodes_to_a_value_the_spec_allows() {
    for (FinishReason f : FinishReason.values()) {
      ChatResponse r = new ChatResponse("id", "m", 0L, List.of(new ContentBlock.Text("x")), f, null, null);
      assertThat(OpenApiShape.violations("CreateChatCompletionResponse", OpenAiGolden.tree(CODEC.encodeResponse(r))))
          .as(f.name()).isEmpty();
    }
  }

  @Test
  void decoded_golden_answers_re_encode_to_valid_responses_with_the_same_content() {
    for (String g : List.of("text.response.json", "tool_calls.response.json", "reasoning_o_series.response.json")) {
      JsonNode original = OpenAiGolden.json(g);
      JsonNode body = OpenAiGolden.tree(CODEC.encodeResponse(CODEC.decodeResponse(OpenAiGolden.bytes(g))));
      assertThat(OpenApiShape.violations("CreateChatCompletionResponse", body)).as(g).isEmpty();
      assertThat(body.at("/choices/0/message/content")).as(g).isEqualTo(original.at("/choices/0/message/content"));
      assertThat(body.at("/choices/0/message/tool_calls")).as(g).isEqualTo(original.at("/choices/0/message/tool_calls"));
      assertThat(body.at("/choices/0/finish_reason")).as(g).isEqualTo(original.at("/choices/0/finish_reason"));
      for (String f : List.of("prompt_tokens", "completion_tokens", "total_tokens")) {
        assertThat(body.at("/usage/" + f)).as(g + " " + f).isEqualTo(original.at("/usage/" + f));
      }
    }
  }

  @Test
  void gateway_errors_encode_to_the_openai_error_shape() {
    JsonNode body = OpenAiGolden.tree(CODEC.encodeError(
        GatewayError.field(ErrorKey.INVALID_REQUEST, "messages[0].role", "bad role")));
    assertThat(OpenApiShape.violations("ErrorResponse", body)).isEmpty();
    assertThat(body).isEqualTo(OpenAiGolden.tree(
        "{\"error\":{\"message\":\"bad role\",\"type\":\"invalid_request_error\",\"param\":\"messages[0].role\",\"code\":\"invalid_request\"}}"));
    JsonNode noParam = OpenAiGolden.tree(CODEC.encodeError(GatewayError.of(ErrorKey.RATE_LIMITED, "slow down")));
    assertThat(OpenApiShape.violations("ErrorResponse", noParam)).isEmpty();
    assertThat(noParam.at("/error/param").isNull()).isTrue();
  }
}
