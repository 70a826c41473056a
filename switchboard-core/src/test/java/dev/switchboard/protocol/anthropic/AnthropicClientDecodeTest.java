package dev.switchboard.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.Message;
import dev.switchboard.model.Reasoning;
import dev.switchboard.model.Role;
import dev.switchboard.model.ToolChoice;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Inbound Messages requests (real payloads from the API reference) into the canonical request, and their errors. */
class AnthropicClientDecodeTest {
  static final AnthropicClientCodec CODEC = AnthropicClientCodec.INSTANCE;

  static ChatRequest decode(String json) { return CODEC.decodeRequest(json.getBytes(StandardCharsets.UTF_8)); }

  /** The canonical form carries everything the translating encoder needs: decode + encode gives the payload back. */
  @ParameterizedTest
  @ValueSource(strings = {"simple_text.request.json", "image.request.json", "sampling_stop_stream.request.json",
      "tool_round_trip.request.json", "thinking_round_trip.request.json"})
  void golden_request_decodes_to_a_canonical_form_that_encodes_back_to_the_same_payload(String golden) {
    JsonNode original = Golden.json(golden);
    ChatRequest request = CODEC.decodeRequest(Golden.bytes(golden));
    JsonNode reencoded = AnthropicCodec.encodeRequest(request, original.get("model").asText(), null);
    assertThat(reencoded).isEqualTo(original);
  }

