package dev.switchboard.protocol.dashscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.ResponseFormat;
import dev.switchboard.model.Role;
import dev.switchboard.model.ToolChoice;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** DashScope client requests -> canonical. */
class DashScopeClientDecodeTest {
  static final DashScopeClientCodec CODEC = DashScopeClientCodec.INSTANCE;

  static ChatRequest decode(String golden) { return CODEC.decodeRequest(Golden.bytes(golden), false); }

  static ChatRequest decodeText(String json) { return CODEC.decodeRequest(json.getBytes(StandardCharsets.UTF_8), false); }

  static GatewayException failure(String json) {
    try {
      decodeText(json);
    } catch (GatewayException e) {
      return e;
    }
    throw new AssertionError("no error for " + json);
  }

  @Test
  void messages_become_canonical_turns_and_the_body_is_kept_for_pass_through() {
    ChatRequest r = decode("messages.request.json");
    assertThat(r.model()).isEqualTo("qwen-plus");
    assertThat(r.messages()).extracting(m -> m.role()).containsExactly(Role.SYSTEM, Role.USER);
    assertThat(r.messages().get(1).text()).isEqualTo("你是谁？");
    assertThat(r.stream()).isFalse();
    assertThat(r.includeUsage()).isTrue();
    assertThat(r.cameIn(DashScopeClientCodec.WIRE)).isTrue();
    assertThat(r.inbound().body()).isEqualTo(Golden.json("messages.request.json"));
    assertThat(r.inbound().untranslatable()).isNull();
    assertThat(CODEC.forRequest(r)).isEqualTo(new DashScopeClientCodec(true, false));
  }

  @Test
  void a_prompt_is_one_user_turn_and_parameters_map_to_sampling() {
    ChatRequest r = decode("prompt.request.json");
    assertThat(r.messages()).hasSize(1);
    assertThat(r.messages().get(0).role()).isEqualTo(Role.USER);
    assertThat(r.messages().get(0).text()).startsWith("用萝卜");
    assertThat(r.maxTokens()).isEqualTo(500);
    assertThat(r.sampling().temperature()).isEqualTo(0.8);
    assertThat(r.sampling().topP()).isEqualTo(0.8);
    assertThat(r.sampling().topK()).isEqualTo(50);
    assertThat(r.sampling().seed()).isEqualTo(1234L);
    assertThat(r.sampling().presencePenalty()).isEqualTo(0.5);
    assertThat(r.stop()).containsExactly("\n\n");
    assertThat(CODEC.forRequest(r)).isEqualTo(DashScopeClientCodec.INSTANCE); // text format, cumulative
  }

  @Test
  void tools_and_tool_choice_are_decoded() {
    ChatRequest r = decode("tools.request.json");
    assertThat(r.tools()).extracting(t -> t.name()).containsExactly("get_current_time", "get_current_weather");
    assertThat(r.tools().get(1).parameters().path("required").get(0).asText()).isEqualTo("location");
    assertThat(r.toolChoice()).isEqualTo(ToolChoice.AUTO);
  }

  @Test
  void tool_calls_and_tool_results_of_earlier_turns_are_decoded() {
    ChatRequest r = decode("tool_round_trip.request.json");
    assertThat(r.messages().get(2).content()).containsExactly(
        new ContentBlock.ToolUse("call_6596dafa2a6a46f7a217da", "get_current_weather", "{\"location\": \"杭州市\"}"));
    ContentBlock.ToolResult result = (ContentBlock.ToolResult) r.messages().get(3).content().get(0);
    assertThat(r.messages().get(3).role()).isEqualTo(Role.TOOL);
    assertThat(result.toolUseId()).isEqualTo("call_6596dafa2a6a46f7a217da");
    assertThat(result.name()).isEqualTo("get_current_weather");
    assertThat(result.text()).isEqualTo("杭州今天是晴天，气温24度。");
  }

  @Test
  void tools_force_the_message_format_on_the_answer() {
    ChatRequest r = decodeText("""
        {"model":"qwen-plus","input":{"prompt":"hi"},"parameters":{"tools":[{"type":"function","function":{"name":"f"}}]}}""");
    assertThat(CODEC.forRequest(r).messageFormat()).isTrue();
  }

