package dev.switchboard.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.ChatRequest;
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

class AnthropicRequestEncoderTest {
  static final String SONNET = "claude-sonnet-4-5-20250929";
  static final String HAIKU = "claude-haiku-4-5-20251001";

  static ChatRequest request(List<Message> messages, List<ToolDef> tools, ToolChoice choice, Boolean parallel,
                             ResponseFormat format, Integer maxTokens, Reasoning reasoning) {
    return new ChatRequest("client-model", messages, tools, choice, parallel, format, null, maxTokens, null,
        false, false, reasoning, null, null);
  }

  static ChatRequest simple(List<Message> messages) {
    return request(messages, null, null, null, null, null, null);
  }

  static ToolDef weatherTool() {
    return new ToolDef("get_weather", "Get the current weather in a given location", Golden.parse("""
        {"type": "object",
         "properties": {
           "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
           "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
         "required": ["location"]}"""), null);
  }

  static JsonNode encode(ChatRequest request, String model, Integer modelMax) {
    return Golden.parse(new String(AnthropicCodec.encodeRequestBytes(request, model, modelMax)));
  }

  @Test
  void simple_text_request_matches_golden() {
    ChatRequest r = request(List.of(Message.text(Role.USER, "Hello, Claude")), null, null, null, null, 1024, null);
    assertThat(encode(r, SONNET, 64000)).isEqualTo(Golden.json("simple_text.request.json"));
  }

