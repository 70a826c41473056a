package dev.switchboard.protocol.responses;

import static dev.switchboard.protocol.responses.ResponsesGolden.gatewayError;
import static dev.switchboard.protocol.responses.ResponsesGolden.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.Message;
import dev.switchboard.model.ResponseFormat;
import dev.switchboard.model.Role;
import dev.switchboard.model.ToolChoice;
import org.junit.jupiter.api.Test;

class ResponsesRequestDecoderTest {
  private static final ResponsesClientCodec CODEC = ResponsesClientCodec.INSTANCE;

  @Test
  void string_input_becomes_one_user_message_and_keeps_the_body_for_pass_through() {
    ChatRequest r = CODEC.decodeRequest(ResponsesGolden.bytes("text.request.json"));
    assertThat(r.model()).isEqualTo("gpt-5.4");
    assertThat(r.messages()).containsExactly(Message.text(Role.USER, "Tell me a three sentence bedtime story about a unicorn."));
    assertThat(r.stream()).isFalse();
    assertThat(r.includeUsage()).isTrue();
    assertThat(r.inbound().wire()).isEqualTo(ResponsesClientCodec.WIRE);
    assertThat(r.inbound().body()).isEqualTo(ResponsesGolden.json("text.request.json"));
    assertThat(r.inbound().untranslatable()).isNull();
  }

