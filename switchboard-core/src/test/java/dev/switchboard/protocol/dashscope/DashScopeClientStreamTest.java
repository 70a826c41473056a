package dev.switchboard.protocol.dashscope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.StreamEncoder;
import dev.switchboard.protocol.sse.SseEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SSE stream the gateway writes to DashScope clients, incremental and cumulative. */
class DashScopeClientStreamTest {
  static final ChatRequest ANY = DashScopeClientDecodeTest.decode("messages.request.json");

  static byte[] encode(DashScopeClientCodec codec, List<StreamEvent> in, boolean complete) {
    StreamEncoder enc = codec.streamEncoder(ANY);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (StreamEvent e : in) out.writeBytes(enc.encode(e));
    out.writeBytes(complete ? enc.end() : enc.error(GatewayError.of(ErrorKey.UPSTREAM_ERROR, "Upstream stream failed: boom")));
    return out.toByteArray();
  }

  /** Upstream golden -> canonical (upstream decoder) -> client encoder. */
  static List<SseEvent> roundTrip(DashScopeClientCodec codec, String golden) {
    // The cumulative golden is decoded as a pass-through of a cumulative request would be.
    boolean cumulative = golden.contains("cumulative");
    List<StreamEvent> canonical = Golden.decode(new DashScopeStreamDecoder(cumulative), Golden.bytes(golden), 0);
    return Golden.events(encode(codec, canonical, true));
  }

  static List<JsonNode> data(List<SseEvent> events) { return events.stream().map(e -> Golden.parse(e.data())).toList(); }