  @Test
  void system_tool_calls_and_results_become_alternating_anthropic_turns() {
    List<Message> messages = List.of(
        Message.text(Role.SYSTEM, "You are a helpful weather assistant."),
        Message.text(Role.USER, "What's the weather like in San Francisco and New York?"),
        new Message(Role.ASSISTANT, List.of(
            new ContentBlock.Text("I'll check the weather in both cities for you."),
            new ContentBlock.ToolUse("toolu_01A09q90qw90lq917835lq9", "get_weather", "{\"location\": \"San Francisco, CA\"}"),
            new ContentBlock.ToolUse("toolu_01B18r81rx81mr826946mr8", "get_weather",
                "{\"location\":\"New York, NY\",\"unit\":\"fahrenheit\"}")), null),
        new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("toolu_01A09q90qw90lq917835lq9", "get_weather",
            List.of(new ContentBlock.Text("15 degrees")), false)), null),
        new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("toolu_01B18r81rx81mr826946mr8", "get_weather",
            List.of(new ContentBlock.Text("Service unavailable")), true)), null),
        Message.text(Role.USER, "Please try New York again."));
    ChatRequest r = request(messages, List.of(weatherTool()), null, false, null, null, null);

    assertThat(encode(r, SONNET, null)).isEqualTo(Golden.json("tool_round_trip.request.json"));
  }

  @Test
  void thinking_blocks_round_trip_with_signature_and_effort_sets_a_budget_below_max_tokens() {
    List<Message> messages = List.of(
        Message.text(Role.SYSTEM, "You are a careful mathematician."),
        Message.text(Role.SYSTEM, "Show only the final answer."),
        Message.text(Role.USER, "What is the greatest common divisor of 1071 and 462?"),
        new Message(Role.ASSISTANT, List.of(
            new ContentBlock.Thinking("I need to find the GCD of 1071 and 462 using the Euclidean algorithm.",
                "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds..."),
            new ContentBlock.RedactedThinking(
                "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB5URj"),
            new ContentBlock.Text("The greatest common divisor of 1071 and 462 is **21**.")), null),
        Message.text(Role.USER, "And of 1071 and 1029?"));
    ChatRequest r = request(messages, null, null, null, null, 4096, new Reasoning("high", null));

    assertThat(encode(r, SONNET, 64000)).isEqualTo(Golden.json("thinking_round_trip.request.json"));
  }

  @Test
  void inline_and_url_images_become_base64_and_url_sources() {
    ChatRequest r = simple(List.of(new Message(Role.USER, List.of(
        ContentBlock.Image.ofUrl("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "auto"),
        ContentBlock.Image.ofUrl("https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg", null),
        new ContentBlock.Text("Compare these two images.")), null)));

    assertThat(encode(r, SONNET, 8192)).isEqualTo(Golden.json("image.request.json"));
  }

  @Test
  void stop_sampling_user_and_stream_flag_are_sent() {
    ChatRequest r = new ChatRequest("client-model",
        List.of(Message.text(Role.USER, "Count from one to ten in words, one per line.")), null, null, null, null,
        new Sampling(0.2, 0.9, 40, 0.5, 0.1, 7L), 256, List.of("five"), true, true, null, "user-1234", null);

    assertThat(encode(r, HAIKU, null)).isEqualTo(Golden.json("sampling_stop_stream.request.json"));
  }

  @Test
  void json_schema_is_emulated_with_a_forced_tool() {
    JsonNode schema = Golden.json("json_schema.request.json").at("/tools/0/input_schema");
    ChatRequest r = request(
        List.of(Message.text(Role.USER, "Give me the weather in San Francisco, London, Paris and Berlin.")),
        null, null, null, new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "weather", schema, true), null, null);

    assertThat(encode(r, HAIKU, null)).isEqualTo(Golden.json("json_schema.request.json"));
  }

  @Test
  void json_schema_with_thinking_asks_for_the_tool_instead_of_forcing_it() {
    JsonNode schema = Golden.parse("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}");
    ChatRequest r = request(List.of(Message.text(Role.USER, "hi")), null, null, null,
        new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "x", schema, null), 2000, new Reasoning(null, 1024));

    JsonNode body = encode(r, HAIKU, null);
    assertThat(body.has("tool_choice")).isFalse();
    assertThat(body.at("/tools/0/name").asText()).isEqualTo(AnthropicCodec.JSON_TOOL_NAME);
    assertThat(body.get("system").asText()).contains(AnthropicCodec.JSON_TOOL_NAME);
    assertThat(body.at("/thinking/budget_tokens").asInt()).isEqualTo(1024);
    assertThat(body.get("max_tokens").asInt()).isEqualTo(2000);
  }

  @Test
  void json_object_appends_a_system_instruction() {
    ChatRequest r = request(List.of(Message.text(Role.SYSTEM, "You extract contact details."),
            Message.text(Role.USER, "Jane Doe, jane@example.com, +1 555 0100")),
        null, null, null, ResponseFormat.JSON_OBJECT, null, null);

    assertThat(encode(r, HAIKU, null)).isEqualTo(Golden.json("json_object.request.json"));
  }

  @Test
  void tool_choice_modes_map_to_anthropic_types() {
    assertThat(choice(ToolChoice.AUTO, null)).isEqualTo(Golden.parse("{\"type\":\"auto\"}"));
    assertThat(choice(ToolChoice.REQUIRED, null)).isEqualTo(Golden.parse("{\"type\":\"any\"}"));
    assertThat(choice(ToolChoice.named("get_weather"), false))
        .isEqualTo(Golden.parse("{\"type\":\"tool\",\"name\":\"get_weather\",\"disable_parallel_tool_use\":true}"));
    assertThat(choice(ToolChoice.NONE, false)).isEqualTo(Golden.parse("{\"type\":\"none\"}"));
    assertThat(choice(null, null)).isNull();
  }

  private static JsonNode choice(ToolChoice tc, Boolean parallel) {
    ChatRequest r = request(List.of(Message.text(Role.USER, "hi")), List.of(weatherTool()), tc, parallel, null, null, null);
    return encode(r, SONNET, null).get("tool_choice");
  }

  @Test
  void max_tokens_falls_back_to_the_model_limit_then_to_4096() {
    ChatRequest r = simple(List.of(Message.text(Role.USER, "hi")));
    assertThat(encode(r, SONNET, 64000).get("max_tokens").asInt()).isEqualTo(64000);
    assertThat(encode(r, SONNET, null).get("max_tokens").asInt()).isEqualTo(4096);
  }

  @Test
  void thinking_budget_stays_below_max_tokens_when_the_model_limit_caps_it() {
    ChatRequest r = request(List.of(Message.text(Role.USER, "hi")), null, null, null, null, 8000, new Reasoning("high", null));
    JsonNode body = encode(r, SONNET, 10000);
    assertThat(body.get("max_tokens").asInt()).isEqualTo(10000);
    assertThat(body.at("/thinking/budget_tokens").asInt()).isEqualTo(9999);
  }

  @Test
  void blank_tool_arguments_become_an_empty_input_object() {
    ChatRequest r = simple(List.of(Message.text(Role.USER, "check"),
        new Message(Role.ASSISTANT, List.of(new ContentBlock.Text(""), new ContentBlock.ToolUse("toolu_1", "checkSandboxErrors", " ")), null)));
    JsonNode assistant = encode(r, SONNET, null).at("/messages/1/content");
    assertThat(assistant).hasSize(1);
    assertThat(assistant.get(0).get("input")).isEqualTo(Golden.parse("{}"));
  }

  @Test
  void invalid_tool_arguments_are_rejected_naming_the_field() {
    ChatRequest r = simple(List.of(Message.text(Role.USER, "check"),
        new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("toolu_1", "get_weather", "{\"location\":")), null)));
    assertThatThrownBy(() -> encode(r, SONNET, null))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.error().param()).isEqualTo("messages[1].content[0].arguments"));
  }

  @Test
  void non_http_image_urls_are_rejected_naming_the_field() {
    ChatRequest r = simple(List.of(new Message(Role.USER, List.of(ContentBlock.Image.ofUrl("ftp://x/y.png", null)), null)));
    assertThatThrownBy(() -> encode(r, SONNET, null))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.error().param()).isEqualTo("messages[0].content[0].image_url"));
  }

  @Test
  void unknown_reasoning_effort_is_rejected() {
    ChatRequest r = request(List.of(Message.text(Role.USER, "hi")), null, null, null, null, null, new Reasoning("extreme", null));
    assertThatThrownBy(() -> encode(r, SONNET, null))
        .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().param()).isEqualTo("reasoning_effort"));
  }
}