  @Test
  void function_call_round_trip_maps_items_to_an_assistant_tool_call_and_a_tool_result() {
    ChatRequest r = CODEC.decodeRequest(ResponsesGolden.bytes("function_round_trip.request.json"));
    assertThat(r.messages()).hasSize(4);
    assertThat(r.messages().get(0)).isEqualTo(Message.text(Role.SYSTEM, "Use the tools when you need live data."));
    assertThat(r.messages().get(1)).isEqualTo(Message.text(Role.USER, "What is the weather like in Boston today?"));
    Message call = r.messages().get(2);
    assertThat(call.role()).isEqualTo(Role.ASSISTANT);
    assertThat(call.content()).containsExactly(new ContentBlock.ToolUse("call_unLAR8MvFNptuiZK6K6HCy5k",
        "get_current_weather", "{\"location\":\"Boston, MA\",\"unit\":\"celsius\"}"));
    Message result = r.messages().get(3);
    assertThat(result.role()).isEqualTo(Role.TOOL);
    ContentBlock.ToolResult tr = (ContentBlock.ToolResult) result.content().get(0);
    assertThat(tr.toolUseId()).isEqualTo("call_unLAR8MvFNptuiZK6K6HCy5k");
    assertThat(tr.text()).contains("sunny");
    assertThat(r.tools()).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("get_current_weather");
      assertThat(t.strict()).isTrue();
      assertThat(t.parameters().path("required").size()).isEqualTo(2);
    });
    assertThat(r.toolChoice()).isEqualTo(ToolChoice.AUTO);
    assertThat(r.parallelToolCalls()).isFalse();
    assertThat(r.maxTokens()).isEqualTo(500);
    assertThat(r.sampling().temperature()).isEqualTo(0.2);
    assertThat(r.sampling().topP()).isEqualTo(0.9);
    assertThat(r.responseFormat().type()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
    assertThat(r.responseFormat().name()).isEqualTo("weather_report");
    assertThat(r.responseFormat().strict()).isTrue();
    assertThat(r.user()).isEqualTo("user-1234");
    assertThat(r.inbound().untranslatable()).isNull();
  }

  @Test
  void reasoning_items_become_thinking_with_the_encrypted_content_as_signature() {
    ChatRequest r = CODEC.decodeRequest(ResponsesGolden.bytes("reasoning_round_trip.request.json"));
    assertThat(r.reasoning().effort()).isEqualTo("low");
    assertThat(r.messages()).extracting(Message::role)
        .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.USER);
    Message assistant = r.messages().get(2);
    assertThat(assistant.content()).hasSize(2);
    ContentBlock.Thinking thinking = (ContentBlock.Thinking) assistant.content().get(0);
    assertThat(thinking.text()).contains("700 pounds");
    assertThat(thinking.signature()).isEqualTo("gAAAAABoIPOEcIz3_opaque");
    assertThat(assistant.content().get(1)).isEqualTo(new ContentBlock.Text("About 700 pounds, if a woodchuck could chuck wood."));
  }

  @Test
  void image_input_parts_become_image_blocks() {
    ChatRequest r = CODEC.decodeRequest(ResponsesGolden.bytes("image.request.json"));
    Message user = r.messages().get(0);
    assertThat(user.content().get(0)).isEqualTo(new ContentBlock.Text("what is in this image?"));
    assertThat(user.content().get(1)).isInstanceOfSatisfying(ContentBlock.Image.class,
        i -> assertThat(i.url()).startsWith("https://upload.wikimedia.org/"));
  }

  @Test
  void json_object_format_and_named_tool_choice_are_decoded() {
    ChatRequest r = CODEC.decodeRequest(utf8("""
        {"model":"m","input":"hi","text":{"format":{"type":"json_object"}},
         "tools":[{"type":"function","name":"f","parameters":{"type":"object"}}],
         "tool_choice":{"type":"function","name":"f"},"stream":true}"""));
    assertThat(r.responseFormat()).isEqualTo(ResponseFormat.JSON_OBJECT);
    assertThat(r.toolChoice()).isEqualTo(ToolChoice.named("f"));
    assertThat(r.stream()).isTrue();
  }

  @Test
  void built_in_tools_are_marked_as_needing_the_responses_api() {
    ChatRequest r = CODEC.decodeRequest(ResponsesGolden.bytes("web_search.request.json"));
    assertThat(r.tools()).isEmpty();
    assertThat(r.inbound().untranslatable()).isEqualTo("tools[0] (web_search_preview)");
  }

  @Test
  void previous_response_id_is_marked_since_the_gateway_keeps_no_state() {
    ChatRequest r = CODEC.decodeRequest(utf8("{\"model\":\"m\",\"input\":\"and then?\",\"previous_response_id\":\"resp_1\"}"));
    assertThat(r.inbound().untranslatable()).isEqualTo("previous_response_id");
  }

  @Test
  void item_references_and_file_inputs_are_marked() {
    ChatRequest r = CODEC.decodeRequest(utf8("""
        {"model":"m","input":[{"role":"user","content":[{"type":"input_file","file_id":"file-1"}]}]}"""));
    assertThat(r.inbound().untranslatable()).isEqualTo("input[0].content[0] (input_file)");
    ChatRequest ref = CODEC.decodeRequest(utf8("{\"model\":\"m\",\"input\":[{\"type\":\"item_reference\",\"id\":\"msg_1\"}]}"));
    assertThat(ref.inbound().untranslatable()).isEqualTo("input[0] (item_reference)");
  }

  @Test
  void bad_input_is_rejected_naming_the_field() {
    GatewayException noModel = gatewayError(() -> CODEC.decodeRequest(utf8("{\"input\":\"hi\"}")));
    assertThat(noModel.error().param()).isEqualTo("model");
    GatewayException noInput = gatewayError(() -> CODEC.decodeRequest(utf8("{\"model\":\"m\"}")));
    assertThat(noInput.error().param()).isEqualTo("input");
    GatewayException badInput = gatewayError(() -> CODEC.decodeRequest(utf8("{\"model\":\"m\",\"input\":5}")));
    assertThat(badInput.error().param()).isEqualTo("input");
    assertThat(badInput.getMessage()).contains("'input' must be a string or an array of input items");
    GatewayException badRole = gatewayError(() -> CODEC.decodeRequest(
        utf8("{\"model\":\"m\",\"input\":[{\"role\":\"robot\",\"content\":\"x\"}]}")));
    assertThat(badRole.error().param()).isEqualTo("input[0].role");
    GatewayException noCallId = gatewayError(() -> CODEC.decodeRequest(
        utf8("{\"model\":\"m\",\"input\":[{\"type\":\"function_call_output\",\"output\":\"x\"}]}")));
    assertThat(noCallId.error().param()).isEqualTo("input[0].call_id");
    GatewayException badFormat = gatewayError(() -> CODEC.decodeRequest(
        utf8("{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"xml\"}}}")));
    assertThat(badFormat.error().param()).isEqualTo("text.format.type");
    GatewayException notJson = gatewayError(() -> CODEC.decodeRequest(utf8("{")));
    assertThat(notJson.error().key()).isEqualTo(ErrorKey.INVALID_JSON);
  }
}
