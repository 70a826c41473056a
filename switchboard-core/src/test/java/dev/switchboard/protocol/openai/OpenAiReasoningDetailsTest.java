package dev.switchboard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.Message;
import dev.switchboard.model.Role;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.protocol.WireGoldens;
import dev.switchboard.protocol.anthropic.AnthropicCodec;
import dev.switchboard.protocol.sse.SseEvent;
import dev.switchboard.protocol.sse.SseParser;
import dev.switchboard.provider.StreamDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Claude's signed thinking through an OpenAI client, in OpenRouter's {@code reasoning_details} convention: the client
 * gets the blocks with the answer (or the stream), sends them back on the assistant message of its tool loop's next
 * request, and the Anthropic request then starts that turn with them, so thinking stays on.
 */
class OpenAiReasoningDetailsTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final OpenAiChatCodec CODEC = OpenAiChatCodec.INSTANCE;
  private static final ChatRequest QUESTION = new ChatRequest("claude", List.of(Message.text(Role.USER, "go")), null,
      null, null, null, null, null, null, false, false, null, null, null);
  private static final ChatRequest STREAMED = new ChatRequest("claude", List.of(Message.text(Role.USER, "go")), null,
      null, null, null, null, null, null, true, false, null, null, null);

  private static final JsonNode THINKING_ANSWER = WireGoldens.json("anthropic/thinking.response.json");
  private static final String THOUGHT = THINKING_ANSWER.at("/content/0/thinking").asText();
  private static final String SIGNATURE = THINKING_ANSWER.at("/content/0/signature").asText();
  private static final String REDACTED = THINKING_ANSWER.at("/content/1/data").asText();

  @Test
  void an_anthropic_answer_gives_its_signed_and_redacted_thinking_as_reasoning_details() {
    JsonNode message = answer().at("/choices/0/message");
    assertThat(message.get("reasoning_details")).isEqualTo(json("""
        [{"type":"reasoning.text","text":"%s","signature":"%s","format":"anthropic-claude-v1","index":0},
         {"type":"reasoning.encrypted","data":"%s","format":"anthropic-claude-v1","index":1}]"""
        .formatted(THOUGHT, SIGNATURE, REDACTED)));
    assertThat(message.get("reasoning_content").asText()).as("kept for clients of DeepSeek's field").isEqualTo(THOUGHT);
    assertThat(message.at("/tool_calls/0").has("extra_content")).as("Anthropic's signature is no call's").isFalse();
  }

  @Test
  void replaying_the_answer_starts_the_anthropic_turn_with_the_signed_blocks_and_keeps_thinking_on() {
    JsonNode anthropic = anthropicRequest(next(answer().at("/choices/0/message")));
    assertThat(anthropic.at("/messages/1/content")).isEqualTo(json("""
        [{"type":"thinking","thinking":"%s","signature":"%s"},{"type":"redacted_thinking","data":"%s"},
         {"type":"tool_use","id":"toolu_017R7ACrx7NF7sLDDtvdQ1u9","name":"checkSandboxErrors","input":{}}]"""
        .formatted(THOUGHT, SIGNATURE, REDACTED)));
    assertThat(anthropic.at("/thinking/type").asText()).isEqualTo("enabled");
  }

  @Test
  void without_reasoning_details_the_tool_turn_is_unsigned_and_thinking_is_left_off() {
    ObjectNode message = answer().at("/choices/0/message").deepCopy();
    message.remove("reasoning_details");
    JsonNode anthropic = anthropicRequest(next(message));
    assertThat(anthropic.at("/messages/1/content/0/type").asText()).isEqualTo("tool_use");
    assertThat(anthropic.has("thinking")).isFalse();
  }

  @Test
  void a_stream_sends_the_text_in_fragments_of_one_entry_then_its_signature_then_the_redacted_block() {
    List<JsonNode> details = new ArrayList<>();
    for (JsonNode chunk : streamedChunks()) {
      JsonNode delta = chunk.at("/choices/0/delta");
      if (!delta.has("reasoning_details")) continue;
      details.addAll(list(delta.get("reasoning_details")));
      if (delta.has("reasoning_content")) {
        assertThat(delta.at("/reasoning_details/0/text")).as("the same text, in the same delta")
            .isEqualTo(delta.get("reasoning_content"));
      }
    }
    assertThat(details).containsExactlyElementsOf(list(json("""
        [{"type":"reasoning.text","text":"The user wants the weather in Paris.","index":0},
         {"type":"reasoning.text","text":" I should call get_weather.","index":0},
         {"type":"reasoning.text","signature":"%s","format":"anthropic-claude-v1","index":0},
         {"type":"reasoning.encrypted","data":"%s","format":"anthropic-claude-v1","index":1}]"""
        .formatted(STREAM_SIGNATURE, REDACTED))));
  }

  @Test
  void a_streamed_answer_accumulated_as_openrouter_clients_do_is_replayed_signed_to_anthropic() {
    List<JsonNode> chunks = streamedChunks();
    chunks.forEach(c -> assertThat(OpenApiShape.violations("CreateChatCompletionStreamResponse", c))
        .as(c.toString()).isEmpty());
    assertThat(chunks.toString()).as("Anthropic's signature is no call's").doesNotContain("extra_content");
    JsonNode expected = json("""
        [{"type":"reasoning.text","text":"The user wants the weather in Paris. I should call get_weather.",
          "signature":"%s","format":"anthropic-claude-v1","index":0},
         {"type":"reasoning.encrypted","data":"%s","format":"anthropic-claude-v1","index":1}]"""
        .formatted(STREAM_SIGNATURE, REDACTED));
    assertThat(byTypeAndIndex(chunks)).as("Roo Code, Kilo Code").isEqualTo(expected);
    assertThat(mergingConsecutiveText(chunks)).as("OpenRouter's AI SDK provider (OpenCode)").isEqualTo(expected);

    ObjectNode message = ClientStreams.assemble(chunks);
    message.set("reasoning_details", byTypeAndIndex(chunks));
    JsonNode anthropic = anthropicRequest(next(message));
    assertThat(anthropic.at("/messages/1/content")).isEqualTo(json("""
        [{"type":"thinking","thinking":"The user wants the weather in Paris. I should call get_weather.",
          "signature":"%s"},{"type":"redacted_thinking","data":"%s"},
         {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather","input":{"city":"Paris"}}]"""
        .formatted(STREAM_SIGNATURE, REDACTED)));
    assertThat(anthropic.at("/thinking/type").asText()).isEqualTo("enabled");
  }

  @Test
  void a_gemini_call_signature_after_thought_text_still_goes_out_on_its_call_and_not_in_reasoning_details() {
    List<JsonNode> chunks = OpenAiStreamEncoderTest.chunks(List.of(new StreamEvent.Start("r", "gemini-3-pro-preview"),
        new StreamEvent.ThinkingDelta("Look it up."), new StreamEvent.ThinkingSignature("GEMINI_SIG", false),
        new StreamEvent.ToolCallStart(0, "call_a", "get_weather"), new StreamEvent.ToolCallDelta(0, "{}"),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS, null)), false);
    List<JsonNode> details = new ArrayList<>();
    chunks.forEach(c -> details.addAll(list(c.at("/choices/0/delta/reasoning_details"))));
    assertThat(details).as("the thought's text only, as any reasoning's").containsExactly(
        json("{\"type\":\"reasoning.text\",\"text\":\"Look it up.\",\"index\":0}"));
    assertThat(chunks.get(2).at("/choices/0/delta/tool_calls/0/extra_content/google/thought_signature").asText())
        .isEqualTo("GEMINI_SIG");
  }

  @Test
  void an_upstream_streaming_its_own_reasoning_details_gets_no_second_copy_of_them() {
    // OpenRouter serving Claude: reasoning and reasoning_details in one delta, the signature in a later one.
    String sse = """
        data: {"id":"gen-1","object":"chat.completion.chunk","created":1,"model":"anthropic/claude-haiku-4.5","choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":"Check.","reasoning_details":[{"type":"reasoning.text","text":"Check.","format":"anthropic-claude-v1","index":0}]},"finish_reason":null}]}

        data: {"id":"gen-1","object":"chat.completion.chunk","created":1,"model":"anthropic/claude-haiku-4.5","choices":[{"index":0,"delta":{"content":"","reasoning_details":[{"type":"reasoning.text","signature":"OR_SIG","format":"anthropic-claude-v1","index":0}]},"finish_reason":null}]}

        data: {"id":"gen-1","object":"chat.completion.chunk","created":1,"model":"anthropic/claude-haiku-4.5","choices":[{"index":0,"delta":{"content":"Done."},"finish_reason":"stop"}]}

        data: [DONE]

        """;
    List<StreamEvent> events = new ArrayList<>();
    StreamDecoder decoder = new OpenAiStreamDecoder();
    new SseParser().feed(sse.getBytes(StandardCharsets.UTF_8), e -> decoder.decode(e, events::add));
    List<JsonNode> details = new ArrayList<>();
    OpenAiStreamEncoderTest.chunks(events, false)
        .forEach(c -> details.addAll(list(c.at("/choices/0/delta/reasoning_details"))));
    assertThat(details).containsExactlyElementsOf(list(json("""
        [{"type":"reasoning.text","text":"Check.","format":"anthropic-claude-v1","index":0},
         {"type":"reasoning.text","signature":"OR_SIG","format":"anthropic-claude-v1","index":0}]""")));
  }

  @Test
  void signed_details_come_before_the_text_and_calls_and_reasoning_content_is_not_added_again() {
    ChatRequest r = CODEC.decodeRequest(OpenAiGolden.utf8("""
        {"model":"m","messages":[{"role":"user","content":"go"},
          {"role":"assistant","content":"Checking.","reasoning_content":"Think.","tool_calls":[
             {"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}],
           "reasoning_details":[{"type":"reasoning.text","text":"Think.","signature":"SIG","id":null,"index":0},
             {"type":"reasoning.encrypted","data":"DATA","format":"anthropic-claude-v1","index":1}]}]}"""));
    assertThat(r.messages().get(1).content()).containsExactly(new ContentBlock.Thinking("Think.", "SIG", true),
        new ContentBlock.RedactedThinking("DATA"), new ContentBlock.Text("Checking."),
        new ContentBlock.ToolUse("c1", "f", "{}"));
  }

  @Test
  void details_of_other_formats_summaries_and_text_without_its_signature_are_left_out() {
    ChatRequest r = CODEC.decodeRequest(OpenAiGolden.utf8("""
        {"model":"m","messages":[{"role":"user","content":"go"},
          {"role":"assistant","content":"Hi.","reasoning_content":"Think.","reasoning_details":[
            {"type":"reasoning.summary","summary":"Thought.","format":"anthropic-claude-v1","index":0},
            {"type":"reasoning.encrypted","data":"gAAAA","format":"openai-responses-v1","index":1},
            {"type":"reasoning.text","text":"Think.","signature":"GSIG","format":"google-gemini-v1","index":2},
            {"type":"reasoning.text","text":"Think.","signature":null,"format":"anthropic-claude-v1","index":3},
            {"type":"reasoning.text","text":"","signature":"SIG","index":4},
            {"type":"reasoning.image","index":5}]}]}"""));
    assertThat(r.messages().get(1).content()).as("reasoning_content, as without reasoning_details")
        .containsExactly(new ContentBlock.Thinking("Think.", null), new ContentBlock.Text("Hi."));
  }

  @Test
  void reasoning_details_are_never_sent_to_an_openai_wire_upstream() {
    ChatRequest r = next(answer().at("/choices/0/message"));
    String upstream = new String(CODEC.encodeRequest(r, "gpt-5", true), StandardCharsets.UTF_8);
    assertThat(upstream).doesNotContain("reasoning_details").doesNotContain(SIGNATURE).doesNotContain(REDACTED);
  }

  private static final String STREAM_SIGNATURE = "EqQBCgIYAhIMweatherSig0Kb6x3hU0ZfE7c1qL0nYpA9sV4m2Qd8jR5wT1bK3oN7uH6";

  /** Claude's thinking.response.json answer (thinking, redacted thinking, a call) as an OpenAI client gets it. */
  private static JsonNode answer() {
    ChatResponse r = AnthropicCodec.decodeResponse(QUESTION, WireGoldens.bytes("anthropic/thinking.response.json"));
    JsonNode completion = OpenAiGolden.tree(CODEC.encodeResponse(r));
    assertThat(OpenApiShape.violations("CreateChatCompletionResponse", completion)).isEmpty();
    return completion;
  }

  /** Claude's thinking_tools.stream.txt as the chunks an OpenAI client gets ([DONE] left out). */
  private static List<JsonNode> streamedChunks() {
    StreamDecoder decoder = AnthropicCodec.streamDecoder(STREAMED);
    List<StreamEvent> events = new ArrayList<>();
    List<SseEvent> sse = new ArrayList<>();
    new SseParser().feed(WireGoldens.bytes("anthropic/thinking_tools.stream.txt"), sse::add);
    sse.forEach(e -> decoder.decode(e, events::add));
    return OpenAiStreamEncoderTest.chunks(events, false);
  }

  /** The tool loop's next request: the assistant message as the client keeps it, a result per call, thinking asked for. */
  private static ChatRequest next(JsonNode assistant) {
    ObjectNode body = M.createObjectNode().put("model", "claude").put("reasoning_effort", "low");
    body.putArray("tools").addObject().put("type", "function").putObject("function").put("name", "get_weather");
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "user").put("content", "go");
    messages.add(assistant);
    for (JsonNode call : assistant.path("tool_calls")) {
      messages.addObject().put("role", "tool").put("tool_call_id", call.path("id").asText()).put("content", "{\"ok\":1}");
    }
    return CODEC.decodeRequest(OpenAiGolden.utf8(body.toString()));
  }

  private static JsonNode anthropicRequest(ChatRequest r) { return AnthropicCodec.encodeRequest(r, "claude-sonnet-4-5", null); }

  /** Roo Code, Kilo Code: one entry per type and index; text, summary and data appended, other fields replaced. */
  private static ArrayNode byTypeAndIndex(List<JsonNode> chunks) {
    Map<String, ObjectNode> entries = new LinkedHashMap<>();
    for (JsonNode chunk : chunks) {
      for (JsonNode d : chunk.at("/choices/0/delta/reasoning_details")) {
        ObjectNode e = entries.get(d.path("type").asText() + "-" + d.path("index").asInt(0));
        if (e == null) {
          entries.put(d.path("type").asText() + "-" + d.path("index").asInt(0), d.deepCopy());
          continue;
        }
        d.fields().forEachRemaining(f -> {
          boolean appended = List.of("text", "summary", "data").contains(f.getKey());
          if (appended) e.put(f.getKey(), e.path(f.getKey()).asText("") + f.getValue().asText());
          else e.set(f.getKey(), f.getValue());
        });
      }
    }
    return M.createArrayNode().addAll(entries.values());
  }

  /** OpenRouter's AI SDK provider: a reasoning.text entry merges into a reasoning.text entry just before it. */
  private static ArrayNode mergingConsecutiveText(List<JsonNode> chunks) {
    ArrayNode out = M.createArrayNode();
    for (JsonNode chunk : chunks) {
      for (JsonNode d : chunk.at("/choices/0/delta/reasoning_details")) {
        JsonNode last = out.isEmpty() ? null : out.get(out.size() - 1);
        boolean text = d.path("type").asText().equals("reasoning.text");
        if (!text || last == null || !last.path("type").asText().equals("reasoning.text")) {
          out.add(d.deepCopy());
          continue;
        }
        ObjectNode merged = (ObjectNode) last;
        merged.put("text", merged.path("text").asText("") + d.path("text").asText(""));
        for (String keep : List.of("signature", "format")) {
          if (!merged.hasNonNull(keep) && d.hasNonNull(keep)) merged.set(keep, d.get(keep));
        }
      }
    }
    return out;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static JsonNode json(String s) { return OpenAiGolden.tree(s); }
}
