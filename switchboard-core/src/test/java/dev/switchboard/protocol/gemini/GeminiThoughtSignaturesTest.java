package dev.switchboard.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.Message;
import dev.switchboard.model.Role;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.protocol.openai.ClientStreams;
import dev.switchboard.protocol.openai.OpenAiChatCodec;
import dev.switchboard.protocol.spec.OpenApiSubset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gemini 3 refuses a tool loop's next turn unless each model step's first functionCall part carries its thought
 * signature: OpenAI clients get it as Google's {@code extra_content.google.thought_signature} on the call and send
 * it back; a history without one gets Google's documented dummy on Gemini 3.
 */
class GeminiThoughtSignaturesTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final OpenApiSubset OPENAI = new OpenApiSubset("/golden/openai/openapi-subset.yaml");

  /** The next request of an OpenAI client: the question, the assistant message as received, one result per call. */
  private static ChatRequest replay(String model, JsonNode assistant) throws Exception {
    ObjectNode next = M.createObjectNode().put("model", model);
    ArrayNode messages = next.putArray("messages");
    messages.addObject().put("role", "user").put("content", "go");
    messages.add(assistant);
    for (JsonNode call : assistant.path("tool_calls")) {
      messages.addObject().put("role", "tool").put("tool_call_id", call.path("id").asText()).put("content", "{\"ok\":1}");
    }
    return OpenAiChatCodec.INSTANCE.decodeRequest(M.writeValueAsBytes(next));
  }

  @Test
  void an_openai_client_replaying_the_answer_sends_each_signature_back_on_its_function_call() throws Exception {
    ChatResponse answer = GeminiResponseDecoder.decode(Goldens.bytes("parallel_calls.response.json"), "m");
    JsonNode completion = Goldens.tree(OpenAiChatCodec.INSTANCE.encodeResponse(answer));
    assertThat(OPENAI.violations("CreateChatCompletionResponse", completion)).isEmpty();
    JsonNode calls = completion.at("/choices/0/message/tool_calls");
    assertThat(calls.get(0).at("/extra_content/google/thought_signature").asText())
        .isEqualTo("CpMCAdHtim9Pq3Xv1xKVtq+6rN6eSjpL5Y2q+z4O9BzmgnBn");
    assertThat(calls.get(1).has("extra_content")).as("only the signed part's call").isFalse();

    JsonNode sent = Goldens.tree(GeminiRequestEncoder.encode(
        replay("gemini-2.5-flash", completion.at("/choices/0/message")), "gemini-2.5-flash"));
    assertThat(sent.at("/contents/1")).as("the model turn, as Gemini answered it")
        .isEqualTo(Goldens.json("parallel_calls.response.json").at("/candidates/0/content"));
  }

  @Test
  void an_openai_client_replaying_a_streamed_answer_sends_the_signature_back_on_its_function_call() throws Exception {
    List<StreamEvent> events = GeminiStreamDecoderTest.run(new GeminiStreamDecoder("m"),
        Goldens.bytes("stream_tools.sse"), 0);
    ChatRequest streamRequest = new ChatRequest("m", List.of(Message.text(Role.USER, "go")), null, null, null, null,
        null, null, null, true, false, null, null, null);
    List<JsonNode> chunks = ClientStreams.chunks(OpenAiChatCodec.INSTANCE.streamEncoder(streamRequest), events);
    chunks.forEach(c -> assertThat(OPENAI.violations("CreateChatCompletionStreamResponse", c)).as(c.toString()).isEmpty());

    JsonNode sent = Goldens.tree(GeminiRequestEncoder.encode(replay("gemini-3-pro-preview", ClientStreams.assemble(chunks)),
        "gemini-3-pro-preview"));
    JsonNode parts = sent.at("/contents/1/parts");
    assertThat(parts).hasSize(3);
    assertThat(parts.get(0)).isEqualTo(Goldens.tree("{\"text\":\"Let me look that up for ☀ you.\"}".getBytes()));
    assertThat(parts.get(1).path("thoughtSignature").asText())
        .isEqualTo("CikB0e2Kb6x3hU0ZfE7c1qL0nYpA9sV4m2Qd8jR5wT1bK3oN7uH6");
    assertThat(parts.get(1).at("/functionCall/args/location").asText()).isEqualTo("Paris");
    assertThat(parts.get(2).has("thoughtSignature")).isFalse();
  }

  @Test
  void gemini_3_gets_the_documented_dummy_on_the_first_unsigned_call_of_each_model_turn() {
    ChatRequest r = unsignedToolLoop();
    JsonNode contents = Goldens.tree(GeminiRequestEncoder.encode(r, "models/gemini-3-pro-preview")).path("contents");
    assertThat(contents.at("/1/parts/0/thoughtSignature").asText()).isEqualTo("skip_thought_signature_validator");
    assertThat(contents.at("/1/parts/1").has("thoughtSignature")).as("parallel calls after the first").isFalse();
    assertThat(contents.at("/3/parts/0").has("thoughtSignature")).as("text before the call").isFalse();
    assertThat(contents.at("/3/parts/1/thoughtSignature").asText()).isEqualTo("skip_thought_signature_validator");
  }

  @Test
  void gemini_2_5_gets_no_dummy_signature() {
    JsonNode contents = Goldens.tree(GeminiRequestEncoder.encode(unsignedToolLoop(), "gemini-2.5-pro")).path("contents");
    for (JsonNode turn : contents) {
      for (JsonNode part : turn.path("parts")) assertThat(part.has("thoughtSignature")).as(part.toString()).isFalse();
    }
  }

  @Test
  void a_call_with_its_own_signature_keeps_it_on_gemini_3() {
    ChatRequest r = GeminiRequestEncoderTest.request(List.of(Message.text(Role.USER, "go"),
        new Message(Role.ASSISTANT, List.of(new ContentBlock.Text("Looking."), new ContentBlock.Thinking("", "SIG"),
            new ContentBlock.ToolUse("c1", "f", "{}")), null)));
    JsonNode parts = Goldens.tree(GeminiRequestEncoder.encode(r, "gemini-3-flash-preview")).at("/contents/1/parts");
    assertThat(parts.get(0).has("thoughtSignature")).isFalse();
    assertThat(parts.get(1).path("thoughtSignature").asText()).isEqualTo("SIG");
  }

  @Test
  void an_anthropic_signature_an_openai_client_sends_back_never_reaches_gemini() throws Exception {
    // A tool loop that moved from Claude to Gemini (a fallback): Gemini refuses another model's signature.
    JsonNode assistant = M.readTree("""
        {"role":"assistant","content":null,"reasoning_content":"Check the weather.",
         "tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}],
         "reasoning_details":[{"type":"reasoning.text","text":"Check the weather.","signature":"ANTHROPIC_SIG",
           "format":"anthropic-claude-v1","index":0},{"type":"reasoning.encrypted","data":"REDACTED",
           "format":"anthropic-claude-v1","index":1}]}""");
    JsonNode sent = Goldens.tree(GeminiRequestEncoder.encode(replay("gemini-3-pro-preview", assistant),
        "gemini-3-pro-preview"));
    assertThat(sent.toString()).doesNotContain("ANTHROPIC_SIG").doesNotContain("REDACTED");
    JsonNode parts = sent.at("/contents/1/parts");
    assertThat(parts.get(0)).as("the reasoning's text, as reasoning_content's")
        .isEqualTo(M.readTree("{\"text\":\"Check the weather.\",\"thought\":true}"));
    assertThat(parts.get(1).path("thoughtSignature").asText()).isEqualTo("skip_thought_signature_validator");
  }

  @Test
  void signatures_are_validated_from_gemini_3_on() {
    assertThat(GeminiSignatures.validated("gemini-3-pro-preview")).isTrue();
    assertThat(GeminiSignatures.validated("models/gemini-3.1-flash-lite")).isTrue();
    assertThat(GeminiSignatures.validated("gemini-12-ultra")).isTrue();
    assertThat(GeminiSignatures.validated("gemini-2.5-pro")).isFalse();
    assertThat(GeminiSignatures.validated("gemini-1.5-flash")).isFalse();
    assertThat(GeminiSignatures.validated("gemini-exp-1206")).isFalse();
    assertThat(GeminiSignatures.validated("gemma-3-27b-it")).isFalse();
    assertThat(GeminiSignatures.validated(null)).isFalse();
  }

  /** Two model steps of a tool loop, from a client that never saw a signature (or from another model). */
  private static ChatRequest unsignedToolLoop() {
    return GeminiRequestEncoderTest.request(List.of(Message.text(Role.USER, "Weather in Paris and Rome?"),
        new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("toolu_1", "get_weather", "{\"city\":\"Paris\"}"),
            new ContentBlock.ToolUse("toolu_2", "get_weather", "{\"city\":\"Rome\"}")), null),
        new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("toolu_1", null,
            List.of(new ContentBlock.Text("18C")), false)), null),
        new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("toolu_2", null,
            List.of(new ContentBlock.Text("21C")), false)), null),
        new Message(Role.ASSISTANT, List.of(new ContentBlock.Text("And tomorrow?"),
            new ContentBlock.ToolUse("toolu_3", "get_forecast", "{\"city\":\"Paris\"}")), null)));
  }

}
