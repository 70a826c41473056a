package dev.switchboard.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.StreamEncoder;
import dev.switchboard.protocol.sse.SseEvent;
import dev.switchboard.protocol.sse.SseParser;
import dev.switchboard.provider.StreamDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Messages streaming sequence the gateway writes to Anthropic clients. */
class AnthropicClientStreamTest {
  static final ChatRequest PLAIN = AnthropicResponseDecoderTest.PLAIN;

  static List<SseEvent> events(byte[] bytes) {
    List<SseEvent> out = new ArrayList<>();
    SseParser p = new SseParser();
    p.feed(bytes, out::add);
    p.finish(out::add);
    return out;
  }

  static byte[] encode(List<StreamEvent> in, boolean complete) {
    StreamEncoder enc = AnthropicClientCodec.INSTANCE.streamEncoder(PLAIN);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (StreamEvent e : in) out.writeBytes(enc.encode(e));
    out.writeBytes(complete ? enc.end() : enc.error(GatewayError.of(ErrorKey.UPSTREAM_ERROR, "Upstream stream failed: Overloaded")));
    return out.toByteArray();
  }

  /** Upstream golden -> canonical (upstream decoder) -> client encoder. */
  static List<SseEvent> roundTrip(String golden) {
    StreamDecoder decoder = AnthropicCodec.streamDecoder(PLAIN);
    List<StreamEvent> canonical = new ArrayList<>();
    for (SseEvent e : events(Golden.bytes(golden))) decoder.decode(e, canonical::add);
    return events(encode(canonical, true));
  }

  static List<String> names(List<SseEvent> events) {
    return events.stream().map(SseEvent::event).filter(n -> !n.equals("ping")).toList();
  }

