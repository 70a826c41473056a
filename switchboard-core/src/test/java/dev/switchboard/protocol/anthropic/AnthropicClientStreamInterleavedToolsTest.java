package dev.switchboard.protocol.anthropic;

import static dev.switchboard.protocol.anthropic.AnthropicClientStreamTest.encode;
import static dev.switchboard.protocol.anthropic.AnthropicClientStreamTest.events;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.sse.SseEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parallel tool calls whose argument fragments the upstream interleaves (OpenAI-compatible servers announce both
 * calls, then alternate) still reach Anthropic clients as blocks of start -> deltas -> stop, one after another.
 */
class AnthropicClientStreamInterleavedToolsTest {

  /** What the OpenAI decoder makes of: both calls announced with a first fragment, then one fragment each. */
  static final List<StreamEvent> INTERLEAVED = List.of(
      new StreamEvent.Start("chatcmpl-1", "gpt-test"),
      new StreamEvent.ToolCallStart(0, "call_a", "get_weather"),
      new StreamEvent.ToolCallDelta(0, "{\"city\":"),
      new StreamEvent.ToolCallStart(1, "call_b", "get_weather"),
      new StreamEvent.ToolCallDelta(1, "{\"city\":"),
      new StreamEvent.ToolCallDelta(0, "\"Paris\"}"),
      new StreamEvent.ToolCallDelta(1, "\"Tokyo\"}"),
      new StreamEvent.Finish(FinishReason.TOOL_CALLS, null),
      new StreamEvent.UsageReport(new Usage(20L, 10L, null, null, null, null)));

  @Test
  void interleaved_calls_are_written_as_one_whole_block_after_another() {
    List<SseEvent> out = events(encode(INTERLEAVED, true));
    assertThat(out).extracting(SseEvent::event).containsExactly(
        "message_start",
        "content_block_start", "ping", "content_block_delta", "content_block_delta", "content_block_stop",
        "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
        "message_delta", "message_stop");
    assertThat(json(out.get(1))).isEqualTo(Golden.parse("""
        {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"call_a","name":"get_weather","input":{}}}"""));
    assertThat(json(out.get(6))).isEqualTo(Golden.parse("""
        {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"call_b","name":"get_weather","input":{}}}"""));
    assertThat(List.of(out.get(3), out.get(4), out.get(5), out.get(7), out.get(8), out.get(9)))
        .extracting(e -> json(e).path("index").asInt()).containsExactly(0, 0, 0, 1, 1, 1);
    assertThat(List.of(out.get(3), out.get(4), out.get(7), out.get(8)))
        .extracting(e -> json(e).at("/delta/partial_json").asText())
        .containsExactly("{\"city\":", "\"Paris\"}", "{\"city\":", "\"Tokyo\"}");
    assertThat(inputs(out)).containsExactly(
        Golden.parse("{\"city\":\"Paris\"}"), Golden.parse("{\"city\":\"Tokyo\"}"));
    assertThat(json(out.get(10)).at("/delta/stop_reason").asText()).isEqualTo("tool_use");
  }

  @Test
  void calls_that_arrive_one_after_another_stream_live() {
    StreamEncoderProbe probe = new StreamEncoderProbe();
    probe.feed(new StreamEvent.ToolCallStart(0, "call_a", "f"));
    assertThat(probe.feed(new StreamEvent.ToolCallDelta(0, "{\"a\":1}"))).containsExactly("content_block_delta");
    assertThat(probe.feed(new StreamEvent.ToolCallStart(1, "call_b", "f")))
        .containsExactly("content_block_stop", "content_block_start");
    assertThat(probe.feed(new StreamEvent.ToolCallDelta(1, "{\"b\":"))).containsExactly("content_block_delta");
    assertThat(probe.feed(new StreamEvent.ToolCallDelta(1, "2}"))).containsExactly("content_block_delta");
  }

  @Test
  void a_held_call_is_written_as_soon_as_the_open_one_is_complete() {
    StreamEncoderProbe probe = new StreamEncoderProbe();
    probe.feed(new StreamEvent.ToolCallStart(0, "call_a", "f"));
    probe.feed(new StreamEvent.ToolCallDelta(0, "{\"a\":"));
    assertThat(probe.feed(new StreamEvent.ToolCallStart(1, "call_b", "f"))).isEmpty();
    assertThat(probe.feed(new StreamEvent.ToolCallDelta(1, "{\"b\":"))).isEmpty();
    assertThat(probe.feed(new StreamEvent.ToolCallDelta(0, "1}")))
        .containsExactly("content_block_delta", "content_block_stop", "content_block_start", "content_block_delta");
    assertThat(probe.feed(new StreamEvent.ToolCallDelta(1, "2}"))).containsExactly("content_block_delta");
  }