  @Test
  void enable_thinking_becomes_a_reasoning_request_with_its_budget() {
    ChatRequest r = decode("thinking.request.json");
    assertThat(r.reasoning().budgetTokens()).isEqualTo(1024);
    assertThat(r.reasoning().effort()).as("nearest effort, for wires that only take one").isEqualTo("low");
    assertThat(CODEC.forRequest(r)).isEqualTo(new DashScopeClientCodec(true, true));
    ChatRequest noBudget = decodeText("""
        {"model":"qwen-plus","input":{"prompt":"hi"},"parameters":{"enable_thinking":true}}""");
    assertThat(noBudget.reasoning().effort()).isEqualTo("medium");
    ChatRequest off = decodeText("""
        {"model":"qwen-plus","input":{"prompt":"hi"},"parameters":{"enable_thinking":false}}""");
    assertThat(off.reasoning()).isNull();
  }

  @Test
  void streaming_is_switched_on_by_the_sse_header_or_a_stream_flag() {
    String body = "{\"model\":\"qwen-plus\",\"input\":{\"prompt\":\"hi\"}}";
    assertThat(CODEC.decodeRequest(body.getBytes(StandardCharsets.UTF_8), true).stream()).isTrue();
    assertThat(CODEC.decodeRequest(body.getBytes(StandardCharsets.UTF_8), false).stream()).isFalse();
    assertThat(decodeText("{\"model\":\"m\",\"input\":{\"prompt\":\"hi\"},\"parameters\":{\"stream\":true}}").stream()).isTrue();
    assertThat(decodeText("{\"model\":\"m\",\"stream\":true,\"input\":{\"prompt\":\"hi\"}}").stream()).isTrue();
  }

  @Test
  void response_format_and_multimodal_parts_are_decoded() {
    ChatRequest r = decodeText("""
        {"model":"qwen-vl-plus","input":{"messages":[{"role":"user","content":[
          {"image":"https://example.com/dog.jpeg"},{"text":"这是什么"}]}]},
         "parameters":{"response_format":{"type":"json_object"}}}""");
    assertThat(r.responseFormat()).isEqualTo(ResponseFormat.JSON_OBJECT);
    assertThat(r.messages().get(0).content()).containsExactly(
        ContentBlock.Image.ofUrl("https://example.com/dog.jpeg", null), new ContentBlock.Text("这是什么"));
  }

  @Test
  void dashscope_only_features_are_marked_untranslatable() {
    assertThat(decodeText("""
        {"model":"m","input":{"prompt":"hi"},"parameters":{"enable_search":true}}""").inbound().untranslatable())
        .isEqualTo("parameters.enable_search");
    assertThat(decodeText("""
        {"model":"m","input":{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"def","partial":true}]}}""")
        .inbound().untranslatable()).isEqualTo("input.messages.1.partial");
    assertThat(decodeText("""
        {"model":"m","input":{"messages":[{"role":"user","content":[{"audio":"https://x/a.mp3"}]}]}}""")
        .inbound().untranslatable()).isEqualTo("input.messages.0.content.0");
  }

  @Test
  void bad_input_is_refused_naming_the_field() {
    assertThat(failure("{\"input\":{\"prompt\":\"hi\"}}").error().param()).isEqualTo("model");
    assertThat(failure("{\"model\":\"m\"}").error().param()).isEqualTo("input");
    assertThat(failure("{\"model\":\"m\",\"input\":{}}").error().message()).contains("input.messages or input.prompt");
    GatewayException role = failure("{\"model\":\"m\",\"input\":{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}}");
    assertThat(role.error().param()).isEqualTo("input.messages.0.role");
    assertThat(role.error().message()).contains("input.messages.0.role");
    assertThat(failure("{\"model\":\"m\",\"input\":{\"prompt\":\"x\"},\"parameters\":{\"max_tokens\":\"many\"}}").error().param())
        .isEqualTo("parameters.max_tokens");
    assertThat(failure("{\"model\":\"m\",\"input\":{\"prompt\":\"x\"},\"parameters\":{\"stop\":[[151643]]}}").error().param())
        .isEqualTo("parameters.stop.0");
    assertThat(failure("{\"model\":\"m\",\"input\":{\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}}").error().param())
        .isEqualTo("input.messages.0.tool_call_id");
    assertThat(failure("not json").error().key()).isEqualTo(ErrorKey.INVALID_JSON);
  }

  @Test
  void errors_from_decoding_are_answered_in_dashscope_shape() {
    var json = Golden.parse(CODEC.encodeError(failure("{\"input\":{\"prompt\":\"hi\"}}").error()));
    assertThat(json.path("code").asText()).isEqualTo("InvalidParameter");
    assertThat(json.path("message").asText()).isEqualTo("Required parameter \"model\" missing from request.");
    assertThat(json.path("request_id").asText()).hasSize(36);
  }
}
