package dev.switchboard.protocol.dashscope;

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
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** DashScope upstream SSE -> canonical events, in any chunking. */
class DashScopeStreamDecoderTest {

  static List<StreamEvent> run(String golden, boolean cumulative, int chunk) {
    DashScopeStreamDecoder decoder = new DashScopeStreamDecoder(cumulative);
    List<StreamEvent> out = Golden.decode(decoder, Golden.bytes(golden), chunk);
    assertThat(decoder.completed()).as("completed").isEqualTo(!golden.startsWith("error"));
    return out;
  }

  static List<StreamEvent> content(List<StreamEvent> events) {
    return events.stream().filter(e -> !(e instanceof UsageReport)).toList();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7})
  void incremental_text_in_any_chunking(int chunk) {
    List<StreamEvent> events = run("message_incremental.stream.txt", false, chunk);
    assertThat(content(events)).containsExactly(new Start("c1e8f2a4-6b0d-9a3e-b1f5-7d2c4e6a8b01", null),
        new TextDelta("我是"), new TextDelta("通义千问"), new TextDelta("，阿里云的大模型。"), new Finish(FinishReason.STOP, null));
    UsageReport last = (UsageReport) events.getLast();
    assertThat(last.usage().inputTokens()).isEqualTo(22);
    assertThat(last.usage().outputTokens()).isEqualTo(10);
  }

  @Test
  void cumulative_text_format_becomes_deltas() {
    assertThat(content(run("text_cumulative.stream.txt", true, 0))).containsExactly(
        new Start("755310ab-4b61-9f11-acad-d5921c3ba239", null), new TextDelta("我是"), new TextDelta("阿里"),
        new TextDelta("云的通义千问。"), new Finish(FinishReason.STOP, null));
  }

  @Test
  void parallel_tool_calls_start_once_and_stream_argument_fragments() {
    List<StreamEvent> events = content(run("tool_calls.stream.txt", false, 5));
    assertThat(events).containsExactly(new Start("4f1e2d3c-5b6a-9788-a9b0-c1d2e3f4a5b6", null),
        new ToolCallStart(0, "call_ec0a7f1e8b3b4c0a9e0b7d", "get_current_weather"), new ToolCallDelta(0, "{\"location\":"),
        new ToolCallDelta(0, " \"杭州市\"}"), new ToolCallStart(1, "call_2b9d1c4e7f6a4b3c8d5e1f", "get_current_time"),
        new ToolCallDelta(1, "{}"), new Finish(FinishReason.TOOL_CALLS, null));
  }

  @Test
  void reasoning_content_becomes_thinking_deltas_and_reasoning_tokens_are_reported() {
    List<StreamEvent> all = run("thinking.stream.txt", false, 0);
    assertThat(content(all)).containsExactly(new Start("e2a4c6e8-0a1b-9c3d-8e5f-7a9b1c3d5e7f", null),
        new ThinkingDelta("用户问"), new ThinkingDelta("我是谁。"), new TextDelta("我是通义千问。"), new Finish(FinishReason.STOP, null));
    assertThat(((UsageReport) all.getLast()).usage().reasoningTokens()).isEqualTo(5);
  }

  @Test
  void an_error_event_mid_stream_is_reported_and_the_stream_is_not_complete() {
    List<StreamEvent> events = content(run("error_midstream.stream.txt", false, 0));
    assertThat(events).containsExactly(new Start("9d8c7b6a-5f4e-9d3c-8b2a-1f0e9d8c7b6a", null), new TextDelta("我是"),
        new StreamEvent.Error(new UpstreamError(0, "DataInspectionFailed", "DataInspectionFailed",
            "Output data may contain inappropriate content.")));
  }
}