  @Test
  void tool_results_become_tool_messages_named_after_their_tool_use_and_user_text_follows() {
    ChatRequest r = CODEC.decodeRequest(Golden.bytes("tool_round_trip.request.json"));
    assertThat(r.messages()).extracting(Message::role)
        .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.USER);
    var results = r.messages().get(3).content();
    assertThat(results).containsExactly(
        new ContentBlock.ToolResult("toolu_01A09q90qw90lq917835lq9", "get_weather", java.util.List.of(new ContentBlock.Text("15 degrees")), false),
        new ContentBlock.ToolResult("toolu_01B18r81rx81mr826946mr8", "get_weather", java.util.List.of(new ContentBlock.Text("Service unavailable")), true));
    assertThat(r.toolChoice()).isEqualTo(ToolChoice.AUTO);
    assertThat(r.parallelToolCalls()).isFalse();
    assertThat(r.tools().get(0).parameters().path("required").get(0).asText()).isEqualTo("location");
  }

  @Test
  void thinking_config_signatures_and_redacted_thinking_are_kept() {
    ChatRequest r = CODEC.decodeRequest(Golden.bytes("thinking_round_trip.request.json"));
    assertThat(r.reasoning()).isEqualTo(new Reasoning("high", 16384));
    assertThat(r.messages().get(3).content()).startsWith(
        new ContentBlock.Thinking("I need to find the GCD of 1071 and 462 using the Euclidean algorithm.",
            "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds..."));
    assertThat(r.messages().get(3).content().get(1)).isInstanceOf(ContentBlock.RedactedThinking.class);
  }

  @Test
  void sampling_stop_sequences_user_and_stream_are_read() {
    ChatRequest r = CODEC.decodeRequest(Golden.bytes("sampling_stop_stream.request.json"));
    assertThat(r.stop()).containsExactly("five");
    assertThat(r.sampling().temperature()).isEqualTo(0.2);
    assertThat(r.sampling().topK()).isEqualTo(40);
    assertThat(r.user()).isEqualTo("user-1234");
    assertThat(r.stream()).isTrue();
    assertThat(r.maxTokens()).isEqualTo(256);
  }

  @Test
  void original_body_is_kept_for_same_wire_pass_through() {
    ChatRequest r = CODEC.decodeRequest(Golden.bytes("simple_text.request.json"));
    assertThat(r.inbound().wire()).isEqualTo(AnthropicClientCodec.WIRE);
    assertThat(r.inbound().body()).isEqualTo(Golden.json("simple_text.request.json"));
    assertThat(r.inbound().untranslatable()).isNull();
  }

  @Test
  void pass_through_body_replaces_only_the_model_and_keeps_cache_control_and_signatures() {
    String json = """
        {"model":"my-alias","max_tokens":1024,"stream":true,"unknown_field":{"x":1},
         "system":[{"type":"text","text":"Long context","cache_control":{"type":"ephemeral","ttl":"1h"}}],
         "tools":[{"name":"t","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral"}}],
         "messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]},
           {"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"sig=="},{"type":"text","text":"ok"}]},
           {"role":"user","content":"again"}],
         "thinking":{"type":"enabled","budget_tokens":2048}}""";
    ChatRequest r = decode(json).withModel("anth/claude-test");
    JsonNode sent = Golden.parse(new String(AnthropicCodec.passThroughBody(r, "claude-upstream"), StandardCharsets.UTF_8));
    JsonNode expected = Golden.parse(json.replace("\"my-alias\"", "\"claude-upstream\""));
    assertThat(sent).isEqualTo(expected);
    assertThat(AnthropicCodec.canPassThrough(r)).isTrue();
  }

  @Test
  void anthropic_only_blocks_and_server_tools_are_kept_and_marked_untranslatable() {
    ChatRequest r = decode("""
        {"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"read"},
         {"type":"document","source":{"type":"text","media_type":"text/plain","data":"doc"}}]}]}""");
    assertThat(r.messages().get(0).content().get(1)).isInstanceOf(ContentBlock.Unknown.class);
    assertThat(r.inbound().untranslatable()).isEqualTo("messages.0.content.1 (document)");
    ChatRequest s = decode("""
        {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"}],
         "tools":[{"type":"web_search_20250305","name":"web_search","max_uses":3}]}""");
    assertThat(s.tools()).isEmpty();
    assertThat(s.inbound().untranslatable()).isEqualTo("tools.0 (web_search_20250305)");
  }

  @Test
  void tool_choice_any_and_named_tool_map_to_canonical_modes() {
    String base = "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"tools\":[{\"name\":\"t\",\"input_schema\":{\"type\":\"object\"}}],\"tool_choice\":";
    assertThat(decode(base + "{\"type\":\"any\"}}").toolChoice()).isEqualTo(ToolChoice.REQUIRED);
    assertThat(decode(base + "{\"type\":\"tool\",\"name\":\"t\"}}").toolChoice()).isEqualTo(ToolChoice.named("t"));
    assertThat(decode(base + "{\"type\":\"none\"}}").toolChoice()).isEqualTo(ToolChoice.NONE);
  }

  @Test
  void structured_output_format_ga_and_beta_become_a_json_schema_response_format() {
    String base = "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],";
    String schema = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}";
    for (String field : new String[] {"\"output_config\":{\"format\":", "\"output_format\":"}) {
      String close = field.startsWith("\"output_config") ? "}}" : "}";
      ChatRequest r = decode(base + field + "{\"type\":\"json_schema\",\"schema\":" + schema + "}" + close);
      assertThat(r.responseFormat().type()).as(field).isEqualTo(dev.switchboard.model.ResponseFormat.Type.JSON_SCHEMA);
      assertThat(r.responseFormat().schema().toString()).as(field).isEqualTo(schema);
    }
    assertThat(decode(base.substring(0, base.length() - 1) + "}").responseFormat()).isNull();
  }

  @Test
  void count_tokens_request_needs_no_max_tokens() {
    ChatRequest r = CODEC.decodeCountTokensRequest("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
        .getBytes(StandardCharsets.UTF_8));
    assertThat(r.maxTokens()).isNull();
  }

  @Test
  void final_assistant_prefill_may_be_empty() {
    ChatRequest r = decode("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
        + "{\"role\":\"assistant\",\"content\":\"\"}]}");
    assertThat(r.messages()).hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing model|{\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|model",
      "missing max_tokens|{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|max_tokens",
      "zero max_tokens|{\"model\":\"m\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|max_tokens",
      "no messages|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}|messages",
      "system role|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"system\",\"content\":\"hi\"}]}|messages.0.role",
      "empty user content|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"\"}]}|messages.0.content",
      "orphan tool_result|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"x\",\"content\":\"r\"}]}]}|messages.0.content.0",
      "unanswered tool_use|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"f\",\"input\":{}}]},{\"role\":\"user\",\"content\":\"go\"}]}|messages.1",
      "thinking in user turn|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"x\",\"signature\":\"s\"}]}]}|messages.0.content.0.type",
      "bad image source|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"ftp\"}}]}]}|messages.0.content.0.source.type",
      "role a number|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":1,\"content\":\"hi\"}]}|messages.0.role",
      "text block without text|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}|messages.0.content.0.text",
      "tool_use without id|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"name\":\"f\",\"input\":{}}]}]}|messages.1.content.0.id",
      "tool_use input a string|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":\"x\"}]}]}|messages.1.content.0.input",
      "thinking without signature|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"x\"}]}]}|messages.1.content.0.signature",
      "image without media type|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"data\":\"AAAA\"}}]}]}|messages.0.content.0.source.media_type",
      "tool_result is_error a string|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"f\",\"input\":{}}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"r\",\"is_error\":\"no\"}]}]}|messages.2.content.0.is_error",
      "tool_result without id|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"content\":\"r\"}]}]}|messages.0.content.0.tool_use_id",
      "system block without text|{\"model\":\"m\",\"max_tokens\":5,\"system\":[{\"type\":\"text\"}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|system.0.text",
      "small thinking budget|{\"model\":\"m\",\"max_tokens\":5000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":100},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|thinking.budget_tokens",
      "bad tool_choice|{\"model\":\"m\",\"max_tokens\":5,\"tool_choice\":{\"type\":\"required\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|tool_choice.type",
      "tool without schema|{\"model\":\"m\",\"max_tokens\":5,\"tools\":[{\"name\":\"t\"}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|tools.0.input_schema",
      "tool strict a string|{\"model\":\"m\",\"max_tokens\":5,\"tools\":[{\"name\":\"t\",\"input_schema\":{},\"strict\":\"yes\"}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|tools.0.strict",
      "tool description a number|{\"model\":\"m\",\"max_tokens\":5,\"tools\":[{\"name\":\"t\",\"input_schema\":{},\"description\":3}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|tools.0.description",
      "output format not a schema|{\"model\":\"m\",\"max_tokens\":5,\"output_config\":{\"format\":{\"type\":\"text\"}},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|output_config.format.type",
      "stop sequence not a string|{\"model\":\"m\",\"max_tokens\":5,\"stop_sequences\":[1],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|stop_sequences.0"})
  void bad_requests_are_rejected_naming_the_field(String name, String json, String field) {
    assertThatThrownBy(() -> decode(json))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.error().key()).isEqualTo(ErrorKey.INVALID_REQUEST);
          assertThat(e.error().param()).isEqualTo(field);
          assertThat(e.getMessage()).startsWith(field + ":");
        });
  }

  @Test
  void body_that_is_not_json_is_invalid_json() {
    assertThatThrownBy(() -> decode("{nope")).isInstanceOfSatisfying(GatewayException.class,
        e -> assertThat(e.error().key()).isEqualTo(ErrorKey.INVALID_JSON));
  }
}
