package dev.switchboard.protocol.openai;

import static dev.switchboard.protocol.openai.OpenAiGolden.gatewayError;
import static dev.switchboard.protocol.openai.OpenAiGolden.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.ErrorKey;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiRequestDecoderTest {
  private static final OpenAiChatCodec CODEC = OpenAiChatCodec.INSTANCE;

  private static ChatRequest golden(String name) { return CODEC.decodeRequest(OpenAiGolden.bytes(name)); }

  @Test
  void developer_and_user_text_decode_to_system_and_user_messages() {
    ChatRequest r = golden("text.request.json");
    assertThat(r.model()).isEqualTo("gpt-4o-mini");
    assertThat(r.messages()).containsExactly(
        Message.text(Role.SYSTEM, "You are a helpful assistant."),
        Message.text(Role.USER, "Hello!"));
    assertThat(r.stream()).isFalse();
    assertThat(r.includeUsage()).isFalse();
    assertThat(r.sampling()).isEqualTo(Sampling.NONE);
    assertThat(r.maxTokens()).isNull();
    assertThat(r.tools()).isEmpty();
    assertThat(r.toolChoice()).isNull();
    assertThat(r.responseFormat()).isNull();
    assertThat(r.reasoning()).isNull();
    assertThat(r.extra()).isEmpty();
  }

  @Test
  void system_text_parts_sampling_stop_array_and_n_1_decode() {
    ChatRequest r = golden("system_sampling_stop.request.json");
    assertThat(r.messages().get(0)).isEqualTo(new Message(Role.SYSTEM,
        List.of(new ContentBlock.Text("You are a poet. "), new ContentBlock.Text("Answer in verse.")), null));
    assertThat(r.messages().get(1)).isEqualTo(new Message(Role.USER,
        List.of(new ContentBlock.Text("Write a haiku about recursion in programming.")), "alice"));
    assertThat(r.sampling()).isEqualTo(new Sampling(0.7, 0.9, null, 0.5, 0.25, 42L));
    assertThat(r.maxTokens()).isEqualTo(300);
    assertThat(r.stop()).containsExactly("\n\n", "END");
    assertThat(r.user()).isEqualTo("user-1234");
    assertThat(r.extra()).isEmpty(); // n=1 is the only answer we give, nothing to pass on
  }

  @Test
  void image_parts_by_url_and_base64_data_url_decode() {
    ChatRequest r = golden("image.request.json");
    List<ContentBlock> content = r.messages().get(0).content();
    assertThat(content).hasSize(3);
    assertThat(content.get(0)).isEqualTo(new ContentBlock.Text("What is in this image?"));
    assertThat(content.get(1)).isEqualTo(new ContentBlock.Image(
        "https://upload.wikimedia.org/wikipedia/commons/thumb/d/dd/Gfp-wisconsin-madison-the-nature-boardwalk.jpg/2560px-Gfp-wisconsin-madison-the-nature-boardwalk.jpg",
        null, null, "high"));
    assertThat(content.get(2)).isInstanceOfSatisfying(ContentBlock.Image.class, img -> {
      assertThat(img.isInline()).isTrue();
      assertThat(img.mediaType()).isEqualTo("image/png");
      assertThat(img.base64Data()).startsWith("iVBORw0KGgo").endsWith("ErkJggg==");
      assertThat(img.detail()).isNull();
    });
    assertThat(r.hasImages()).isTrue();
  }

  @Test
  void multi_turn_with_tool_call_and_tool_result_decodes() {
    ChatRequest r = golden("tools_round_trip.request.json");
    assertThat(r.messages()).hasSize(4);
    assertThat(r.messages().get(2)).isEqualTo(new Message(Role.ASSISTANT, List.of(
        new ContentBlock.ToolUse("call_12345xyz", "get_weather", "{\"latitude\":48.8566,\"longitude\":2.3522}")), null));
    assertThat(r.messages().get(3)).isEqualTo(new Message(Role.TOOL, List.of(
        new ContentBlock.ToolResult("call_12345xyz", null, List.of(new ContentBlock.Text("14.2")), false)), null));
    assertThat(r.tools()).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("get_weather");
      assertThat(t.description()).isEqualTo("Get current temperature for provided coordinates in celsius.");
      assertThat(t.parameters().path("required").toString()).isEqualTo("[\"latitude\",\"longitude\"]");
      assertThat(t.strict()).isTrue();
    });
    assertThat(r.toolChoice()).isEqualTo(ToolChoice.named("get_weather"));
    assertThat(r.parallelToolCalls()).isFalse();
  }

  @Test
  void parallel_tool_calls_and_their_results_keep_ids_and_order() {
    ChatRequest r = golden("parallel_tools.request.json");
    assertThat(r.messages().get(1).content()).extracting(b -> ((ContentBlock.ToolUse) b).id())
        .containsExactly("call_FthC9qRpsL5kBpwwyw6c7j4k", "call_RpEDoB8O0FTL9JoKTuCVFOyR", "call_Jv2qtNHdvoTAd7CxDg8TXLVx");
    assertThat(r.messages().subList(2, 5)).allSatisfy(m -> assertThat(m.role()).isEqualTo(Role.TOOL));
    ContentBlock.ToolResult last = (ContentBlock.ToolResult) r.messages().get(4).content().get(0);
    assertThat(last.toolUseId()).isEqualTo("call_Jv2qtNHdvoTAd7CxDg8TXLVx");
    assertThat(last.text()).isEqualTo("{\"location\": \"Paris\", \"temperature\": \"22\", \"unit\": \"celsius\"}");
    assertThat(r.toolChoice()).isEqualTo(ToolChoice.AUTO);
  }

  @Test
  void a_thought_signature_in_extra_content_comes_just_before_its_call_and_is_not_sent_to_openai_upstreams() {
    // Google's OpenAI-compatible shape, which the gateway hands out with Gemini's calls and clients send back.
    ChatRequest r = CODEC.decodeRequest(utf8("""
        {"model":"m","messages":[{"role":"user","content":"Weather?"},
          {"role":"assistant","content":"Checking.","tool_calls":[
            {"id":"c1","type":"function","function":{"name":"w","arguments":"{}"},
             "extra_content":{"google":{"thought_signature":"SIG"}}},
            {"id":"c2","type":"function","function":{"name":"w","arguments":"{}"},"extra_content":{"google":{}}}]}]}"""));
    assertThat(r.messages().get(1).content()).containsExactly(new ContentBlock.Text("Checking."),
        new ContentBlock.Thinking("", "SIG"), new ContentBlock.ToolUse("c1", "w", "{}"),
        new ContentBlock.ToolUse("c2", "w", "{}"));
    JsonNode upstream = OpenAiGolden.tree(OpenAiRequestEncoder.encode(r, "gpt-x", false));
    assertThat(upstream.at("/messages/1/tool_calls/0").has("extra_content")).isFalse();
  }

  @Test
  void json_object_response_format_decodes() {
    assertThat(golden("json_object.request.json").responseFormat()).isEqualTo(ResponseFormat.JSON_OBJECT);
  }

  @Test
  void json_schema_response_format_keeps_name_schema_and_strict() {
    ResponseFormat f = golden("json_schema.request.json").responseFormat();
    assertThat(f.type()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
    assertThat(f.name()).isEqualTo("math_reasoning");
    assertThat(f.strict()).isTrue();
    assertThat(f.schema()).isEqualTo(OpenAiGolden.json("json_schema.request.json")
        .at("/response_format/json_schema/schema"));
  }

  @Test
  void stream_options_reasoning_effort_stop_string_and_unknown_fields_decode() {
    ChatRequest r = golden("stream_reasoning_extra.request.json");
    assertThat(r.stream()).isTrue();
    assertThat(r.includeUsage()).isTrue();
    assertThat(r.reasoning()).isEqualTo(new Reasoning("medium", null));
    assertThat(r.maxTokens()).as("max_completion_tokens wins over max_tokens").isEqualTo(25000);
    assertThat(r.stop()).containsExactly("###");
    assertThat(r.extra()).containsOnlyKeys("store", "metadata", "service_tier", "logit_bias");
    assertThat(r.extra().get("metadata")).isEqualTo(OpenAiGolden.tree("{\"project\":\"switchboard\"}"));
  }

  @Test
  void max_tokens_alone_is_used_when_max_completion_tokens_is_absent() {
    ChatRequest r = CODEC.decodeRequest(utf8("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":7}"));
    assertThat(r.maxTokens()).isEqualTo(7);
  }

  @Test
  void stream_without_stream_options_does_not_include_usage() {
    ChatRequest r = CODEC.decodeRequest(utf8("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true,\"stream_options\":{\"include_usage\":false}}"));
    assertThat(r.stream()).isTrue();
    assertThat(r.includeUsage()).isFalse();
  }

  @Test
  void assistant_refusal_parts_decode_as_refusal_text() {
    ChatRequest r = CODEC.decodeRequest(utf8("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Well. \"},"
        + "{\"type\":\"refusal\",\"refusal\":\"I can't help with that.\"}]}]}"));
    assertThat(r.messages().get(1).content()).containsExactly(
        new ContentBlock.Text("Well. "), new ContentBlock.Text("I can't help with that.", true));
  }

  /** Spec: ChatCompletionAllowedToolsChoice. Every wire has a tool list, so that is cut to the allowed tools. */
  @Test
  void allowed_tools_keeps_only_the_listed_tools_and_takes_its_mode() {
    String tools = ",\"tools\":[" + fn("a") + "," + fn("b") + "," + fn("c") + "]";
    ChatRequest required = CODEC.decodeRequest(utf8("{\"model\":\"m\"," + MSGS + tools
        + ",\"tool_choice\":{\"type\":\"allowed_tools\",\"allowed_tools\":{\"mode\":\"required\",\"tools\":["
        + fn("c") + "," + fn("a") + "]}}}"));
    assertThat(required.tools()).extracting(ToolDef::name).containsExactly("a", "c");
    assertThat(required.toolChoice()).isEqualTo(ToolChoice.REQUIRED);

    ChatRequest auto = CODEC.decodeRequest(utf8("{\"model\":\"m\"," + MSGS + tools
        + ",\"tool_choice\":{\"type\":\"allowed_tools\",\"allowed_tools\":{\"mode\":\"auto\",\"tools\":["
        + fn("b") + "]}}}"));
    assertThat(auto.tools()).extracting(ToolDef::name).containsExactly("b");
    assertThat(auto.toolChoice()).isEqualTo(ToolChoice.AUTO);
  }

  private static String fn(String name) { return "{\"type\":\"function\",\"function\":{\"name\":\"" + name + "\"}}"; }

  /** Spec: ChatCompletionRequestAssistantMessage.audio, and name on system, user and assistant messages. */
  @Test
  void an_assistant_turn_with_only_an_audio_reference_keeps_it_and_names_are_kept() {
    ChatRequest r = golden("audio_names.request.json");
    assertThat(r.messages()).extracting(Message::name).containsExactly("narrator", "alice", "rex", null);
    Message assistant = r.messages().get(2);
    assertThat(assistant.content()).isEmpty();
    assertThat(assistant.extras().isFor(OpenAiChatCodec.WIRE)).isTrue();
    assertThat(assistant.extras().message()).containsOnlyKeys("audio");
    assertThat(assistant.extras().message().get("audio")).isEqualTo(OpenAiGolden.tree("{\"id\":\"audio_abc123\"}"));
    assertThat(r.messages().get(1).extras()).isNull();
    assertThat(r.extra()).containsOnlyKeys("modalities", "audio");
  }

  // --- bad input: each gives a GatewayException naming the field ---

  private static final String MSGS = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "missing model | {" + MSGS + "} | model | 'model' is required",
      "blank model | {\"model\":\" \"," + MSGS + "} | model | must not be empty",
      "model not a string | {\"model\":5," + MSGS + "} | model | 'model' must be a string, got a number",
      "missing messages | {\"model\":\"m\"} | messages | 'messages' is required",
      "messages not array | {\"model\":\"m\",\"messages\":\"hi\"} | messages | 'messages' must be an array, got a string",
      "empty messages | {\"model\":\"m\",\"messages\":[]} | messages | at least one message",
      "message not object | {\"model\":\"m\",\"messages\":[\"hi\"]} | messages[0] | must be an object",
      "wrong role | {\"model\":\"m\",\"messages\":[{\"role\":\"bot\",\"content\":\"hi\"}]} | messages[0].role | got 'bot'",
      "missing role | {\"model\":\"m\",\"messages\":[{\"content\":\"hi\"}]} | messages[0].role | is required",
      "user content missing | {\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]} | messages[0].content | is required",
      "user content number | {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":3}]} | messages[0].content | must be a string or an array of content parts",
      "unsupported part | {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}]} | messages[0].content[0].type | 'input_audio' is not supported",
      "image url ftp | {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"ftp://x/a.png\"}}]}]} | messages[0].content[0].image_url.url | http(s) URL or a data: URL",
      "image data url not base64 | {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png,abc\"}}]}]} | messages[0].content[0].image_url.url | base64 data URL",
      "tool without id | {\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]} | messages[0].tool_call_id | is required",
      "assistant call without function | {\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\"}]}]} | messages[0].tool_calls[0].function | is required",
      "role number | {\"model\":\"m\",\"messages\":[{\"role\":1,\"content\":\"hi\"}]} | messages[0].role | 'messages[0].role' must be a string, got a number",
      "user name number | {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"name\":7}]} | messages[0].name | 'messages[0].name' must be a string, got a number",
      "text part without text | {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]} | messages[0].content[0].text | 'messages[0].content[0].text' is required",
      "image detail number | {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/a.png\",\"detail\":2}}]}]} | messages[0].content[0].image_url.detail | must be a string, got a number",
      "tool_calls object | {\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":{}}]} | messages[0].tool_calls | 'messages[0].tool_calls' must be an array, got an object",
      "tool call function string | {\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"function\":\"f\"}]}]} | messages[0].tool_calls[0].function | must be an object, got a string",
      "tool call without name | {\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"function\":{}}]}]} | messages[0].tool_calls[0].function.name | 'messages[0].tool_calls[0].function.name' is required",
      "tool call arguments object | {\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":{}}}]}]} | messages[0].tool_calls[0].function.arguments | must be a string, got an object",
      "tool result id number | {\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"tool_call_id\":5,\"content\":\"x\"}]} | messages[0].tool_call_id | must be a string, got a number",
      "temperature string | {\"model\":\"m\"," + MSGS + ",\"temperature\":\"hot\"} | temperature | 'temperature' must be a number, got a string",
      "max_tokens fraction | {\"model\":\"m\"," + MSGS + ",\"max_tokens\":1.5} | max_tokens | 'max_tokens' must be an integer, got a number",
      "max_tokens zero | {\"model\":\"m\"," + MSGS + ",\"max_tokens\":0} | max_tokens | at least 1",
      "max_completion_tokens zero | {\"model\":\"m\"," + MSGS + ",\"max_completion_tokens\":0} | max_completion_tokens | at least 1",
      "stream string | {\"model\":\"m\"," + MSGS + ",\"stream\":\"yes\"} | stream | 'stream' must be a boolean, got a string",
      "include_usage string | {\"model\":\"m\"," + MSGS + ",\"stream\":true,\"stream_options\":{\"include_usage\":1}} | stream_options.include_usage | must be a boolean",
      "tools object | {\"model\":\"m\"," + MSGS + ",\"tools\":{}} | tools | 'tools' must be an array, got an object",
      "tool wrong type | {\"model\":\"m\"," + MSGS + ",\"tools\":[{\"type\":\"web_search\"}]} | tools[0].type | must be 'function'",
      "tool without name | {\"model\":\"m\"," + MSGS + ",\"tools\":[{\"type\":\"function\",\"function\":{}}]} | tools[0].function.name | is required",
      "tool type number | {\"model\":\"m\"," + MSGS + ",\"tools\":[{\"type\":1,\"function\":{\"name\":\"f\"}}]} | tools[0].type | 'tools[0].type' must be a string, got a number",
      "tool function string | {\"model\":\"m\"," + MSGS + ",\"tools\":[{\"type\":\"function\",\"function\":\"f\"}]} | tools[0].function | 'tools[0].function' must be an object, got a string",
      "tool description number | {\"model\":\"m\"," + MSGS + ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"description\":2}}]} | tools[0].function.description | 'tools[0].function.description' must be a string, got a number",
      "tool parameters string | {\"model\":\"m\"," + MSGS + ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":\"{}\"}}]} | tools[0].function.parameters | 'tools[0].function.parameters' must be an object, got a string",
      "tool strict string | {\"model\":\"m\"," + MSGS + ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"strict\":\"yes\"}}]} | tools[0].function.strict | 'tools[0].function.strict' must be a boolean, got a string",
      "tool_choice bad string | {\"model\":\"m\"," + MSGS + ",\"tool_choice\":\"always\"} | tool_choice | got 'always'",
      "tool_choice number | {\"model\":\"m\"," + MSGS + ",\"tool_choice\":1} | tool_choice | must be a string or an object",
      "tool_choice custom | {\"model\":\"m\"," + MSGS + ",\"tool_choice\":{\"type\":\"custom\",\"custom\":{\"name\":\"f\"}}} | tool_choice.type | 'tool_choice.type' must be 'function' or 'allowed_tools'; 'custom' is not supported",
      "tool_choice type number | {\"model\":\"m\"," + MSGS + ",\"tool_choice\":{\"type\":1}} | tool_choice.type | must be a string, got a number",
      "allowed_tools missing | {\"model\":\"m\"," + MSGS + ",\"tool_choice\":{\"type\":\"allowed_tools\"}} | tool_choice.allowed_tools | 'tool_choice.allowed_tools' is required",
      "allowed_tools mode none | {\"model\":\"m\"," + MSGS + ",\"tools\":[{\"function\":{\"name\":\"f\"}}],\"tool_choice\":{\"type\":\"allowed_tools\",\"allowed_tools\":{\"mode\":\"none\",\"tools\":[]}}} | tool_choice.allowed_tools.mode | must be 'auto' or 'required'; got 'none'",
      "allowed_tools empty | {\"model\":\"m\"," + MSGS + ",\"tools\":[{\"function\":{\"name\":\"f\"}}],\"tool_choice\":{\"type\":\"allowed_tools\",\"allowed_tools\":{\"mode\":\"auto\",\"tools\":[]}}} | tool_choice.allowed_tools.tools | must list at least one tool",
      "allowed_tools undeclared | {\"model\":\"m\"," + MSGS + ",\"tools\":[{\"function\":{\"name\":\"f\"}}],\"tool_choice\":{\"type\":\"allowed_tools\",\"allowed_tools\":{\"mode\":\"auto\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"g\"}}]}}} | tool_choice.allowed_tools.tools[0].function.name | must name a function in 'tools'; got 'g'",
      "allowed_tools custom tool | {\"model\":\"m\"," + MSGS + ",\"tools\":[{\"function\":{\"name\":\"f\"}}],\"tool_choice\":{\"type\":\"allowed_tools\",\"allowed_tools\":{\"mode\":\"auto\",\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"f\"}}]}}} | tool_choice.allowed_tools.tools[0].type | must be 'function'; got 'custom'",
      "assistant part wrong type | {\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"image_url\"}]}]} | messages[0].content[0].type | must be 'text' or 'refusal' here; got 'image_url'",
      "refusal part without refusal | {\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"refusal\"}]}]} | messages[0].content[0].refusal | 'messages[0].content[0].refusal' is required",
      "system refusal part | {\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":[{\"type\":\"refusal\",\"refusal\":\"no\"}]}]} | messages[0].content[0].type | must be 'text' here; got 'refusal'",
      "assistant audio without id | {\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"audio\":{}}]} | messages[0].audio.id | 'messages[0].audio.id' is required",
      "assistant audio string | {\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"audio\":\"audio_abc\"}]} | messages[0].audio | 'messages[0].audio' must be an object, got a string",
      "system name number | {\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"x\",\"name\":1}]} | messages[0].name | 'messages[0].name' must be a string, got a number",
      "reasoning_details object | {\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"reasoning_details\":{}}]} | messages[0].reasoning_details | 'messages[0].reasoning_details' must be an array, got an object",
      "reasoning detail string | {\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"reasoning_details\":[\"x\"]}]} | messages[0].reasoning_details[0] | 'messages[0].reasoning_details[0]' must be an object, got a string",
      "reasoning detail without type | {\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"reasoning_details\":[{\"text\":\"t\"}]}]} | messages[0].reasoning_details[0].type | 'messages[0].reasoning_details[0].type' is required",
      "reasoning detail type number | {\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"reasoning_details\":[{\"type\":1}]}]} | messages[0].reasoning_details[0].type | must be a string, got a number",
      "reasoning detail text number | {\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":1,\"signature\":\"s\"}]}]} | messages[0].reasoning_details[0].text | 'messages[0].reasoning_details[0].text' must be a string, got a number",
      "reasoning detail signature object | {\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"t\",\"signature\":{}}]}]} | messages[0].reasoning_details[0].signature | must be a string, got an object",
      "reasoning detail data number | {\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"reasoning_details\":[{\"type\":\"reasoning.text\"},{\"type\":\"reasoning.encrypted\",\"data\":2}]}]} | messages[0].reasoning_details[1].data | must be a string, got a number",
      "reasoning detail format boolean | {\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"reasoning_details\":[{\"type\":\"reasoning.encrypted\",\"data\":\"d\",\"format\":true}]}]} | messages[0].reasoning_details[0].format | must be a string, got a boolean",
      "n two | {\"model\":\"m\"," + MSGS + ",\"n\":2} | n | 'n' must be 1",
      "response_format unknown | {\"model\":\"m\"," + MSGS + ",\"response_format\":{\"type\":\"xml\"}} | response_format.type | got 'xml'",
      "json_schema without name | {\"model\":\"m\"," + MSGS + ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{}}} | response_format.json_schema.name | is required",
      "stop number | {\"model\":\"m\"," + MSGS + ",\"stop\":5} | stop | a string or an array of strings",
      "stop too many | {\"model\":\"m\"," + MSGS + ",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]} | stop | at most 4",
      "stop element number | {\"model\":\"m\"," + MSGS + ",\"stop\":[\"a\",1]} | stop[1] | must be a string",
      "reasoning_effort number | {\"model\":\"m\"," + MSGS + ",\"reasoning_effort\":3} | reasoning_effort | must be a string",
      "deprecated functions | {\"model\":\"m\"," + MSGS + ",\"functions\":[]} | functions | use 'tools'",
      "logprobs string | {\"model\":\"m\"," + MSGS + ",\"logprobs\":\"yes\"} | logprobs | 'logprobs' must be a boolean, got a string",
      "top_logprobs over 20 | {\"model\":\"m\"," + MSGS + ",\"logprobs\":true,\"top_logprobs\":21} | top_logprobs | between 0 and 20",
      "top_logprobs fraction | {\"model\":\"m\"," + MSGS + ",\"logprobs\":true,\"top_logprobs\":1.5} | top_logprobs | must be an integer",
      "top_logprobs without logprobs | {\"model\":\"m\"," + MSGS + ",\"top_logprobs\":2} | top_logprobs | needs 'logprobs' set to true",
  })
  void invalid_fields_are_rejected_naming_the_field(String label, String body, String param, String message) {
    GatewayException e = gatewayError(() -> CODEC.decodeRequest(utf8(body)));
    assertThat(e.error().key()).isEqualTo(ErrorKey.INVALID_REQUEST);
    assertThat(e.error().status()).isEqualTo(400);
    assertThat(e.error().param()).isEqualTo(param);
    assertThat(e.error().message()).contains(message);
  }

  @Test
  void malformed_json_is_invalid_json_with_its_location() {
    GatewayException e = gatewayError(() -> CODEC.decodeRequest(utf8("{\"model\": \"m\",\n \"messages\": [}")));
    assertThat(e.error().key()).isEqualTo(ErrorKey.INVALID_JSON);
    assertThat(e.error().message()).startsWith("The request body is not valid JSON").contains("line 2");
  }

  @Test
  void non_object_body_is_invalid_json() {
    assertThat(gatewayError(() -> CODEC.decodeRequest(utf8("[1,2]"))).error().key()).isEqualTo(ErrorKey.INVALID_JSON);
    assertThat(gatewayError(() -> CODEC.decodeRequest(new byte[0])).error().key()).isEqualTo(ErrorKey.INVALID_JSON);
  }
}
