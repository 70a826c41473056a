package dev.switchboard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.Message;
import dev.switchboard.model.Role;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.StreamEncoder;
import dev.switchboard.protocol.sse.SseEvent;
import dev.switchboard.protocol.sse.SseParser;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStreamEncoderTest {

  static StreamEncoder encoder(boolean includeUsage) {
    ChatRequest r = new ChatRequest("client-model", List.of(Message.text(Role.USER, "hi")), null, null, null, null,
        null, null, null, true, includeUsage, null, null, null);
    return OpenAiChatCodec.INSTANCE.streamEncoder(r);
  }

  /** Encodes the events then end(), and parses the SSE text back into frames. */
  static List<String> frames(StreamEncoder enc, List<StreamEvent> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (StreamEvent e : events) out.writeBytes(enc.encode(e));
    out.writeBytes(enc.end());
    List<String> data = new ArrayList<>();
    SseParser p = new SseParser();
    p.feed(out.toByteArray(), e -> data.add(e.data()));
    return data;
  }

  /** The chat.completion.chunk objects an OpenAI client receives for {@code events} ([DONE] left out). */
  static List<JsonNode> chunks(List<StreamEvent> events, boolean includeUsage) {
    return frames(encoder(includeUsage), events).stream().filter(d -> !d.equals("[DONE]")).map(OpenAiGolden::tree)
        .toList();
  }

  private static final List<StreamEvent> TOOL_STREAM = List.of(
      new StreamEvent.Start("msg_01", "claude-sonnet-4"),
      new StreamEvent.ThinkingDelta("Two cities."),
      new StreamEvent.TextDelta("Checking."),
      new StreamEvent.ToolCallStart(0, "toolu_A", "get_weather"),
      new StreamEvent.ToolCallDelta(0, "{\"city\":"),
      new StreamEvent.ToolCallStart(1, "toolu_B", "get_weather"),
      new StreamEvent.ToolCallDelta(0, "\"Paris\"}"),
      new StreamEvent.ToolCallDelta(1, "{\"city\":\"Rome\"}"),
      new StreamEvent.Finish(FinishReason.TOOL_CALLS, null),
      new StreamEvent.UsageReport(new Usage(20L, null, null, null, null, null)),
      new StreamEvent.UsageReport(new Usage(null, 30L, 5L, null, null, null)));

  @Test
  void every_frame_is_a_valid_chunk_and_ends_with_done() {
    List<String> frames = frames(encoder(false), TOOL_STREAM);
    assertThat(frames.getLast()).isEqualTo("[DONE]");
    List<String> chunks = frames.subList(0, frames.size() - 1);
    assertThat(chunks).hasSize(9);
    for (String c : chunks) {
      JsonNode n = OpenAiGolden.tree(c);
      assertThat(OpenApiShape.violations("CreateChatCompletionStreamResponse", n)).as(c).isEmpty();
      assertThat(n.get("id").textValue()).isEqualTo("msg_01");
      assertThat(n.get("model").textValue()).isEqualTo("claude-sonnet-4");
      assertThat(n.get("object").textValue()).isEqualTo("chat.completion.chunk");
    }
    JsonNode first = OpenAiGolden.tree(chunks.get(0));
    assertThat(first.at("/choices/0/delta")).isEqualTo(OpenAiGolden.tree("{\"role\":\"assistant\",\"content\":\"\"}"));
    assertThat(OpenAiGolden.tree(chunks.get(1)).at("/choices/0/delta/reasoning_content").textValue()).isEqualTo("Two cities.");
    assertThat(OpenAiGolden.tree(chunks.getLast()).at("/choices/0/finish_reason").textValue()).isEqualTo("tool_calls");
  }

  @Test
  void tool_call_deltas_carry_index_and_only_the_first_carries_id_type_and_name() {
    List<String> frames = frames(encoder(false), TOOL_STREAM);
    List<JsonNode> calls = new ArrayList<>();
    for (String f : frames) {
      if (f.equals("[DONE]")) continue;
      JsonNode tc = OpenAiGolden.tree(f).at("/choices/0/delta/tool_calls");
      if (!tc.isMissingNode()) calls.add(tc.get(0));
    }
    assertThat(calls).containsExactly(
        OpenAiGolden.tree("{\"index\":0,\"id\":\"toolu_A\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}"),
        OpenAiGolden.tree("{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}"),
        OpenAiGolden.tree("{\"index\":1,\"id\":\"toolu_B\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}"),
        OpenAiGolden.tree("{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}"),
        OpenAiGolden.tree("{\"index\":1,\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Rome\\\"}\"}}"));
  }

  @Test
  void include_usage_emits_a_final_chunk_with_empty_choices_and_merged_usage_before_done() {
    List<String> frames = frames(encoder(true), TOOL_STREAM);
    assertThat(frames.getLast()).isEqualTo("[DONE]");
    JsonNode usageChunk = OpenAiGolden.tree(frames.get(frames.size() - 2));
    assertThat(OpenApiShape.violations("CreateChatCompletionStreamResponse", usageChunk)).isEmpty();
    assertThat(usageChunk.get("choices")).isEmpty();
    assertThat(usageChunk.get("usage")).isEqualTo(OpenAiGolden.tree(
        "{\"prompt_tokens\":20,\"completion_tokens\":30,\"total_tokens\":50,\"prompt_tokens_details\":{\"cached_tokens\":5}}"));
    assertThat(OpenApiShape.violations("CompletionUsage", usageChunk.get("usage"))).isEmpty();
  }

  @Test
  void without_include_usage_no_chunk_carries_usage() {
    List<String> frames = frames(encoder(false), TOOL_STREAM);
    for (String f : frames) if (!f.equals("[DONE]")) assertThat(OpenAiGolden.tree(f).has("usage")).as(f).isFalse();
  }

  @Test
  void the_first_chunk_has_the_assistant_role_even_when_no_start_event_came() {
    List<String> frames = frames(encoder(false), List.of(new StreamEvent.TextDelta("Hi"),
        new StreamEvent.TextDelta(" there"), new StreamEvent.Finish(FinishReason.STOP, null)));
    JsonNode first = OpenAiGolden.tree(frames.get(0));
    assertThat(first.at("/choices/0/delta/role").textValue()).isEqualTo("assistant");
    assertThat(first.at("/choices/0/delta/content").textValue()).isEqualTo("Hi");
    assertThat(first.get("model").textValue()).isEqualTo("client-model");
    assertThat(first.get("id").textValue()).startsWith("chatcmpl-");
    assertThat(OpenAiGolden.tree(frames.get(1)).at("/choices/0/delta").has("role")).isFalse();
    assertThat(OpenAiGolden.tree(frames.get(1)).get("id")).isEqualTo(first.get("id"));
  }

  @Test
  void signatures_usage_and_upstream_errors_produce_no_bytes_by_themselves() {
    StreamEncoder enc = encoder(true);
    enc.encode(new StreamEvent.Start("a", "m"));
    assertThat(enc.encode(new StreamEvent.ThinkingSignature("sig"))).isEmpty();
    assertThat(enc.encode(new StreamEvent.UsageReport(Usage.NONE))).isEmpty();
    assertThat(enc.encode(new StreamEvent.Error(new dev.switchboard.model.UpstreamError(0, "x", null, "y")))).isEmpty();
  }

  @Test
  void a_signature_right_before_a_call_goes_out_on_the_calls_first_delta_as_extra_content() {
    // Google's OpenAI-compatible shape, which clients replay: Gemini 3 refuses the next turn without it.
    List<JsonNode> chunks = chunks(List.of(new StreamEvent.Start("r", "gemini-3-pro-preview"),
        new StreamEvent.ThinkingSignature("SIG_TEXT"), new StreamEvent.TextDelta("Checking."),
        new StreamEvent.ThinkingSignature("SIG_CALL"), new StreamEvent.ToolCallStart(0, "call_a", "get_weather"),
        new StreamEvent.ToolCallDelta(0, "{}"), new StreamEvent.ToolCallStart(1, "call_b", "get_weather"),
        new StreamEvent.ToolCallDelta(1, "{}"), new StreamEvent.Finish(FinishReason.TOOL_CALLS, null)), false);
    List<JsonNode> calls = new ArrayList<>();
    for (JsonNode c : chunks) {
      assertThat(OpenApiShape.violations("CreateChatCompletionStreamResponse", c)).as(c.toString()).isEmpty();
      c.at("/choices/0/delta/tool_calls").forEach(calls::add);
    }
    assertThat(calls).hasSize(4);
    assertThat(calls.get(0)).isEqualTo(OpenAiGolden.tree("""
        {"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""},
         "extra_content":{"google":{"thought_signature":"SIG_CALL"}}}"""));
    assertThat(calls.subList(1, 4)).noneMatch(c -> c.has("extra_content"));
    assertThat(chunks.toString()).as("the text part's signature has no slot").doesNotContain("SIG_TEXT");
  }

  @Test
  void error_emits_an_openai_error_object_as_a_data_frame() {
    byte[] bytes = encoder(false).error(GatewayError.of(ErrorKey.UPSTREAM_ERROR, "upstream broke off"));
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).startsWith("data: {\"error\":").endsWith("\n\n");
    List<SseEvent> events = new ArrayList<>();
    new SseParser().feed(bytes, events::add);
    JsonNode n = OpenAiGolden.tree(events.get(0).data());
    assertThat(OpenApiShape.violations("ErrorResponse", n)).isEmpty();
    assertThat(n.at("/error/message").textValue()).isEqualTo("upstream broke off");
    assertThat(n.at("/error/code").textValue()).isEqualTo("upstream_error");
  }

  @Test
  void decoding_an_encoded_stream_gives_back_the_canonical_events() {
    List<StreamEvent> events = List.of(new StreamEvent.Start("c1", "gpt-4o"), new StreamEvent.TextDelta("a"),
        new StreamEvent.ToolCallStart(0, "call_1", "f"), new StreamEvent.ToolCallDelta(0, "{}"),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS, null));
    StreamEncoder enc = encoder(false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (StreamEvent e : events) out.writeBytes(enc.encode(e));
    out.writeBytes(enc.end());
    assertThat(OpenAiStreamDecoderTest.run(OpenAiChatCodec.INSTANCE.streamDecoder(), out.toByteArray(), 3))
        .isEqualTo(events);
  }
}
