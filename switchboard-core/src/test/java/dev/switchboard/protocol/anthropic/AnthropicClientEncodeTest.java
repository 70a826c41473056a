package dev.switchboard.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.Usage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Canonical answers and errors into Messages API response bodies for Anthropic clients. */
class AnthropicClientEncodeTest {
  static final AnthropicClientCodec CODEC = AnthropicClientCodec.INSTANCE;

  static JsonNode encode(ChatResponse r) { return Golden.parse(new String(CODEC.encodeResponse(r), StandardCharsets.UTF_8)); }

  /** Real responses, decoded as from an upstream and encoded for a client, come out as they went in. */
  @ParameterizedTest
  @ValueSource(strings = {"simple_text.response.json", "stop_sequence.response.json", "tool_use.response.json",
      "max_tokens.response.json", "cache_usage.response.json"})
  void golden_response_survives_decode_and_client_encode(String golden) {
    ObjectNode expected = (ObjectNode) Golden.json(golden).deepCopy();
    // Usage details the canonical model has no slot for (cache TTL split, service tier).
    ((ObjectNode) expected.get("usage")).remove(List.of("cache_creation", "service_tier"));
    ChatResponse canonical = AnthropicCodec.decodeResponse(AnthropicResponseDecoderTest.PLAIN, Golden.bytes(golden));
    assertThat(encode(canonical)).isEqualTo(expected);
  }

  @Test
  void input_tokens_exclude_cache_reads_and_writes() {
    Usage u = new Usage(1000L, 50L, 700L, 200L, null, null);
    JsonNode usage = encode(new ChatResponse("msg_1", "m", 0, List.of(new ContentBlock.Text("x")), FinishReason.STOP, null, u))
        .get("usage");
    assertThat(usage).isEqualTo(Golden.parse("""
        {"input_tokens":100,"cache_creation_input_tokens":200,"cache_read_input_tokens":700,"output_tokens":50}"""));
  }

  @Test
  void answer_from_another_wire_gets_anthropic_blocks_stop_reason_and_usage() {
    ChatResponse r = new ChatResponse("chatcmpl-1", "gpt-test", 0, List.of(
        new ContentBlock.Thinking("let me think", null),
        new ContentBlock.Text("Calling."),
        new ContentBlock.ToolUse("call_1", "get_weather", "{\"city\":\"Paris\"}")),
        FinishReason.TOOL_CALLS, null, new Usage(30L, 12L, 0L, null, 5L, null));
    assertThat(encode(r)).isEqualTo(Golden.parse("""
        {"id":"chatcmpl-1","type":"message","role":"assistant","model":"gpt-test",
         "content":[{"type":"thinking","thinking":"let me think","signature":""},
                    {"type":"text","text":"Calling."},
                    {"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}}],
         "stop_reason":"tool_use","stop_sequence":null,
         "usage":{"input_tokens":30,"cache_read_input_tokens":0,"output_tokens":12}}"""));
  }

  @ParameterizedTest
  @CsvSource({"INVALID_REQUEST,invalid_request_error", "INVALID_API_KEY,authentication_error",
      "PERMISSION_DENIED,permission_error", "MODEL_NOT_FOUND,not_found_error", "BODY_TOO_LARGE,request_too_large",
      "RATE_LIMITED,rate_limit_error", "UPSTREAM_ERROR,api_error", "INTERNAL,api_error",
      "NO_PROVIDER_AVAILABLE,overloaded_error", "UPSTREAM_TIMEOUT,timeout_error"})
  void errors_use_anthropic_error_shape_and_type(ErrorKey key, String type) {
    JsonNode body = Golden.parse(new String(CODEC.encodeError(GatewayError.of(key, "why")), StandardCharsets.UTF_8));
    assertThat(body).isEqualTo(Golden.parse("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"why\"}}"));
  }

  @Test
  void upstream_caller_fault_keeps_the_upstream_status_type() {
    GatewayError e = new GatewayError(ErrorKey.UPSTREAM_BAD_REQUEST, 404, "Provider said: model not found", null);
    assertThat(Golden.parse(new String(CODEC.encodeError(e), StandardCharsets.UTF_8)).at("/error/type").asText())
        .isEqualTo("not_found_error");
  }
}
