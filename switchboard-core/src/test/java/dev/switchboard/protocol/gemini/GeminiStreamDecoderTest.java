package dev.switchboard.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiStreamDecoderTest {

  /** Feeds the golden bytes through the SSE parser in chunks of {@code chunk} bytes (0: all at once). */
  static List<StreamEvent> run(GeminiStreamDecoder decoder, byte[] sse, int chunk) {
    List<StreamEvent> events = new ArrayList<>();
    SseParser parser = new SseParser();
    if (chunk == 0) {
      parser.feed(sse, e -> decoder.decode(e, events::add));
    } else {
      for (int i = 0; i < sse.length; i += chunk) {
        parser.feed(sse, i, Math.min(chunk, sse.length - i), e -> decoder.decode(e, events::add));
      }
    }
    parser.finish(e -> decoder.decode(e, events::add));
    decoder.finish(events::add);
    return events;
  }

  @Test
  void thinking_text_and_parallel_calls_stream_as_canonical_events() {
    GeminiStreamDecoder decoder = new GeminiStreamDecoder("fallback");
    List<StreamEvent> events = run(decoder, Goldens.bytes("stream_tools.sse"), 0);

    assertThat(events).hasSize(10);
    String nonce = callNonce(events);
    assertThat(events.subList(0, 9)).containsExactly(
        new Start("Jg6taNyyH9WrxN8Pq8mYuQQ", "gemini-2.5-flash"),
        new ThinkingDelta("**Checking the weather**\n\nThe user wants weather for two cities."),
        new TextDelta("Let me look that up for ☀ you."),
        new ThinkingSignature("CikB0e2Kb6x3hU0ZfE7c1qL0nYpA9sV4m2Qd8jR5wT1bK3oN7uH6"),
        new ToolCallStart(0, "call_" + nonce + "_0", "get_weather"),
        new ToolCallDelta(0, "{\"location\":\"Paris\"}"),
        new ToolCallStart(1, "call_" + nonce + "_1", "get_weather"),
        new ToolCallDelta(1, "{\"location\":\"London\"}"),
        new Finish(FinishReason.TOOL_CALLS, null));
    assertThat(events.get(9)).isInstanceOfSatisfying(UsageReport.class, u -> {
      Usage usage = u.usage();
      assertThat(usage.inputTokens()).isEqualTo(61);
      assertThat(usage.outputTokens()).isEqualTo(39 + 48);
      assertThat(usage.reasoningTokens()).isEqualTo(48);
    });
    assertThat(decoder.completed()).isTrue();
  }

  /** The 16 hex digits the stream's made-up call ids share. */
  static String callNonce(List<StreamEvent> events) {
    String id = events.stream().filter(e -> e instanceof ToolCallStart).map(e -> ((ToolCallStart) e).id())
        .findFirst().orElseThrow();
    assertThat(id).matches("call_[0-9a-f]{16}_0");
    return id.substring("call_".length(), id.length() - 2);
  }

  @Test
  void five_byte_chunks_give_the_same_events() {
    byte[] sse = Goldens.bytes("stream_tools.sse");
    List<StreamEvent> chunked = run(new GeminiStreamDecoder("m"), sse, 5);
    List<StreamEvent> whole = run(new GeminiStreamDecoder("m"), sse, 0);
    // Each stream makes up its own call ids; the rest is the same.
    String same = callNonce(whole);
    assertThat(chunked.stream().map(e -> e.toString().replace(callNonce(chunked), same)).toList())
        .isEqualTo(whole.stream().map(Object::toString).toList());
  }

  @Test
  void made_up_call_ids_differ_from_stream_to_stream() {
    byte[] sse = Goldens.bytes("stream_tools.sse");
    assertThat(callNonce(run(new GeminiStreamDecoder("m"), sse, 0)))
        .isNotEqualTo(callNonce(run(new GeminiStreamDecoder("m"), sse, 0)));
  }

  @Test
  void error_inside_the_stream_becomes_an_error_event_and_the_stream_is_not_completed() {
    GeminiStreamDecoder decoder = new GeminiStreamDecoder("m");
    List<StreamEvent> events = run(decoder, Goldens.bytes("stream_error.sse"), 5);
    assertThat(events).containsExactly(
        new Start("a1", "gemini-2.5-pro"),
        new TextDelta("The answer"),
        new StreamEvent.Error(new UpstreamError(0, "UNAVAILABLE", null, "The model is overloaded. Please try again later.")),
        new UsageReport(new Usage(5L, null, null, null, null, Goldens.tree("{\"promptTokenCount\":5,\"totalTokenCount\":5}".getBytes()))));
    assertThat(decoder.completed()).isFalse();
  }

  @Test
  void blocked_prompt_in_a_stream_finishes_with_content_filter() {
    GeminiStreamDecoder decoder = new GeminiStreamDecoder("gemini-2.0-flash");
    List<StreamEvent> events = new ArrayList<>();
    decoder.decode(new SseEvent(null, "{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"},"
        + "\"usageMetadata\":{\"promptTokenCount\":4,\"totalTokenCount\":4}}"), events::add);
    assertThat(events).hasSize(3);
    assertThat(events.get(0)).isInstanceOfSatisfying(Start.class, s -> assertThat(s.model()).isEqualTo("gemini-2.0-flash"));
    assertThat(events.get(1)).isEqualTo(new Finish(FinishReason.CONTENT_FILTER, null));
    assertThat(events.get(2)).isInstanceOf(UsageReport.class);
    assertThat(decoder.completed()).isTrue();
  }

  @Test
  void data_that_is_not_json_is_reported_as_an_error_event() {
    List<StreamEvent> events = new ArrayList<>();
    new GeminiStreamDecoder("m").decode(new SseEvent(null, "{\"candidates\": ["), events::add);
    assertThat(events).singleElement().isInstanceOf(StreamEvent.Error.class);
  }

  @Test
  void trailing_empty_text_with_signature_emits_only_the_signature() {
    List<StreamEvent> events = new ArrayList<>();
    GeminiStreamDecoder decoder = new GeminiStreamDecoder("m");
    decoder.decode(new SseEvent(null, new String("""
        {"candidates":[{"content":{"role":"model","parts":[{"text":"","thoughtSignature":"S1"}]},"finishReason":"STOP"}],
         "responseId":"r"}""".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)), events::add);
    assertThat(events).containsExactly(new Start("r", "m"), new ThinkingSignature("S1"), new Finish(FinishReason.STOP, null));
  }
}