  static String messageText(List<JsonNode> events) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode e : events) sb.append(e.at("/output/choices/0/message/content").asText());
    return sb.toString();
  }

  @Test
  void incremental_stream_keeps_the_wire_framing_deltas_request_id_and_final_usage() {
    List<SseEvent> events = roundTrip(new DashScopeClientCodec(true, true), "message_incremental.stream.txt");
    String raw = new String(encode(new DashScopeClientCodec(true, true), List.of(new StreamEvent.TextDelta("x")), true),
        StandardCharsets.UTF_8);
    assertThat(raw).startsWith("id:1\nevent:result\n:HTTP_STATUS/200\ndata:{");
    assertThat(events).allMatch(e -> "result".equals(e.event()));
    List<JsonNode> data = data(events);
    assertThat(messageText(data)).isEqualTo("我是通义千问，阿里云的大模型。");
    assertThat(data).allMatch(d -> d.path("request_id").asText().equals("c1e8f2a4-6b0d-9a3e-b1f5-7d2c4e6a8b01"));
    assertThat(data.subList(0, data.size() - 1)).allMatch(d -> d.at("/output/choices/0/finish_reason").asText().equals("null"));
    JsonNode last = data.getLast();
    assertThat(last.at("/output/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(last.path("usage")).isEqualTo(Golden.parse("{\"input_tokens\":22,\"output_tokens\":10,\"total_tokens\":32}"));
  }

  @Test
  void cumulative_stream_repeats_the_text_so_far_in_every_event() {
    List<JsonNode> data = data(roundTrip(new DashScopeClientCodec(true, false), "message_incremental.stream.txt"));
    List<String> texts = data.stream().map(d -> d.at("/output/choices/0/message/content").asText()).toList();
    assertThat(texts).containsExactly("我是", "我是通义千问", "我是通义千问，阿里云的大模型。", "我是通义千问，阿里云的大模型。");
  }

  @Test
  void text_format_streams_output_text_cumulatively_by_default() {
    List<JsonNode> data = data(roundTrip(DashScopeClientCodec.INSTANCE, "text_cumulative.stream.txt"));
    assertThat(data).extracting(d -> d.at("/output/text").asText())
        .containsExactly("我是", "我是阿里", "我是阿里云的通义千问。", "我是阿里云的通义千问。");
    assertThat(data.getLast().at("/output/finish_reason").asText()).isEqualTo("stop");
    List<JsonNode> incremental = data(roundTrip(new DashScopeClientCodec(false, true), "text_cumulative.stream.txt"));
    assertThat(incremental).extracting(d -> d.at("/output/text").asText()).containsExactly("我是", "阿里", "云的通义千问。", "");
  }

  @Test
  void tool_calls_stream_with_index_id_name_then_argument_fragments() {
    List<JsonNode> data = data(roundTrip(new DashScopeClientCodec(true, true), "tool_calls.stream.txt"));
    assertThat(data.get(0).at("/output/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("get_current_weather");
    assertThat(data.get(0).at("/output/choices/0/message/tool_calls/0/id").asText()).isEqualTo("call_ec0a7f1e8b3b4c0a9e0b7d");
    StringBuilder args = new StringBuilder();
    for (JsonNode d : data) {
      JsonNode call = d.at("/output/choices/0/message/tool_calls/0");
      if (!call.isMissingNode() && call.path("index").asInt() == 0) args.append(call.at("/function/arguments").asText());
    }
    assertThat(args.toString()).isEqualTo("{\"location\": \"杭州市\"}");
    assertThat(data.getLast().at("/output/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(data.getLast().at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(128);

    List<JsonNode> cumulative = data(roundTrip(new DashScopeClientCodec(true, false), "tool_calls.stream.txt"));
    JsonNode calls = cumulative.getLast().at("/output/choices/0/message/tool_calls");
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).at("/function/arguments").asText()).isEqualTo("{\"location\": \"杭州市\"}");
    assertThat(calls.get(1).at("/function/name").asText()).isEqualTo("get_current_time");
  }

  @Test
  void thinking_streams_as_reasoning_content_in_message_format_and_is_left_out_of_text() {
    List<JsonNode> data = data(roundTrip(new DashScopeClientCodec(true, true), "thinking.stream.txt"));
    StringBuilder thinking = new StringBuilder();
    for (JsonNode d : data) thinking.append(d.at("/output/choices/0/message/reasoning_content").asText(""));
    assertThat(thinking.toString()).isEqualTo("用户问我是谁。");
    assertThat(messageText(data)).isEqualTo("我是通义千问。");
    assertThat(data.getLast().at("/usage/output_tokens_details/reasoning_tokens").asInt()).isEqualTo(5);
    List<JsonNode> text = data(roundTrip(new DashScopeClientCodec(false, true), "thinking.stream.txt"));
    assertThat(text).extracting(d -> d.at("/output/text").asText()).containsExactly("我是通义千问。", "");
  }

  @Test
  void a_failure_after_the_start_is_an_error_event_not_a_finished_result() {
    byte[] bytes = encode(new DashScopeClientCodec(true, true),
        List.of(new StreamEvent.Start("rid-1", null), new StreamEvent.TextDelta("Hi"),
            new StreamEvent.UsageReport(new Usage(3L, 1L, null, null, null, null))), false);
    List<SseEvent> events = Golden.events(bytes);
    assertThat(events).extracting(SseEvent::event).containsExactly("result", "error");
    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("id:2\nevent:error\n:HTTP_STATUS/502\ndata:");
    JsonNode error = Golden.parse(events.getLast().data());
    assertThat(error.path("code").asText()).isEqualTo("InternalError");
    assertThat(error.path("message").asText()).isEqualTo("Upstream stream failed: boom");
    assertThat(error.path("request_id").asText()).isEqualTo("rid-1");
    assertThat(Golden.parse(events.getFirst().data()).at("/output/choices/0/finish_reason").asText()).isEqualTo("null");
  }

  @Test
  void finish_reasons_map_to_dashscope_values() {
    for (var c : List.of(new Object[] {FinishReason.LENGTH, "length"}, new Object[] {FinishReason.STOP, "stop"},
        new Object[] {FinishReason.TOOL_CALLS, "tool_calls"})) {
      List<JsonNode> data = data(Golden.events(encode(new DashScopeClientCodec(true, true),
          List.of(new StreamEvent.TextDelta("a"), new StreamEvent.Finish((FinishReason) c[0], null)), true)));
      assertThat(data.getLast().at("/output/choices/0/finish_reason").asText()).isEqualTo(c[1]);
    }
  }
}
