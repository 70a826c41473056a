package dev.switchboard.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.StreamEvent.Finish;
import dev.switchboard.model.StreamEvent.Start;
import dev.switchboard.model.StreamEvent.TextDelta;
import dev.switchboard.model.StreamEvent.ThinkingDelta;
import dev.switchboard.model.StreamEvent.ThinkingSignature;
import dev.switchboard.model.StreamEvent.ToolCallDelta;
import dev.switchboard.model.StreamEvent.ToolCallStart;
import dev.switchboard.model.StreamEvent.UsageReport;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.sse.SseEvent;
import dev.switchboard.protocol.sse.SseParser;
import dev.switchboard.provider.StreamDecoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicStreamDecoderTest {
  static final ChatRequest PLAIN = AnthropicResponseDecoderTest.PLAIN;

  record Result(List<StreamEvent> events, boolean completed) {}

  /** Feeds a golden stream through the SSE parser in {@code chunk}-byte pieces (0 = all at once). */
  static Result run(ChatRequest request, String golden, int chunk) {
    byte[] bytes = Golden.bytes(golden);
    StreamDecoder decoder = AnthropicCodec.streamDecoder(request);
    SseParser parser = new SseParser();
    List<StreamEvent> out = new ArrayList<>();
    int step = chunk == 0 ? bytes.length : chunk;
    for (int i = 0; i < bytes.length; i += step) {
      parser.feed(bytes, i, Math.min(step, bytes.length - i), e -> decoder.decode(e, out::add));
    }
    parser.finish(e -> decoder.decode(e, out::add));
    decoder.finish(out::add);
    return new Result(withoutRawUsage(out), decoder.completed());
  }

  /** Usage raw nodes are checked separately; event lists compare the counted fields. */
  private static List<StreamEvent> withoutRawUsage(List<StreamEvent> events) {
    List<StreamEvent> out = new ArrayList<>(events.size());
    for (StreamEvent e : events) {
      if (e instanceof UsageReport(Usage u)) {
        out.add(new UsageReport(new Usage(u.inputTokens(), u.outputTokens(), u.cachedInputTokens(),
            u.cacheWriteTokens(), u.reasoningTokens(), null)));
      } else {
        out.add(e);
      }
    }
    return out;
  }

  static UsageReport usage(Long in, Long out, Long cacheRead, Long cacheWrite) {
    return new UsageReport(new Usage(in, out, cacheRead, cacheWrite, null, null));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7, 1})
  void simple_text_stream(int chunk) {
    Result r = run(PLAIN, "simple_text.stream.txt", chunk);
    assertThat(r.events()).containsExactly(
        new Start("msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY", "claude-sonnet-4-5-20250929"),
        usage(25L, null, null, null),
        new TextDelta("Hello"),
        new TextDelta("!"),
        new Finish(FinishReason.STOP, null),
        usage(null, 15L, null, null));
    assertThat(r.completed()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7, 3})
  void parallel_tool_calls_are_indexed_by_tool_position(int chunk) {
    Result r = run(PLAIN, "parallel_tools.stream.txt", chunk);
    assertThat(r.events()).containsExactly(
        new Start("msg_014p7gG3wDgGV9EUtLvnow3U", "claude-sonnet-4-5-20250929"),
        usage(472L, null, null, null),
        new TextDelta("I'll check the weather"),
        new TextDelta(" in both cities."),
        new ToolCallStart(0, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather"),
        new ToolCallDelta(0, "{\"location\":"),
        new ToolCallDelta(0, " \"San Francisco, CA\"}"),
        new ToolCallStart(1, "toolu_01CRZKkPkNTgmGEV4GqBpDzq", "get_weather"),
        new ToolCallDelta(1, "{\"locati"),
        new ToolCallDelta(1, "on\": \"New York, NY\", \"unit\": \"fahr"),
        new ToolCallDelta(1, "enheit\"}"),
        new Finish(FinishReason.TOOL_CALLS, null),
        usage(null, 112L, null, null));
    assertThat(r.completed()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7, 2})
  void thinking_stream_carries_deltas_and_signature(int chunk) {
    Result r = run(PLAIN, "thinking.stream.txt", chunk);
    assertThat(r.events()).containsExactly(
        new Start("msg_01PmTZUkYRdcVyfPxbWGWNfV", "claude-sonnet-4-5-20250929"),
        new ThinkingDelta("I need to find the GCD of 1071 and 462 using the Euclidean algorithm.\n\n1071 = 2 × 462 + 147"),
        new ThinkingDelta("\n462 = 3 × 147 + 21\n147 = 7 × 21 + 0\n\nSo GCD(1071, 462) = 21"),
        new ThinkingSignature("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds...", true),
        new TextDelta("The greatest common divisor of 1071 and 462 is **21**."),
        new Finish(FinishReason.STOP, null));
    assertThat(r.completed()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7})
  void a_redacted_thinking_block_streams_whole_after_the_signed_thinking_it_follows(int chunk) {
    Result r = run(PLAIN, "thinking_tools.stream.txt", chunk);
    assertThat(r.events()).filteredOn(e -> !(e instanceof UsageReport)).containsExactly(
        new Start("msg_01TkQf3Ud2m7dYbY9u5cJ3Hn", "claude-sonnet-4-5-20250929"),
        new ThinkingDelta("The user wants the weather in Paris."),
        new ThinkingDelta(" I should call get_weather."),
        new ThinkingSignature("EqQBCgIYAhIMweatherSig0Kb6x3hU0ZfE7c1qL0nYpA9sV4m2Qd8jR5wT1bK3oN7uH6", true),
        new StreamEvent.RedactedThinking(
            "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB5URj"),
        new ToolCallStart(0, "toolu_01A09q90qw90lq917835lq9", "get_weather"),
        new ToolCallDelta(0, "{\"city\": "),
        new ToolCallDelta(0, "\"Paris\"}"),
        new Finish(FinishReason.TOOL_CALLS, null));
    assertThat(r.completed()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7})
  void json_schema_emulation_streams_the_tool_input_as_text(int chunk) {
    Result r = run(AnthropicResponseDecoderTest.jsonSchemaRequest(), "json_schema.stream.txt", chunk);
    assertThat(r.events()).containsExactly(
        new Start("msg_01K2JbSUMYhez5RHoK9ZCj9U", "claude-haiku-4-5-20251001"),
        usage(849L, null, 0L, 0L),
        new TextDelta("{\"elements\": [{\"location\": \"San Francisco\", \"temperature\": 58, \"condition\": \"sunny\"}]"),
        new TextDelta("}"),
        new Finish(FinishReason.STOP, null),
        usage(849L, 47L, 0L, 0L));
    String text = r.events().stream().filter(e -> e instanceof TextDelta)
        .map(e -> ((TextDelta) e).text()).reduce("", String::concat);
    assertThat(Golden.parse(text).at("/elements/0/location").asText()).isEqualTo("San Francisco");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7})
  void error_event_mid_stream_becomes_an_error_and_the_stream_is_not_completed(int chunk) {
    Result r = run(PLAIN, "error_midstream.stream.txt", chunk);
    assertThat(r.events()).containsExactly(
        new Start("msg_01Ns8Lz1JAkVb3kcvJ8Dq7o4", "claude-sonnet-4-5-20250929"),
        usage(2048L + 1800L, null, 1800L, 0L),
        new TextDelta("Here is"),
        new StreamEvent.Error(new UpstreamError(0, "overloaded_error", null, "Overloaded")));
    assertThat(r.completed()).isFalse();
  }

  @Test
  void usage_report_keeps_the_raw_usage_node() {
    StreamDecoder decoder = AnthropicCodec.streamDecoder(PLAIN);
    List<StreamEvent> out = new ArrayList<>();
    decoder.decode(new SseEvent("message_delta",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":4096}}"),
        out::add);
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).isEqualTo(new Finish(FinishReason.LENGTH, null));
    Usage u = ((UsageReport) out.get(1)).usage();
    assertThat(u.raw()).isEqualTo(Golden.parse("{\"output_tokens\":4096}"));
  }

  @Test
  void unknown_events_and_deltas_are_ignored() {
    StreamDecoder decoder = AnthropicCodec.streamDecoder(PLAIN);
    List<StreamEvent> out = new ArrayList<>();
    decoder.decode(new SseEvent("content_block_start",
        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}}"), out::add);
    decoder.decode(new SseEvent("content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"query\\\"\"}}"), out::add);
    decoder.decode(new SseEvent("content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":5,\"delta\":{\"type\":\"text_delta\",\"text\":\"orphan\"}}"), out::add);
    decoder.decode(new SseEvent("brand_new_event", "{\"type\":\"brand_new_event\",\"x\":1}"), out::add);
    decoder.decode(new SseEvent("ping", "{\"type\":\"ping\"}"), out::add);
    assertThat(out).isEmpty();
    assertThat(decoder.completed()).isFalse();
  }

  @Test
  void many_content_blocks_grow_the_block_table() {
    StreamDecoder decoder = AnthropicCodec.streamDecoder(PLAIN);
    List<StreamEvent> out = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      decoder.decode(new SseEvent(null, "{\"type\":\"content_block_start\",\"index\":" + i
          + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_" + i + "\",\"name\":\"f\",\"input\":{}}}"), out::add);
    }
    decoder.decode(new SseEvent(null, "{\"type\":\"content_block_delta\",\"index\":19,"
        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}"), out::add);
    assertThat(out.getLast()).isEqualTo(new ToolCallDelta(19, "{}"));
  }

  @Test
  void a_tool_call_without_arguments_gets_the_empty_object_when_its_block_stops() {
    // Anthropic streams a no-argument call as input {} and an empty (or no) input_json_delta: an OpenAI client
    // would otherwise get arguments "" and fail to parse them.
    StreamDecoder decoder = AnthropicCodec.streamDecoder(PLAIN);
    List<StreamEvent> out = new ArrayList<>();
    decoder.decode(new SseEvent(null, "{\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"now\",\"input\":{}}}"), out::add);
    decoder.decode(new SseEvent(null, "{\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}"), out::add);
    decoder.decode(new SseEvent(null, "{\"type\":\"content_block_stop\",\"index\":0}"), out::add);
    // A call whose arguments did stream gets nothing more at its stop.
    decoder.decode(new SseEvent(null, "{\"type\":\"content_block_start\",\"index\":1,"
        + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"f\",\"input\":{}}}"), out::add);
    decoder.decode(new SseEvent(null, "{\"type\":\"content_block_delta\",\"index\":1,"
        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\":1}\"}}"), out::add);
    decoder.decode(new SseEvent(null, "{\"type\":\"content_block_stop\",\"index\":1}"), out::add);
    assertThat(out).containsExactly(
        new ToolCallStart(0, "toolu_1", "now"),
        new ToolCallDelta(0, "{}"),
        new ToolCallStart(1, "toolu_2", "f"),
        new ToolCallDelta(1, "{\"a\":1}"));
  }
}