  @Test
  void simple_text_stream_is_reproduced_exactly() {
    List<SseEvent> expected = events(Golden.bytes("simple_text.stream.txt"));
    List<SseEvent> actual = roundTrip("simple_text.stream.txt");
    assertThat(actual).extracting(SseEvent::event).containsExactlyElementsOf(expected.stream().map(SseEvent::event).toList());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(Golden.parse(actual.get(i).data())).as(expected.get(i).event()).isEqualTo(Golden.parse(expected.get(i).data()));
    }
  }

  /** Same events in the same order with the same deltas (empty input_json_delta fragments carry nothing). */
  @ParameterizedTest
  @ValueSource(strings = {"parallel_tools.stream.txt", "thinking.stream.txt"})
  void golden_stream_keeps_event_order_block_indexes_and_deltas(String golden) {
    List<SseEvent> expected = events(Golden.bytes(golden)).stream()
        .filter(e -> !e.data().contains("\"partial_json\":\"\"")).toList();
    List<SseEvent> actual = roundTrip(golden);
    assertThat(names(actual)).containsExactlyElementsOf(names(expected));
    List<JsonNode> expectedDeltas = deltas(expected);
    assertThat(deltas(actual)).containsExactlyElementsOf(expectedDeltas);
    JsonNode messageDelta = Golden.parse(actual.get(actual.size() - 2).data());
    assertThat(messageDelta.at("/delta/stop_reason")).isEqualTo(Golden.parse(expected.get(expected.size() - 2).data()).at("/delta/stop_reason"));
  }

  private static List<JsonNode> deltas(List<SseEvent> events) {
    return events.stream().filter(e -> e.event().equals("content_block_delta")).map(e -> Golden.parse(e.data())).toList();
  }

  @Test
  void a_redacted_thinking_block_is_reproduced_whole_between_the_thinking_and_the_tool_call() {
    List<SseEvent> expected = events(Golden.bytes("thinking_tools.stream.txt"));
    List<SseEvent> actual = roundTrip("thinking_tools.stream.txt");
    assertThat(names(actual)).containsExactlyElementsOf(names(expected));
    List<JsonNode> blocks = blockStarts(actual);
    assertThat(blocks).extracting(b -> b.at("/content_block/type").asText())
        .containsExactly("thinking", "redacted_thinking", "tool_use");
    assertThat(blocks.get(1)).isEqualTo(blockStarts(expected).get(1));
  }

  private static List<JsonNode> blockStarts(List<SseEvent> events) {
    return events.stream().filter(e -> e.event().equals("content_block_start")).map(e -> Golden.parse(e.data())).toList();
  }

  @Test
  void translated_stream_has_the_exact_anthropic_event_sequence() {
    List<StreamEvent> in = List.of(
        new StreamEvent.Start("chatcmpl-1", "gpt-test"),
        new StreamEvent.ThinkingDelta("hmm"),
        new StreamEvent.ThinkingSignature("sig"),
        new StreamEvent.TextDelta("Checking."),
        new StreamEvent.ToolCallStart(0, "call_1", "get_weather"),
        new StreamEvent.ToolCallDelta(0, "{\"city\":"),
        new StreamEvent.ToolCallDelta(0, "\"Paris\"}"),
        new StreamEvent.ToolCallStart(1, "call_2", "get_weather"),
        new StreamEvent.ToolCallDelta(1, "{\"city\":\"Oslo\"}"),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS, null),
        new StreamEvent.UsageReport(new Usage(100L, 20L, 80L, null, null, null)));
    List<SseEvent> out = events(encode(in, true));
    assertThat(out).extracting(SseEvent::event).containsExactly(
        "message_start",
        "content_block_start", "ping", "content_block_delta", "content_block_delta", "content_block_stop",
        "content_block_start", "content_block_delta", "content_block_stop",
        "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
        "content_block_start", "content_block_delta", "content_block_stop",
        "message_delta", "message_stop");
    assertThat(out).extracting(e -> Golden.parse(e.data()).path("type").asText())
        .containsExactlyElementsOf(out.stream().map(SseEvent::event).toList());
    assertThat(Golden.parse(out.get(1).data()).at("/content_block/type").asText()).isEqualTo("thinking");
    assertThat(Golden.parse(out.get(4).data()).at("/delta")).isEqualTo(Golden.parse("{\"type\":\"signature_delta\",\"signature\":\"sig\"}"));
    assertThat(Golden.parse(out.get(9).data())).isEqualTo(Golden.parse("""
        {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"call_1","name":"get_weather","input":{}}}"""));
    assertThat(Golden.parse(out.get(14).data())).isEqualTo(Golden.parse("""
        {"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\":\\"Oslo\\"}"}}"""));
    // Usage only arrived at the end (OpenAI style): message_delta carries input (cache excluded) and output.
    assertThat(Golden.parse(out.get(16).data())).isEqualTo(Golden.parse("""
        {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},
         "usage":{"input_tokens":20,"cache_read_input_tokens":80,"output_tokens":20}}"""));
    JsonNode start = Golden.parse(out.get(0).data()).get("message");
    assertThat(start.get("model").asText()).isEqualTo("gpt-test");
    assertThat(start.at("/usage/input_tokens").asLong()).isZero();
  }

  @Test
  void stop_sequence_finish_is_reported_as_stop_sequence() {
    List<SseEvent> out = events(encode(List.of(new StreamEvent.TextDelta("one two"),
        new StreamEvent.Finish(FinishReason.STOP, "three")), true));
    ObjectNode delta = (ObjectNode) Golden.parse(out.get(out.size() - 2).data()).get("delta");
    assertThat(delta).isEqualTo(Golden.parse("{\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"three\"}"));
  }

  @Test
  void failed_stream_ends_with_an_error_event_and_no_message_stop() {
    List<SseEvent> out = events(encode(List.of(new StreamEvent.Start("msg_1", "m"), new StreamEvent.TextDelta("Here is")), false));
    assertThat(out).extracting(SseEvent::event)
        .containsExactly("message_start", "content_block_start", "ping", "content_block_delta", "error");
    assertThat(Golden.parse(out.getLast().data())).isEqualTo(Golden.parse(
        "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Upstream stream failed: Overloaded\"}}"));
  }

  @Test
  void empty_answer_still_has_start_delta_and_stop() {
    assertThat(events(encode(List.of(new StreamEvent.Finish(FinishReason.STOP, null)), true)))
        .extracting(SseEvent::event).containsExactly("message_start", "message_delta", "message_stop");
  }

  @Test
  void sse_event_frames_back_to_the_same_event() {
    SseEvent e = new SseEvent("content_block_delta", "{\"a\":1}\n{\"b\":2}");
    assertThat(events(e.frame())).containsExactly(e);
    String text = new String(new SseEvent(null, "x").frame(), StandardCharsets.UTF_8);
    assertThat(text).isEqualTo("data: x\n\n");
  }
}