  /** Braces and brackets inside strings (escaped quotes too) do not end the value; three calls keep their order. */
  @Test
  void three_interleaved_calls_with_brackets_inside_strings_keep_their_order_and_arguments() {
    List<StreamEvent> in = List.of(
        new StreamEvent.ToolCallStart(0, "c0", "f"),
        new StreamEvent.ToolCallStart(1, "c1", "f"),
        new StreamEvent.ToolCallStart(2, "c2", "f"),
        new StreamEvent.ToolCallDelta(2, "{\"n\":[1,"),
        new StreamEvent.ToolCallDelta(0, "{\"q\":\"a } \\\""),
        new StreamEvent.ToolCallDelta(1, "{\"x\":{\"y\":"),
        new StreamEvent.ToolCallDelta(0, " ] {\"}"),
        new StreamEvent.ToolCallDelta(2, "2]}"),
        new StreamEvent.ToolCallDelta(1, "true}}"),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS, null));
    List<SseEvent> out = events(encode(in, true));
    assertOnlyOpenBlocksGetDeltas(out);
    assertThat(out).filteredOn(e -> e.event().equals("content_block_start"))
        .extracting(e -> json(e).at("/content_block/id").asText()).containsExactly("c0", "c1", "c2");
    assertThat(inputs(out)).containsExactly(Golden.parse("{\"q\":\"a } \\\" ] {\"}"),
        Golden.parse("{\"x\":{\"y\":true}}"), Golden.parse("{\"n\":[1,2]}"));
  }

  /** Arguments that never form a complete value (or none at all) hold the next call until the answer ends. */
  @Test
  void held_calls_are_written_at_the_finish_when_the_open_call_never_completes() {
    List<StreamEvent> in = List.of(
        new StreamEvent.ToolCallStart(0, "c0", "f"),
        new StreamEvent.ToolCallStart(1, "c1", "f"),
        new StreamEvent.ToolCallDelta(1, "{\"b\":2}"),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS, null));
    List<SseEvent> out = events(encode(in, true));
    assertThat(out).extracting(SseEvent::event).containsExactly("message_start",
        "content_block_start", "ping", "content_block_stop",
        "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
    assertThat(json(out.get(5)).at("/delta/partial_json").asText()).isEqualTo("{\"b\":2}");
  }

  /** Text ends the tool calls before it: the held ones are written first, in order, so block order is kept. */
  @Test
  void text_after_interleaved_calls_follows_their_blocks() {
    List<StreamEvent> in = List.of(
        new StreamEvent.ToolCallStart(0, "c0", "f"),
        new StreamEvent.ToolCallDelta(0, "{\"a\":"),
        new StreamEvent.ToolCallStart(1, "c1", "f"),
        new StreamEvent.ToolCallDelta(1, "{\"b\":2}"),
        new StreamEvent.TextDelta("Done."),
        new StreamEvent.Finish(FinishReason.STOP, null));
    List<SseEvent> out = events(encode(in, true));
    assertOnlyOpenBlocksGetDeltas(out);
    assertThat(out).filteredOn(e -> e.event().equals("content_block_start"))
        .extracting(e -> json(e).at("/content_block/type").asText()).containsExactly("tool_use", "tool_use", "text");
    assertThat(json(out.get(out.size() - 4)).at("/delta/text").asText()).isEqualTo("Done.");
  }

  @Test
  void fragment_for_a_closed_call_is_never_sent_under_its_index() {
    List<StreamEvent> in = List.of(
        new StreamEvent.ToolCallStart(0, "c0", "f"),
        new StreamEvent.ToolCallDelta(0, "{\"a\":1}"),
        new StreamEvent.ToolCallStart(1, "c1", "f"),
        new StreamEvent.ToolCallDelta(0, " "),
        new StreamEvent.ToolCallDelta(1, "{}"),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS, null));
    List<SseEvent> out = events(encode(in, true));
    assertOnlyOpenBlocksGetDeltas(out);
    assertThat(inputs(out)).containsExactly(Golden.parse("{\"a\":1}"), Golden.parse("{}"));
  }

  @Test
  void stream_failing_while_a_call_is_held_ends_with_the_error_event() {
    List<SseEvent> out = events(encode(INTERLEAVED.subList(0, 5), false));
    assertThat(out).extracting(SseEvent::event)
        .containsExactly("message_start", "content_block_start", "ping", "content_block_delta", "error");
  }

  private static JsonNode json(SseEvent e) { return Golden.parse(e.data()); }

  /** Each tool block's concatenated partial_json, parsed, in block order. */
  private static List<JsonNode> inputs(List<SseEvent> out) {
    Map<Integer, StringBuilder> byBlock = new LinkedHashMap<>();
    for (SseEvent e : out) {
      JsonNode d = json(e);
      if (e.event().equals("content_block_start") && d.at("/content_block/type").asText().equals("tool_use")) {
        byBlock.put(d.path("index").asInt(), new StringBuilder());
      } else if (e.event().equals("content_block_delta") && d.at("/delta/type").asText().equals("input_json_delta")) {
        byBlock.get(d.path("index").asInt()).append(d.at("/delta/partial_json").asText());
      }
    }
    List<JsonNode> parsed = new ArrayList<>();
    for (StringBuilder sb : byBlock.values()) parsed.add(Golden.parse(sb.toString()));
    return parsed;
  }

  /** Anthropic's wire rule: a block's deltas come between its start and its stop, and blocks never overlap. */
  private static void assertOnlyOpenBlocksGetDeltas(List<SseEvent> out) {
    Integer open = null;
    for (SseEvent e : out) {
      JsonNode d = json(e);
      switch (e.event()) {
        case "content_block_start" -> {
          assertThat(open).as("start while block %s is open", open).isNull();
          open = d.path("index").asInt();
        }
        case "content_block_delta" -> assertThat(d.path("index").asInt()).as(e.data()).isEqualTo(open);
        case "content_block_stop" -> {
          assertThat(d.path("index").asInt()).isEqualTo(open);
          open = null;
        }
        default -> { }
      }
    }
  }

  /** Feeds one event at a time and tells which events it wrote at once (pings left out). */
  private static final class StreamEncoderProbe {
    private final dev.switchboard.protocol.StreamEncoder encoder =
        AnthropicClientCodec.INSTANCE.streamEncoder(AnthropicClientStreamTest.PLAIN);

    List<String> feed(StreamEvent event) {
      return events(encoder.encode(event)).stream().map(SseEvent::event)
          .filter(n -> !n.equals("ping") && !n.equals("message_start")).toList();
    }
  }
}
