package dev.switchboard.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.Message;
import dev.switchboard.model.Reasoning;
import dev.switchboard.model.ResponseFormat;
import dev.switchboard.model.Role;
import dev.switchboard.model.Sampling;
import dev.switchboard.model.ToolChoice;
import dev.switchboard.model.ToolDef;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiRequestEncoderTest {

  static ChatRequest request(List<Message> messages) {
    return new ChatRequest("gemini-2.0-flash", messages, null, null, null, null, null, null, null, false, false,
        null, null, null);
  }

  static JsonNode encoded(ChatRequest request) { return Goldens.tree(GeminiRequestEncoder.encode(request)); }

  @Test
  void text_request_with_sampling_matches_golden() {
    ChatRequest r = new ChatRequest("gemini-2.0-flash",
        List.of(Message.text(Role.USER, "Write a story about a magic backpack.")), null, null, null, null,
        new Sampling(0.7, 0.95, 40, 0.5, 0.25, 42L), null, null, false, false, null, "user-1", null);
    assertThat(encoded(r)).isEqualTo(Goldens.json("text.request.json"));
  }

  @Test
  void system_tools_and_function_round_trip_match_golden() {
    ObjectNode lightParams = (ObjectNode) Goldens.tree("""
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
         "properties": {"brightness": {"type": "integer", "description": "Light level from 0 to 100."},
                        "color_temp": {"type": "string", "enum": ["daylight", "cool", "warm"]}},
         "required": ["brightness", "color_temp"], "additionalProperties": false}""".getBytes());
    JsonNode timeParams = Goldens.tree("""
        {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}""".getBytes());
    List<Message> messages = List.of(
        Message.text(Role.SYSTEM, "You are a helpful lighting system bot."),
        Message.text(Role.USER, "Turn the lights down to a romantic level"),
        new Message(Role.ASSISTANT, List.of(
            new ContentBlock.Text("I'll dim the lights for you."),
            new ContentBlock.Thinking("", "CiIBVKhc7oLx2Oj7bYZ4x1Q0Lrl1M8Hv2H0aTX5cgU0hZGY="),
            new ContentBlock.ToolUse("call_0", "set_light_values", "{\"brightness\":25,\"color_temp\":\"warm\"}")), null),
        new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("call_0", null,
            List.of(new ContentBlock.Text("{\"brightness\": 25, \"colorTemperature\": \"warm\"}")), false)), null),
        Message.text(Role.USER, "Thanks! And what time is it in Paris?"),
        new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("a1b2c3", "get_time", "{\"city\":\"Paris\"}")), null),
        new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("a1b2c3", null,
            List.of(new ContentBlock.Text("14:05")), false)), null));
    ChatRequest r = new ChatRequest("gemini-2.5-flash", messages,
        List.of(new ToolDef("set_light_values", "Sets the brightness and color temperature of a light.", lightParams, null),
            new ToolDef("get_time", null, timeParams, null)),
        ToolChoice.named("set_light_values"), true, null, null, null, null, false, false, null, null, null);

    assertThat(encoded(r)).isEqualTo(Goldens.json("tools_round_trip.request.json"));
    assertThat(lightParams.has("$schema")).as("the caller's schema is not modified").isTrue();
  }

  @Test
  void images_become_inline_data_or_file_data_with_guessed_mime_type() {
    ChatRequest r = request(List.of(new Message(Role.USER, List.of(
        new ContentBlock.Text("What is the difference between these two images?"),
        ContentBlock.Image.ofUrl("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "high"),
        ContentBlock.Image.ofUrl("https://example.com/photos/cat.webp?size=large", null),
        ContentBlock.Image.ofUrl("https://example.com/render", null)), null)));
    assertThat(encoded(r)).isEqualTo(Goldens.json("images.request.json"));
  }

  @Test
  void json_schema_stop_sequences_max_tokens_and_reasoning_effort_match_golden() {
    JsonNode schema = Goldens.tree("""
        {"type": "array", "items": {"type": "object",
          "properties": {"recipeName": {"type": "string"}, "ingredients": {"type": "array", "items": {"type": "string"}}},
          "required": ["recipeName", "ingredients"]}}""".getBytes());
    ChatRequest r = new ChatRequest("gemini-2.5-flash",
        List.of(Message.text(Role.USER, "List a few popular cookie recipes, and include the amounts of ingredients.")),
        null, null, null, new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "recipes", schema, true), null, 800,
        List.of("\n\n\n", "END"), true, true, new Reasoning("medium", null), null, null);
    assertThat(encoded(r)).isEqualTo(Goldens.json("json_schema.request.json"));
  }

  @Test
  void json_object_mode_sets_only_the_mime_type() {
    ChatRequest r = new ChatRequest("m", List.of(Message.text(Role.USER, "hi")), null, null, null,
        ResponseFormat.JSON_OBJECT, null, null, null, false, false, null, null, null);
    assertThat(encoded(r).path("generationConfig"))
        .isEqualTo(Goldens.tree("{\"responseMimeType\":\"application/json\"}".getBytes()));
  }

  @Test
  void reasoning_budget_wins_over_effort_and_none_turns_thinking_off() {
    ChatRequest budget = new ChatRequest("m", List.of(Message.text(Role.USER, "hi")), null, null, null, null, null,
        null, null, false, false, new Reasoning("high", 2048), null, null);
    assertThat(encoded(budget).at("/generationConfig/thinkingConfig"))
        .isEqualTo(Goldens.tree("{\"thinkingBudget\":2048,\"includeThoughts\":true}".getBytes()));
    ChatRequest off = new ChatRequest("m", List.of(Message.text(Role.USER, "hi")), null, null, null, null, null,
        null, null, false, false, new Reasoning("none", null), null, null);
    assertThat(encoded(off).at("/generationConfig/thinkingConfig"))
        .isEqualTo(Goldens.tree("{\"thinkingBudget\":0}".getBytes()));
  }

  @Test
  void unknown_reasoning_effort_is_rejected_naming_the_field() {
    ChatRequest r = new ChatRequest("m", List.of(Message.text(Role.USER, "hi")), null, null, null, null, null,
        null, null, false, false, new Reasoning("extreme", null), null, null);
    assertThatThrownBy(() -> GeminiRequestEncoder.encode(r)).isInstanceOf(GatewayException.class)
        .satisfies(e -> assertThat(((GatewayException) e).error().param()).isEqualTo("reasoning_effort"));
  }

  @Test
  void tool_choice_modes_map_to_function_calling_modes() {
    ToolDef tool = new ToolDef("f", null, null, null);
    for (var c : List.of(List.of(ToolChoice.AUTO, "AUTO"), List.of(ToolChoice.NONE, "NONE"),
        List.of(ToolChoice.REQUIRED, "ANY"))) {
      ChatRequest r = new ChatRequest("m", List.of(Message.text(Role.USER, "hi")), List.of(tool),
          (ToolChoice) c.get(0), null, null, null, null, null, false, false, null, null, null);
      JsonNode json = encoded(r);
      assertThat(json.at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo(c.get(1));
      assertThat(json.at("/tools/0/functionDeclarations/0")).isEqualTo(Goldens.tree("{\"name\":\"f\"}".getBytes()));
    }
  }

  @Test
  void tool_result_name_comes_from_the_result_when_given_and_non_object_errors_are_wrapped() {
    ChatRequest r = request(List.of(Message.text(Role.USER, "go"),
        new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("x9", "lookup",
            List.of(new ContentBlock.Text("not found")), true)), null)));
    assertThat(encoded(r).at("/contents/0/parts/1")).isEqualTo(Goldens.tree(
        "{\"functionResponse\":{\"id\":\"x9\",\"name\":\"lookup\",\"response\":{\"error\":\"not found\"}}}".getBytes()));
  }

  @Test
  void tool_result_without_a_known_function_name_is_rejected() {
    ChatRequest r = request(List.of(new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("nope", null,
        List.of(new ContentBlock.Text("1")), false)), null)));
    assertThatThrownBy(() -> GeminiRequestEncoder.encode(r)).isInstanceOf(GatewayException.class)
        .hasMessageContaining("nope")
        .satisfies(e -> assertThat(((GatewayException) e).error().param()).isEqualTo("messages[0].content[0]"));
  }

  @Test
  void malformed_tool_call_arguments_are_rejected_naming_the_message() {
    ChatRequest r = request(List.of(Message.text(Role.USER, "go"),
        new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("c", "f", "{oops")), null)));
    assertThatThrownBy(() -> GeminiRequestEncoder.encode(r)).isInstanceOf(GatewayException.class)
        .satisfies(e -> assertThat(((GatewayException) e).error().param()).isEqualTo("messages[1].content[0]"));
  }

  @Test
  void decoded_thinking_and_parallel_calls_encode_back_to_the_same_parts() {
    for (String golden : List.of("parallel_calls.response.json", "thinking.response.json")) {
      ChatResponse decoded = GeminiResponseDecoder.decode(Goldens.bytes(golden), "m");
      JsonNode json = encoded(request(List.of(Message.text(Role.USER, "go"),
          new Message(Role.ASSISTANT, decoded.content(), null))));
      assertThat(json.at("/contents/1")).as(golden).isEqualTo(Goldens.json(golden).at("/candidates/0/content"));
    }
  }

  @Test
  void a_trailing_signature_is_echoed_on_an_empty_text_part() {
    ChatRequest r = request(List.of(Message.text(Role.USER, "go"), new Message(Role.ASSISTANT, List.of(
        new ContentBlock.Text("done"), new ContentBlock.Thinking("", "SIG")), null)));
    assertThat(encoded(r).at("/contents/1/parts")).isEqualTo(Goldens.tree(
        "[{\"text\":\"done\"},{\"text\":\"\",\"thoughtSignature\":\"SIG\"}]".getBytes()));
  }

  @Test
  void an_empty_assistant_text_beside_tool_calls_sends_no_empty_text_part() {
    // Gemini refuses {"text":""} ("empty text parameter"); OpenAI clients send "content":"" beside tool_calls.
    ChatRequest r = request(List.of(Message.text(Role.USER, "Weather in Paris?"), new Message(Role.ASSISTANT, List.of(
        new ContentBlock.Text(""), new ContentBlock.ToolUse("call_abc", "get_weather", "{\"city\":\"Paris\"}")), null)));
    assertThat(encoded(r).at("/contents/1/parts")).isEqualTo(Goldens.tree(
        "[{\"functionCall\":{\"id\":\"call_abc\",\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}}]".getBytes()));
  }

  @Test
  void made_up_call_ids_are_not_sent_to_gemini_as_ids() {
    for (String id : List.of("call_3", "call_0123456789abcdef_12")) {
      ChatRequest r = request(List.of(Message.text(Role.USER, "go"),
          new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse(id, "f", "{}")), null),
          new Message(Role.TOOL, List.of(new ContentBlock.ToolResult(id, null, List.of(new ContentBlock.Text("1")), false)),
              null)));
      JsonNode contents = encoded(r).path("contents");
      assertThat(contents.at("/1/parts/0/functionCall").has("id")).as(id).isFalse();
      assertThat(contents.at("/2/parts/0/functionResponse").has("id")).as(id).isFalse();
      assertThat(contents.at("/2/parts/0/functionResponse/name").asText()).isEqualTo("f");
    }
    for (String id : List.of("call_Xk3", "call_0123456789abcdeF_1", "call_0123456789abcdef_", "call_")) {
      assertThat(GeminiJson.isGeneratedCallId(id)).as(id).isFalse();
    }
  }

  @Test
  void consecutive_same_role_messages_merge_into_one_turn() {
    ChatRequest r = request(List.of(Message.text(Role.USER, "a"), Message.text(Role.USER, "b"),
        Message.text(Role.ASSISTANT, "c")));
    assertThat(encoded(r).path("contents")).isEqualTo(Goldens.tree(
        "[{\"role\":\"user\",\"parts\":[{\"text\":\"a\"},{\"text\":\"b\"}]},{\"role\":\"model\",\"parts\":[{\"text\":\"c\"}]}]"
            .getBytes()));
  }
}
