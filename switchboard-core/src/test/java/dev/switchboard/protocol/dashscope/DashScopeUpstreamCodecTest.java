package dev.switchboard.protocol.dashscope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.error.FailureClass;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.Message;
import dev.switchboard.model.Reasoning;
import dev.switchboard.model.ResponseFormat;
import dev.switchboard.model.Role;
import dev.switchboard.model.ToolChoice;
import dev.switchboard.model.UpstreamError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The outbound side: canonical -> DashScope request, DashScope responses and errors -> canonical. */
class DashScopeUpstreamCodecTest {

  /** A client body in the message format with only translatable fields survives canonical -> outbound unchanged. */
  @ParameterizedTest
  @ValueSource(strings = {"messages.request.json", "tools.request.json", "tool_round_trip.request.json"})
  void requests_encode_as_the_api_reference_shows_them(String golden) {
    ChatRequest canonical = DashScopeClientDecodeTest.decode(golden).withInbound(null);
    assertThat(DashScopeCodec.encodeRequest(canonical, "qwen-plus")).isEqualTo(Golden.json(golden));
  }

  @Test
  void streams_ask_for_incremental_output_and_thinking_maps_to_enable_thinking() {
    ChatRequest canonical = DashScopeClientDecodeTest.decode("thinking.request.json").withInbound(null);
    ChatRequest streaming = new ChatRequest(canonical.model(), canonical.messages(), null, null, null, null, null,
        null, null, true, true, canonical.reasoning(), null, null);
    assertThat(DashScopeCodec.encodeRequest(streaming, "qwen-plus")).isEqualTo(Golden.json("thinking.request.json"));
  }

  @Test
  void a_canonical_request_from_another_wire_is_translated() {
    ChatRequest r = new ChatRequest("x", List.of(Message.text(Role.SYSTEM, "Be brief."),
        new Message(Role.USER, List.of(new ContentBlock.Text("What is this?"),
            ContentBlock.Image.ofUrl("https://example.com/a.png", null)), null),
        new Message(Role.ASSISTANT, List.of(new ContentBlock.Thinking("hmm", "sig"), new ContentBlock.Text("Let me check."),
            new ContentBlock.ToolUse("toolu_1", "lookup", "{\"q\":1}")), null),
        new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("toolu_1", null, List.of(new ContentBlock.Text("42")), false)), null)),
        null, ToolChoice.named("lookup"), false, ResponseFormat.JSON_OBJECT, null, 64, List.of("END"), false, false,
        new Reasoning("none", null), "user-1", null);
    JsonNode body = DashScopeCodec.encodeRequest(r, "qwen-max");
    assertThat(body).isEqualTo(Golden.parse("""
        {"model":"qwen-max","input":{"messages":[
          {"role":"system","content":"Be brief."},
          {"role":"user","content":[{"text":"What is this?"},{"image":"https://example.com/a.png"}]},
          {"role":"assistant","content":"Let me check.","tool_calls":[
            {"id":"toolu_1","type":"function","function":{"name":"lookup","arguments":"{\\"q\\":1}"}}]},
          {"role":"tool","content":"42","tool_call_id":"toolu_1"}]},
         "parameters":{"result_format":"message","max_tokens":64,"stop":["END"],
          "tool_choice":{"type":"function","function":{"name":"lookup"}},"parallel_tool_calls":false,
          "response_format":{"type":"json_object"},"enable_thinking":false}}"""));
  }

  @Test
  void pass_through_replaces_only_the_model_and_never_mutates_the_kept_body() {
    ChatRequest r = DashScopeClientDecodeTest.decode("prompt.request.json");
    JsonNode sent = Golden.parse(DashScopeCodec.passThroughBody(r, "qwen-turbo-latest"));
    ObjectNode expected = (ObjectNode) Golden.json("prompt.request.json");
    expected.put("model", "qwen-turbo-latest");
    assertThat(sent).isEqualTo(expected);
    assertThat(r.inbound().body().path("model").asText()).isEqualTo("qwen-turbo");
    assertThat(DashScopeCodec.canPassThrough(r)).isTrue();
    assertThat(DashScopeCodec.canPassThrough(r.withInbound(null))).isFalse();
  }

  @Test
  void message_response_decodes_with_request_id_usage_and_cached_tokens() {
    ChatResponse r = DashScopeCodec.decodeResponse(Golden.bytes("tool_calls.response.json"));
    assertThat(r.id()).isEqualTo("2cb53a2f-3b4d-9d1a-a8a9-8f1b6b7e4c21");
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.content()).containsExactly(
        new ContentBlock.ToolUse("call_6596dafa2a6a46f7a217da", "get_current_weather", "{\"location\": \"杭州市\"}"));
    assertThat(r.usage().inputTokens()).isEqualTo(217);
    assertThat(r.usage().outputTokens()).isEqualTo(18);
    assertThat(r.usage().cachedInputTokens()).isEqualTo(128);
  }

  @Test
  void thinking_and_text_format_responses_decode() {
    ChatResponse thinking = DashScopeCodec.decodeResponse(Golden.bytes("thinking.response.json"));
    assertThat(thinking.content()).containsExactly(new ContentBlock.Thinking("用户问我是谁，我应该介绍自己是通义千问。", null),
        new ContentBlock.Text("我是通义千问，由阿里云开发的大规模语言模型。"));
    assertThat(thinking.usage().reasoningTokens()).isEqualTo(66);
    ChatResponse text = DashScopeCodec.decodeResponse(Golden.bytes("text.response.json"));
    assertThat(text.content()).hasSize(1);
    assertThat(text.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(text.usage().inputTokens()).isEqualTo(26);
  }

  @ParameterizedTest
  @CsvSource({
      "invalid_api_key.error.json, 401, InvalidApiKey, CREDENTIAL",
      "throttling.error.json, 429, Throttling.RateQuota, RATE_LIMIT",
      "arrearage.error.json, 400, Arrearage, QUOTA",
      "allocation_quota.error.json, 429, Throttling.AllocationQuota, QUOTA",
      "data_inspection.error.json, 400, DataInspectionFailed, CALLER_FAULT",
      "internal.error.json, 500, InternalError, TRANSIENT"})
  void errors_parse_and_classify_by_code(String golden, int status, String code, FailureClass expected) {
    UpstreamError e = DashScopeCodec.decodeError(status, Golden.bytes(golden));
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.message()).isEqualTo(Golden.json(golden).path("message").asText());
    assertThat(DashScopeCodec.classify(e)).isEqualTo(expected);
  }

  @Test
  void a_non_json_error_body_keeps_a_prefix_and_classifies_by_status() {
    UpstreamError e = DashScopeCodec.decodeError(502, "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8));
    assertThat(e.message()).isEqualTo("<html>Bad Gateway</html>");
    assertThat(DashScopeCodec.classify(e)).isEqualTo(FailureClass.TRANSIENT);
  }
}
