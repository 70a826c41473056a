package dev.switchboard.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.Message;
import dev.switchboard.model.Reasoning;
import dev.switchboard.model.Role;
import dev.switchboard.protocol.openai.OpenAiChatCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OpenAI requests that are valid for OpenAI but that Anthropic refuses with a 400 (which the gateway treats as the
 * caller's fault: no retry, no fallback) are sent in a shape Anthropic takes. Each case names Anthropic's refusal.
 */
class AnthropicRequestRefusalsTest {
  private static final String TOOLS = """
      "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
        "properties":{"city":{"type":"string"}}}}}]""";

  private static JsonNode anthropic(String openAiRequest) {
    ChatRequest r = OpenAiChatCodec.INSTANCE.decodeRequest(openAiRequest.getBytes(StandardCharsets.UTF_8));
    return anthropic(r);
  }

  private static JsonNode anthropic(ChatRequest request) {
    return Golden.parse(new String(AnthropicCodec.encodeRequestBytes(request, "claude-sonnet-4-5-20250929", 64000),
        StandardCharsets.UTF_8));
  }

  @Test
  void whitespace_only_stop_sequences_are_left_out() {
    // "each stop sequence must contain non-whitespace"; OpenAI clients often send stop: ["\n"].
    JsonNode some = anthropic("""
        {"model":"m","messages":[{"role":"user","content":"hi"}],"stop":["\\n","END","\\n\\n"]}""");
    assertThat(some.get("stop_sequences")).isEqualTo(Golden.parse("[\"END\"]"));
    JsonNode none = anthropic("""
        {"model":"m","messages":[{"role":"user","content":"hi"}],"stop":"\\n"}""");
    assertThat(none.has("stop_sequences")).isFalse();
  }

  @Test
  void reasoning_content_sent_back_without_a_signature_is_left_out() {
    // "messages.1.content.0.thinking.signature: Field required": the gateway's own reasoning_content, echoed back in
    // the history by a client appending choices[0].message.
    JsonNode body = anthropic("""
        {"model":"m","messages":[{"role":"user","content":"What is 2+2?"},
          {"role":"assistant","content":"4","reasoning_content":"Simple arithmetic."},
          {"role":"user","content":"And 3+3?"}]}""");
    assertThat(body.at("/messages/1")).isEqualTo(Golden.parse("{\"role\":\"assistant\",\"content\":\"4\"}"));
  }

  @Test
  void signed_thinking_is_kept() {
    ChatRequest r = new ChatRequest("m", List.of(
        Message.text(Role.USER, "Weather in Paris?"),
        new Message(Role.ASSISTANT, List.of(new ContentBlock.Thinking("Look it up.", "sig-1"),
            new ContentBlock.ToolUse("toolu_01", "get_weather", "{\"city\":\"Paris\"}")), null),
        new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("toolu_01", "get_weather",
            List.of(new ContentBlock.Text("18C")), false)), null)),
        null, null, null, null, null, null, null, false, false, new Reasoning("low", null), null, null);
    JsonNode body = anthropic(r);
    assertThat(body.at("/messages/1/content/0")).isEqualTo(Golden.parse(
        "{\"type\":\"thinking\",\"thinking\":\"Look it up.\",\"signature\":\"sig-1\"}"));
    assertThat(body.at("/thinking/type").asText()).isEqualTo("enabled");
  }

  @Test
  void thinking_is_left_off_when_the_open_tool_loop_lacks_its_signed_thinking_block() {
    // "When thinking is enabled, a final assistant message must start with a thinking block": an OpenAI client
    // never saw the signature, so the second turn of every tool loop with reasoning_effort would be refused.
    JsonNode body = anthropic("""
        {"model":"m","reasoning_effort":"low",%s,
         "messages":[{"role":"user","content":"Weather in Paris?"},
          {"role":"assistant","content":null,"tool_calls":[{"id":"toolu_01","type":"function",
            "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
          {"role":"tool","tool_call_id":"toolu_01","content":"18C"}]}""".formatted(TOOLS));
    assertThat(body.has("thinking")).isFalse();
    assertThat(body.at("/messages/1/content/0/type").asText()).isEqualTo("tool_use");
    // The first turn of the same loop keeps it.
    JsonNode first = anthropic("""
        {"model":"m","reasoning_effort":"low",%s,"messages":[{"role":"user","content":"Weather in Paris?"}]}"""
        .formatted(TOOLS));
    assertThat(first.at("/thinking/budget_tokens").asInt()).isEqualTo(1024);
  }

  @Test
  void a_signature_without_thinking_text_is_left_out() {
    // Gemini's call signature, which an OpenAI client sends back as extra_content (canonically an empty-text signed
    // Thinking block): "Invalid signature in thinking block". The tool turn is then unsigned: thinking is left off.
    JsonNode body = anthropic("""
        {"model":"m","reasoning_effort":"low",%s,
         "messages":[{"role":"user","content":"Weather in Paris?"},
          {"role":"assistant","content":"","tool_calls":[{"id":"call_0123456789abcdef_0","type":"function",
            "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"},
            "extra_content":{"google":{"thought_signature":"CikB0e2Kb6x3"}}}]},
          {"role":"tool","tool_call_id":"call_0123456789abcdef_0","content":"18C"}]}""".formatted(TOOLS));
    assertThat(body.at("/messages/1/content")).hasSize(1);
    assertThat(body.at("/messages/1/content/0/type").asText()).isEqualTo("tool_use");
    assertThat(body.has("thinking")).isFalse();
  }

  @Test
  void thinking_is_left_off_when_the_client_forces_a_tool() {
    // "Thinking isn't compatible with ... forced tool use."
    for (String choice : List.of("\"required\"", "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}")) {
      JsonNode body = anthropic("""
          {"model":"m","reasoning_effort":"medium","tool_choice":%s,%s,
           "messages":[{"role":"user","content":"Weather in Paris?"}]}""".formatted(choice, TOOLS));
      assertThat(body.has("thinking")).as(choice).isFalse();
      assertThat(body.at("/tool_choice/type").asText()).as(choice).isIn("any", "tool");
    }
  }

  @Test
  void with_thinking_on_temperature_and_top_k_are_left_out_and_top_p_only_from_095() {
    // "Thinking isn't compatible with temperature or top_k modifications ... you can set top_p to values between 1
    // and 0.95."
    JsonNode low = anthropic("""
        {"model":"m","reasoning_effort":"medium","temperature":0.2,"top_p":0.5,
         "messages":[{"role":"user","content":"hi"}]}""");
    assertThat(low.has("thinking")).isTrue();
    assertThat(low.has("temperature")).isFalse();
    assertThat(low.has("top_p")).isFalse();
    JsonNode high = anthropic("""
        {"model":"m","reasoning_effort":"medium","top_p":0.97,"messages":[{"role":"user","content":"hi"}]}""");
    assertThat(high.get("top_p").asDouble()).isEqualTo(0.97);
  }

  @Test
  void temperature_above_anthropics_range_is_capped_at_1() {
    // OpenAI takes 0-2; Anthropic "Required range: 0 <= x <= 1".
    assertThat(anthropic("""
        {"model":"m","temperature":1.3,"messages":[{"role":"user","content":"Write a poem"}]}""")
        .get("temperature").asDouble()).isEqualTo(1.0);
    assertThat(anthropic("""
        {"model":"m","temperature":0.3,"messages":[{"role":"user","content":"Write a poem"}]}""")
        .get("temperature").asDouble()).isEqualTo(0.3);
  }

  @Test
  void tool_call_ids_from_other_providers_are_made_valid_and_stay_paired() {
    // "tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'": Kimi-style ids after a fallback or a model
    // switch in the middle of a conversation.
    JsonNode body = anthropic("""
        {"model":"m",%s,
         "messages":[{"role":"user","content":"Weather in Paris and Rome?"},
          {"role":"assistant","content":null,"tool_calls":[
            {"id":"functions.get_weather:0","type":"function","function":{"name":"get_weather","arguments":"{}"}},
            {"id":"functions.get_weather:1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"functions.get_weather:0","content":"18C"},
          {"role":"tool","tool_call_id":"functions.get_weather:1","content":"21C"}]}""".formatted(TOOLS));
    String first = body.at("/messages/1/content/0/id").asText();
    String second = body.at("/messages/1/content/1/id").asText();
    assertThat(first).matches("[a-zA-Z0-9_-]+").isNotEqualTo(second);
    assertThat(second).matches("[a-zA-Z0-9_-]+");
    assertThat(body.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo(first);
    assertThat(body.at("/messages/2/content/1/tool_use_id").asText()).isEqualTo(second);
    assertThat(RequestEncoder.toolId("toolu_01A09q90qw90lq917835lq9")).isEqualTo("toolu_01A09q90qw90lq917835lq9");
  }

  @Test
  void whitespace_only_text_beside_tool_calls_is_left_out() {
    // "text content blocks must contain non-whitespace text".
    JsonNode body = anthropic("""
        {"model":"m",%s,
         "messages":[{"role":"user","content":"Weather in Paris?"},
          {"role":"assistant","content":"\\n\\n","tool_calls":[{"id":"toolu_01","type":"function",
            "function":{"name":"get_weather","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"toolu_01","content":"18C"}]}""".formatted(TOOLS));
    assertThat(body.at("/messages/1/content").size()).isEqualTo(1);
    assertThat(body.at("/messages/1/content/0/type").asText()).isEqualTo("tool_use");
    // A user turn of nothing but whitespace is the caller's to mend: it is sent as given, not silently dropped.
    JsonNode blank = anthropic("""
        {"model":"m","messages":[{"role":"user","content":"  "}]}""");
    assertThat(blank.at("/messages/0/content").asText()).isEqualTo("  ");
  }

  @Test
  void an_empty_system_message_adds_no_system_block() {
    // "text content blocks must be non-empty".
    JsonNode body = anthropic("""
        {"model":"m","messages":[{"role":"system","content":""},{"role":"system","content":"Be brief."},
          {"role":"user","content":"hi"}]}""");
    assertThat(body.get("system").asText()).isEqualTo("Be brief.");
  }
}
