package dev.switchboard.protocol.dashscope;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Canonical answers and gateway errors -> DashScope client bodies. */
class DashScopeClientEncodeTest {
  static final DashScopeClientCodec MESSAGE = new DashScopeClientCodec(true, false);
  static final DashScopeClientCodec TEXT = DashScopeClientCodec.INSTANCE;

  /** Upstream golden -> canonical -> client encoder reproduces the golden body exactly. */
  @ParameterizedTest
  @ValueSource(strings = {"message.response.json", "tool_calls.response.json", "thinking.response.json"})
  void message_format_answers_round_trip_unchanged(String golden) {
    ChatResponse canonical = DashScopeCodec.decodeResponse(Golden.bytes(golden));
    assertThat(Golden.parse(MESSAGE.encodeResponse(canonical))).isEqualTo(Golden.json(golden));
  }

  @Test
  void text_format_answer_round_trips_unchanged() {
    ChatResponse canonical = DashScopeCodec.decodeResponse(Golden.bytes("text.response.json"));
    assertThat(Golden.parse(TEXT.encodeResponse(canonical))).isEqualTo(Golden.json("text.response.json"));
  }

  @Test
  void an_answer_from_another_wire_gets_dashscope_usage_and_finish_reason() {
    ChatResponse r = new ChatResponse("chatcmpl-1", "gpt-test", 0,
        List.of(new ContentBlock.Thinking("hmm", "sig"), new ContentBlock.Text("Hi")), FinishReason.LENGTH, null,
        new Usage(20L, 7L, 5L, null, 3L, null));
    JsonNode json = Golden.parse(MESSAGE.encodeResponse(r));
    assertThat(json.at("/output/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(json.at("/output/choices/0/message/content").asText()).isEqualTo("Hi");
    assertThat(json.at("/output/choices/0/message/reasoning_content").asText()).isEqualTo("hmm");
    assertThat(json.path("usage")).isEqualTo(Golden.parse("""
        {"input_tokens":20,"output_tokens":7,"total_tokens":27,"prompt_tokens_details":{"cached_tokens":5},
         "output_tokens_details":{"reasoning_tokens":3}}"""));
    assertThat(json.path("request_id").asText()).isEqualTo("chatcmpl-1");
    JsonNode text = Golden.parse(TEXT.encodeResponse(r));
    assertThat(text.path("output")).isEqualTo(Golden.parse("{\"text\":\"Hi\",\"finish_reason\":\"length\"}"));
  }

  @Test
  void gateway_errors_use_dashscope_codes() {
    assertThat(code(GatewayError.of(ErrorKey.INVALID_API_KEY, "Invalid API key"))).isEqualTo("InvalidApiKey");
    assertThat(code(GatewayError.of(ErrorKey.MISSING_API_KEY, "Missing API key"))).isEqualTo("InvalidApiKey");
    assertThat(code(GatewayError.of(ErrorKey.RATE_LIMITED, "slow down"))).isEqualTo("Throttling.RateQuota");
    assertThat(code(GatewayError.of(ErrorKey.MODEL_NOT_FOUND, "no model"))).isEqualTo("ModelNotFound");
    assertThat(code(GatewayError.of(ErrorKey.UPSTREAM_BAD_REQUEST, "bad"))).isEqualTo("InvalidParameter");
    assertThat(code(GatewayError.of(ErrorKey.UPSTREAM_ERROR, "broken"))).isEqualTo("InternalError");
    assertThat(code(GatewayError.of(ErrorKey.UPSTREAM_TIMEOUT, "late"))).isEqualTo("RequestTimeOut");
    JsonNode body = Golden.parse(TEXT.encodeError(GatewayError.of(ErrorKey.INVALID_API_KEY, "Invalid API key")));
    assertThat(body.fieldNames()).toIterable().containsExactly("code", "message", "request_id");
    assertThat(body.path("message").asText()).isEqualTo("Invalid API key");
  }

  private static String code(GatewayError e) { return Golden.parse(TEXT.encodeError(e)).path("code").asText(); }
}
