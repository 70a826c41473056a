package dev.switchboard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.FinishReason;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.StreamEvent.Finish;
import dev.switchboard.model.StreamEvent.Start;
import dev.switchboard.model.StreamEvent.TextDelta;
import dev.switchboard.model.StreamEvent.ThinkingDelta;
import dev.switchboard.model.StreamEvent.ToolCallDelta;
import dev.switchboard.model.StreamEvent.ToolCallStart;
import dev.switchboard.model.StreamEvent.UsageReport;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.protocol.sse.SseEvent;
import dev.switchboard.protocol.sse.SseParser;
import dev.switchboard.provider.StreamDecoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStreamDecoderTest {

  /** Feeds SSE bytes through the parser in chunks of {@code chunk} bytes (0: all at once). */
  static List<StreamEvent> run(StreamDecoder decoder, byte[] sse, int chunk) {
    List<StreamEvent> events = new ArrayList<>();
    SseParser parser = new SseParser();
    if (chunk == 0) parser.feed(sse, e -> decoder.decode(e, events::add));
    else for (int i = 0; i < sse.length; i += chunk) {
      parser.feed(sse, i, Math.min(chunk, sse.length - i), e -> decoder.decode(e, events::add));
    }
    parser.finish(e -> decoder.decode(e, events::add));
    decoder.finish(events::add);
    return events;
  }

  /** The first chunk's header fields without a canonical slot, as the decoder keeps them for an OpenAI client. */
  private static dev.switchboard.model.WireExtras fingerprint(String fp) {
    return new dev.switchboard.model.WireExtras(OpenAiChatCodec.WIRE,
        java.util.Map.of("system_fingerprint", com.fasterxml.jackson.databind.node.TextNode.valueOf(fp)), null);
  }

  private static StreamDecoder decoder() { return OpenAiChatCodec.INSTANCE.streamDecoder(); }

  @Test
  void text_stream_with_usage_only_final_chunk_decodes() {
    StreamDecoder d = decoder();
    List<StreamEvent> events = run(d, OpenAiGolden.bytes("text_usage.stream.sse"), 0);
    assertThat(events).hasSize(5);
    assertThat(events.subList(0, 4)).containsExactly(
        new Start("chatcmpl-123", "gpt-4o-mini", fingerprint("fp_44709d6fcb")),
        new TextDelta("Hello"),
        new TextDelta("! How can I help — today?"),
        new Finish(FinishReason.STOP, null));
    assertThat(events.get(4)).isInstanceOfSatisfying(UsageReport.class, u -> {
      assertThat(u.usage().inputTokens()).isEqualTo(19);
      assertThat(u.usage().outputTokens()).isEqualTo(10);
      assertThat(u.usage().cachedInputTokens()).isZero();
      assertThat(u.usage().reasoningTokens()).isZero();
    });
    assertThat(d.completed()).isTrue();
  }

  @Test
  void interleaved_parallel_tool_call_fragments_stay_with_their_index() {
    StreamDecoder d = decoder();
    List<StreamEvent> events = run(d, OpenAiGolden.bytes("parallel_tools.stream.sse"), 0);
    assertThat(events).containsExactly(
        new Start("chatcmpl-9gF4", "gpt-4o-2024-08-06", fingerprint("fp_4e2b2da518")),
        new ToolCallStart(0, "call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_weather"),
        new ToolCallDelta(0, "{\"lo"),
        new ToolCallStart(1, "call_ABJx2k9Qq0mXr3yVb7Tz1LpN", "get_weather"),
        new ToolCallDelta(1, "{\"location\":"),
        new ToolCallDelta(0, "cation\":\"Paris, France\"}"),
        new ToolCallDelta(1, "\"Bogotá, Colombia\"}"),
        new Finish(FinishReason.TOOL_CALLS, null));
    assertThat(d.completed()).isTrue();
  }

  /** Gemini's OpenAI-compatible endpoint: each parallel call whole in a chunk of its own, none with an index. */
  @Test
  void parallel_calls_without_index_in_chunks_of_their_own_get_an_index_each() {
    StreamDecoder d = decoder();
    List<StreamEvent> events = run(d, OpenAiGolden.bytes("indexless_tools.stream.sse"), 0);
    assertThat(events.subList(0, 8)).containsExactly(
        new Start("f3BSaKnHCJ2m1PIPlvWJuQ4", "gemini-2.5-flash"),
        new ToolCallStart(0, "function-call-15437716573586413226", "get_weather"),
        new ToolCallDelta(0, "{\"city\":\"Paris\"}"),
        new ToolCallStart(1, "function-call-2801960183390393806", "get_weather"),
        new ToolCallDelta(1, "{\"city\":\"Tokyo\"}"),
        new ToolCallStart(2, "function-call-9081264511749285337", "get_time"),
        new ToolCallDelta(2, "{\"tz\":\"Europe/Paris\"}"),
        new Finish(FinishReason.TOOL_CALLS, null));
    assertThat(events.get(8)).isInstanceOf(UsageReport.class);
    assertThat(d.completed()).isTrue();
  }

  @Test
  void an_indexless_fragment_without_id_or_with_the_current_id_continues_the_current_call() {
    List<StreamEvent> events = new ArrayList<>();
    StreamDecoder d = decoder();
    for (String call : List.of(
        "{\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"ci\"}}",
        "{\"function\":{\"arguments\":\"ty\\\":\\\"Paris\\\"}\"}}",
        "{\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"time\",\"arguments\":\"\"}}",
        "{\"id\":\"call_b\",\"function\":{\"arguments\":\"{}\"}}",
        "{\"id\":\"\",\"function\":{\"arguments\":\" \"}}")) {
      d.decode(new SseEvent(null, "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[" + call + "]}}]}"), events::add);
    }
    assertThat(events).containsExactly(
        new Start(null, null),
        new ToolCallStart(0, "call_a", "weather"),
        new ToolCallDelta(0, "{\"ci"),
        new ToolCallDelta(0, "ty\":\"Paris\"}"),
        new ToolCallStart(1, "call_b", "time"),
        new ToolCallDelta(1, "{}"),
        new ToolCallDelta(1, " "));
  }

  @Test
  void indexless_calls_in_one_chunk_are_told_apart_by_id_and_an_earlier_id_goes_back_to_its_call() {
    List<StreamEvent> events = new ArrayList<>();
    StreamDecoder d = decoder();
    d.decode(new SseEvent(null, "{\"choices\":[{\"delta\":{\"tool_calls\":["
        + "{\"id\":\"call_a\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":\"}},"
        + "{\"id\":\"call_b\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}]}}]}"), events::add);
    d.decode(new SseEvent(null, "{\"choices\":[{\"delta\":{\"tool_calls\":["
        + "{\"id\":\"call_a\",\"function\":{\"arguments\":\"1}\"}}]}}]}"), events::add);
    assertThat(events).containsExactly(
        new Start(null, null),
        new ToolCallStart(0, "call_a", "f"),
        new ToolCallDelta(0, "{\"x\":"),
        new ToolCallStart(1, "call_b", "g"),
        new ToolCallDelta(1, "{}"),
        new ToolCallDelta(0, "1}"));
  }

  @Test
  void deepseek_reasoning_content_streams_as_thinking_and_usage_rides_on_the_finish_chunk() {
    List<StreamEvent> events = run(decoder(), OpenAiGolden.bytes("deepseek_reasoning.stream.sse"), 0);
    assertThat(events.subList(0, 4)).containsExactly(
        new Start("1f633d8bfc032625086f14113c411638", "deepseek-reasoner", fingerprint("fp_7e0991cad4")),
        new ThinkingDelta("Okay"),
        new TextDelta("9.8"),
        new Finish(FinishReason.STOP, null));
    assertThat(events.get(4)).isInstanceOfSatisfying(UsageReport.class,
        u -> assertThat(u.usage().reasoningTokens()).isEqualTo(379));
  }

  @Test
  void three_byte_chunks_give_the_same_events_as_whole_input() {
    for (String g : List.of("text_usage.stream.sse", "parallel_tools.stream.sse", "deepseek_reasoning.stream.sse",
        "indexless_tools.stream.sse")) {
      byte[] sse = OpenAiGolden.bytes(g);
      assertThat(run(decoder(), sse, 3)).as(g).isEqualTo(run(decoder(), sse, 0));
    }
  }

  @Test
  void a_stream_cut_before_finish_or_done_is_not_completed() {
    byte[] sse = OpenAiGolden.bytes("text_usage.stream.sse");
    String text = new String(sse, java.nio.charset.StandardCharsets.UTF_8);
    byte[] cut = OpenAiGolden.utf8(text.substring(0, text.indexOf("data:", text.indexOf("Hello"))));
    StreamDecoder d = decoder();
    assertThat(run(d, cut, 0)).containsExactly(new Start("chatcmpl-123", "gpt-4o-mini", fingerprint("fp_44709d6fcb")), new TextDelta("Hello"));
    assertThat(d.completed()).isFalse();
  }

  @Test
  void done_alone_completes_the_stream() {
    StreamDecoder d = decoder();
    d.decode(new SseEvent(null, "[DONE]"), e -> { throw new AssertionError("no events for [DONE]"); });
    assertThat(d.completed()).isTrue();
  }

  @Test
  void an_error_object_inside_the_stream_becomes_an_error_event() {
    StreamDecoder d = decoder();
    List<StreamEvent> events = new ArrayList<>();
    d.decode(new SseEvent(null, "{\"error\":{\"message\":\"The server had an error while processing your request.\","
        + "\"type\":\"server_error\",\"param\":null,\"code\":null}}"), events::add);
    d.decode(new SseEvent(null, "not json"), events::add);
    assertThat(events).containsExactly(
        new StreamEvent.Error(new UpstreamError(0, "server_error", null, "The server had an error while processing your request.")),
        new StreamEvent.Error(new UpstreamError(0, "invalid_stream", null, "upstream sent an invalid stream chunk")));
    assertThat(d.completed()).isFalse();
  }

  @Test
  void fields_in_any_order_give_events_in_the_same_order_and_an_unknown_delta_field_is_kept_whole() {
    StreamDecoder d = decoder();
    List<StreamEvent> events = new ArrayList<>();
    // usage before choices, model after them, extra choices to skip, a delta field with nested objects and arrays to
    // keep for an OpenAI client (WireExtras), and
    // malformed logprobs (no entry has both a token and a logprob), which are dropped rather than made up.
    d.decode(new SseEvent(null, "{\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2},\"choices\":[{\"finish_reason\":\"stop\","
        + "\"logprobs\":{\"content\":[{\"token\":\"a\",\"top_logprobs\":[{\"t\":[1,{\"x\":null}]}]}]},"
        + "\"delta\":{\"content\":\"hi\",\"extra\":{\"deep\":[[]]},\"reasoning\":\"think\"},\"index\":0},"
        + "{\"index\":1,\"delta\":{\"content\":\"second choice\"}}],\"model\":\"m\",\"id\":\"c1\",\"object\":\"chat.completion.chunk\"}"),
        events::add);
    assertThat(events).hasSize(6);
    assertThat(events.subList(0, 3)).containsExactly(new Start("c1", "m"), new ThinkingDelta("think"), new TextDelta("hi"));
    assertThat(events.get(3)).isInstanceOfSatisfying(StreamEvent.DeltaExtras.class, x ->
        assertThat(x.extras().message().get("extra").toString()).isEqualTo("{\"deep\":[[]]}"));
    assertThat(events.get(4)).isEqualTo(new Finish(FinishReason.STOP, null));
    assertThat(events.get(5)).isInstanceOfSatisfying(UsageReport.class, u -> {
      assertThat(u.usage().inputTokens()).isEqualTo(3);
      assertThat(u.usage().outputTokens()).isEqualTo(2);
    });
    assertThat(d.completed()).isTrue();
  }

  @Test
  void values_of_the_wrong_type_are_absent_and_a_chunk_that_is_not_an_object_is_empty() {
    StreamDecoder d = decoder();
    List<StreamEvent> events = new ArrayList<>();
    d.decode(new SseEvent(null, "{\"id\":42,\"model\":{\"n\":1},\"choices\":[{\"delta\":{\"content\":[\"x\"]},"
        + "\"finish_reason\":null}],\"usage\":null,\"error\":null}"), events::add);
    d.decode(new SseEvent(null, "[1,2]"), events::add);
    d.decode(new SseEvent(null, "{\"choices\":{\"delta\":{\"content\":\"not an array\"}}}"), events::add);
    d.decode(new SseEvent(null, "{\"choices\":[{\"delta\":{\"content\":\"ok\"}}]} trailing"), events::add);
    assertThat(events).containsExactly(new Start(null, null), new TextDelta("ok"));
    assertThat(d.completed()).isFalse();
  }
}
