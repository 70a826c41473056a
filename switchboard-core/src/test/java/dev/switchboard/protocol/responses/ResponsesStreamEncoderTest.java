package dev.switchboard.protocol.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.Usage;
import dev.switchboard.model.WireExtras;
import dev.switchboard.protocol.StreamEncoder;
import dev.switchboard.protocol.sse.SseEvent;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ResponsesStreamEncoderTest {
  /** The spec's schema for each event type the encoder emits. */
  private static final Map<String, String> SCHEMAS = Map.ofEntries(
      Map.entry("response.created", "ResponseCreatedEvent"),
      Map.entry("response.in_progress", "ResponseInProgressEvent"),
      Map.entry("response.output_item.added", "ResponseOutputItemAddedEvent"),
      Map.entry("response.output_item.done", "ResponseOutputItemDoneEvent"),
      Map.entry("response.content_part.added", "ResponseContentPartAddedEvent"),
      Map.entry("response.content_part.done", "ResponseContentPartDoneEvent"),
      Map.entry("response.output_text.delta", "ResponseTextDeltaEvent"),
      Map.entry("response.output_text.done", "ResponseTextDoneEvent"),
      Map.entry("response.output_text.annotation.added", "ResponseOutputTextAnnotationAddedEvent"),
      Map.entry("response.refusal.delta", "ResponseRefusalDeltaEvent"),
      Map.entry("response.refusal.done", "ResponseRefusalDoneEvent"),
      Map.entry("response.function_call_arguments.delta", "ResponseFunctionCallArgumentsDeltaEvent"),
      Map.entry("response.function_call_arguments.done", "ResponseFunctionCallArgumentsDoneEvent"),
      Map.entry("response.reasoning_summary_part.added", "ResponseReasoningSummaryPartAddedEvent"),
      Map.entry("response.reasoning_summary_part.done", "ResponseReasoningSummaryPartDoneEvent"),
      Map.entry("response.reasoning_summary_text.delta", "ResponseReasoningSummaryTextDeltaEvent"),
      Map.entry("response.reasoning_summary_text.done", "ResponseReasoningSummaryTextDoneEvent"),
      Map.entry("response.completed", "ResponseCompletedEvent"),
      Map.entry("response.incomplete", "ResponseIncompleteEvent"),
      Map.entry("response.failed", "ResponseFailedEvent"),
      Map.entry("error", "ResponseErrorEvent"));

  private static ChatRequest request() {
    return ResponsesClientCodec.INSTANCE.decodeRequest(ResponsesGolden.bytes("stream.request.json"));
  }

  /** Runs events through a fresh encoder (then end() or error()) and parses the frames, checking every invariant. */
  private static List<JsonNode> run(List<StreamEvent> events, GatewayError error) {
    StreamEncoder enc = ResponsesClientCodec.INSTANCE.streamEncoder(request());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (StreamEvent e : events) out.writeBytes(enc.encode(e));
    out.writeBytes(error == null ? enc.end() : enc.error(error));
    List<JsonNode> frames = new ArrayList<>();
    Set<Integer> added = new HashSet<>();
    Set<Integer> done = new HashSet<>();
    for (SseEvent e : ResponsesGolden.sse(out.toByteArray())) {
      JsonNode data = ResponsesGolden.tree(ResponsesGolden.utf8(e.data()));
      assertThat(data.get("type").asText()).isEqualTo(e.event());
      assertThat(data.get("sequence_number").asInt()).as("sequence of " + e.event()).isEqualTo(frames.size());
      String schema = SCHEMAS.get(e.event());
      assertThat(schema).as("known event " + e.event()).isNotNull();
      assertThat(ResponsesShape.violations(schema, data)).as(e.event() + " " + data).isEmpty();
      // Items are added in output_index order and get no event after their output_item.done.
      if (data.has("output_index")) {
        int index = data.get("output_index").asInt();
        if (e.event().equals("response.output_item.added")) {
          assertThat(index).isEqualTo(added.size());
          added.add(index);
        }
        assertThat(added).as(e.event() + " for an added item").contains(index);
        assertThat(done).as(e.event() + " after the item's output_item.done").doesNotContain(index);
        if (e.event().equals("response.output_item.done")) done.add(index);
      }
      frames.add(data);
    }
    return frames;
  }

  /** The output_item.done events' items, by output_index. */
  private static Map<Integer, JsonNode> doneItems(List<JsonNode> frames) {
    Map<Integer, JsonNode> items = new TreeMap<>();
    for (JsonNode f : frames) {
      if (f.get("type").asText().equals("response.output_item.done")) {
        items.put(f.get("output_index").asInt(), f.get("item"));
      }
    }
    return items;
  }

  private static List<String> types(List<JsonNode> frames) {
    return frames.stream().map(f -> f.get("type").asText()).toList();
  }

  @Test
  void a_text_stream_follows_the_api_reference_sequence() {
    List<JsonNode> frames = run(List.of(new StreamEvent.Start("chatcmpl-1", "gpt-5.4"),
        new StreamEvent.TextDelta("Hi"), new StreamEvent.TextDelta(" there!"),
        new StreamEvent.Finish(FinishReason.STOP, null),
        new StreamEvent.UsageReport(new Usage(37L, 11L, 0L, null, 0L, null))), null);
    List<String> expected = new ArrayList<>();
    for (SseEvent e : ResponsesGolden.sse(ResponsesGolden.bytes("text.stream.sse"))) expected.add(e.event());
    // the reference stream has three deltas, this one two
    expected.remove("response.output_text.delta");
    assertThat(types(frames)).isEqualTo(expected);
    assertThat(frames.get(0).at("/response/status").asText()).isEqualTo("in_progress");
    assertThat(frames.get(0).at("/response/instructions").asText()).isEqualTo("You are a helpful assistant.");
    JsonNode done = frames.getLast().get("response");
    assertThat(done.get("status").asText()).isEqualTo("completed");
    assertThat(done.at("/output/0/content/0/text").asText()).isEqualTo("Hi there!");
    assertThat(done.at("/usage/input_tokens").asInt()).isEqualTo(37);
    assertThat(done.at("/usage/total_tokens").asInt()).isEqualTo(48);
    assertThat(done.get("id").asText()).isEqualTo("resp_chatcmpl-1").isEqualTo(frames.get(0).at("/response/id").asText());
    String itemId = frames.get(2).at("/item/id").asText();
    assertThat(frames).filteredOn(f -> f.has("item_id")).allSatisfy(f -> assertThat(f.get("item_id").asText()).isEqualTo(itemId));
  }

  @Test
  void parallel_tool_calls_with_interleaved_fragments_keep_their_own_items() {
    List<JsonNode> frames = run(List.of(new StreamEvent.Start(null, "gpt-test"),
        new StreamEvent.ToolCallStart(0, "call_1", "get_weather"),
        new StreamEvent.ToolCallStart(1, "call_2", "get_weather"),
        new StreamEvent.ToolCallDelta(0, "{\"city\":"), new StreamEvent.ToolCallDelta(1, "{\"city\":\"Tokyo\"}"),
        new StreamEvent.ToolCallDelta(0, "\"Paris\"}"), new StreamEvent.Finish(FinishReason.TOOL_CALLS, null)), null);
    assertThat(frames).filteredOn(f -> f.get("type").asText().equals("response.function_call_arguments.done"))
        .extracting(f -> f.get("arguments").asText()).containsExactly("{\"city\":\"Paris\"}", "{\"city\":\"Tokyo\"}");
    JsonNode output = frames.getLast().at("/response/output");
    assertThat(output).hasSize(2);
    assertThat(output.get(0).get("call_id").asText()).isEqualTo("call_1");
    assertThat(output.get(1).get("arguments").asText()).isEqualTo("{\"city\":\"Tokyo\"}");
    assertThat(frames).filteredOn(f -> f.get("type").asText().equals("response.function_call_arguments.delta"))
        .extracting(f -> f.get("output_index").asInt()).containsExactly(0, 1, 0);
  }

  @Test
  void thinking_streams_as_a_reasoning_summary_before_the_message() {
    List<JsonNode> frames = run(List.of(new StreamEvent.Start("msg_1", "claude-test"),
        new StreamEvent.ThinkingDelta("Let me think."), new StreamEvent.ThinkingSignature("sig-1"),
        new StreamEvent.TextDelta("42"), new StreamEvent.Finish(FinishReason.STOP, null)), null);
    assertThat(types(frames)).containsSubsequence("response.output_item.added", "response.reasoning_summary_part.added",
        "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done",
        "response.reasoning_summary_part.done", "response.output_item.done", "response.output_item.added",
        "response.content_part.added", "response.output_text.delta");
    JsonNode output = frames.getLast().at("/response/output");
    assertThat(output.get(0).get("type").asText()).isEqualTo("reasoning");
    assertThat(output.get(0).at("/summary/0/text").asText()).isEqualTo("Let me think.");
    assertThat(output.get(0).get("encrypted_content").asText()).isEqualTo("sig-1");
    assertThat(output.get(1).at("/content/0/text").asText()).isEqualTo("42");
  }

  @Test
  void a_max_tokens_stop_ends_with_response_incomplete() {
    List<JsonNode> frames = run(List.of(new StreamEvent.TextDelta("Once upon"),
        new StreamEvent.Finish(FinishReason.LENGTH, null)), null);
    JsonNode last = frames.getLast();
    assertThat(last.get("type").asText()).isEqualTo("response.incomplete");
    assertThat(last.at("/response/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
    assertThat(doneItems(frames).get(0).get("status").asText()).isEqualTo("incomplete");
    assertThat(last.at("/response/output/0/status").asText()).isEqualTo("incomplete");
  }

  @Test
  void a_max_tokens_cut_marks_the_call_being_written_incomplete_and_the_finished_items_completed() {
    List<JsonNode> frames = run(List.of(new StreamEvent.Start("chatcmpl-1", "gpt-test"),
        new StreamEvent.TextDelta("Checking."),
        new StreamEvent.ToolCallStart(0, "call_1", "get_weather"),
        new StreamEvent.ToolCallDelta(0, "{\"city\":\"Paris\"}"),
        new StreamEvent.ToolCallStart(1, "call_2", "get_weather"), new StreamEvent.ToolCallDelta(1, "{\"city\":"),
        new StreamEvent.Finish(FinishReason.LENGTH, null)), null);
    JsonNode last = frames.getLast();
    assertThat(last.get("type").asText()).isEqualTo("response.incomplete");
    assertThat(last.at("/response/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
    assertThat(doneItems(frames).values()).extracting(i -> i.get("status").asText())
        .containsExactly("completed", "completed", "incomplete");
    assertThat(last.at("/response/output")).extracting(i -> i.get("status").asText())
        .containsExactly("completed", "completed", "incomplete");
    assertThat(last.at("/response/output/2/arguments").asText()).isEqualTo("{\"city\":");
  }

  @Test
  void a_message_cut_by_a_content_filter_is_incomplete() {
    List<JsonNode> frames = run(List.of(new StreamEvent.Start("chatcmpl-1", "gpt-test"),
        new StreamEvent.TextDelta("Once upon"), new StreamEvent.Finish(FinishReason.CONTENT_FILTER, null)), null);
    JsonNode last = frames.getLast();
    assertThat(last.get("type").asText()).isEqualTo("response.incomplete");
    assertThat(last.at("/response/incomplete_details/reason").asText()).isEqualTo("content_filter");
    assertThat(doneItems(frames).get(0).get("status").asText()).isEqualTo("incomplete");
    assertThat(last.at("/response/output/0/status").asText()).isEqualTo("incomplete");
  }

  @Test
  void an_upstream_error_finish_ends_with_an_error_event_then_response_failed_keeping_items_and_usage() {
    List<JsonNode> frames = run(List.of(new StreamEvent.Start("chatcmpl-1", "gpt-test"),
        new StreamEvent.TextDelta("Let me"), new StreamEvent.Finish(FinishReason.ERROR, null),
        new StreamEvent.UsageReport(new Usage(5L, 2L, 0L, null, 0L, null))), null);
    assertThat(types(frames)).containsExactly("response.created", "response.in_progress",
        "response.output_item.added", "response.content_part.added", "response.output_text.delta",
        "response.output_text.done", "response.content_part.done", "response.output_item.done",
        "error", "response.failed");
    JsonNode error = frames.get(frames.size() - 2);
    assertThat(error.get("code").asText()).isEqualTo("upstream_error");
    assertThat(error.get("message").asText()).isEqualTo("The upstream model stopped with an error");
    assertThat(error.get("param").isNull()).isTrue();
    assertThat(doneItems(frames).get(0).get("status").asText()).isEqualTo("incomplete");
    JsonNode failed = frames.getLast().get("response");
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.get("error")).isEqualTo(ResponsesGolden.tree(ResponsesGolden.utf8(
        "{\"code\":\"server_error\",\"message\":\"The upstream model stopped with an error\"}")));
    assertThat(failed.get("incomplete_details").isNull()).isTrue();
    assertThat(failed.at("/output/0/content/0/text").asText()).isEqualTo("Let me");
    assertThat(failed.at("/output/0/status").asText()).isEqualTo("incomplete");
    assertThat(failed.at("/usage/input_tokens").asInt()).isEqualTo(5);
    assertThat(failed.at("/usage/output_tokens").asInt()).isEqualTo(2);
  }

  @Test
  void an_upstream_error_finish_with_no_output_ends_with_response_failed() {
    List<JsonNode> frames = run(List.of(new StreamEvent.Start("x", "m"),
        new StreamEvent.Finish(FinishReason.ERROR, null)), null);
    assertThat(types(frames)).containsExactly("response.created", "response.in_progress", "error", "response.failed");
    JsonNode failed = frames.getLast().get("response");
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.at("/error/code").asText()).isEqualTo("server_error");
    assertThat(failed.get("output")).isEmpty();
  }

  @Test
  void a_call_fragment_after_text_goes_to_the_call_which_stays_open_until_the_finish() {
    List<JsonNode> frames = run(List.of(new StreamEvent.Start("chatcmpl-1", "gpt-test"),
        new StreamEvent.ToolCallStart(0, "call_1", "f"), new StreamEvent.ToolCallDelta(0, "{\"a\":"),
        new StreamEvent.TextDelta(" "), new StreamEvent.ToolCallDelta(0, "1}"),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS, null)), null);
    assertThat(types(frames)).containsExactly("response.created", "response.in_progress",
        "response.output_item.added", "response.function_call_arguments.delta",
        "response.output_item.added", "response.content_part.added", "response.output_text.delta",
        "response.function_call_arguments.delta",
        "response.output_text.done", "response.content_part.done", "response.output_item.done",
        "response.function_call_arguments.done", "response.output_item.done", "response.completed");
    assertThat(frames).filteredOn(f -> f.get("type").asText().equals("response.function_call_arguments.delta"))
        .extracting(f -> f.get("output_index").asInt()).containsExactly(0, 0);
    assertThat(frames).filteredOn(f -> f.get("type").asText().equals("response.function_call_arguments.done"))
        .singleElement().satisfies(f -> assertThat(f.get("arguments").asText()).isEqualTo("{\"a\":1}"));
    JsonNode output = frames.getLast().at("/response/output");
    assertThat(output.at("/0/type").asText()).isEqualTo("function_call");
    assertThat(output.at("/0/arguments").asText()).isEqualTo("{\"a\":1}");
    assertThat(output.at("/0/status").asText()).isEqualTo("completed");
    assertThat(output.at("/1/content/0/text").asText()).isEqualTo(" ");
  }

  @Test
  void a_call_fragment_after_thinking_goes_to_the_still_open_call() {
    List<JsonNode> frames = run(List.of(new StreamEvent.Start("chatcmpl-1", "gpt-test"),
        new StreamEvent.ToolCallStart(0, "call_1", "f"), new StreamEvent.ToolCallDelta(0, "{\"a\":"),
        new StreamEvent.ThinkingDelta("hmm"), new StreamEvent.ToolCallDelta(0, "1}"),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS, null)), null);
    JsonNode output = frames.getLast().at("/response/output");
    assertThat(output).extracting(i -> i.get("type").asText()).containsExactly("function_call", "reasoning");
    assertThat(output.at("/0/arguments").asText()).isEqualTo("{\"a\":1}");
    assertThat(output.at("/1/summary/0/text").asText()).isEqualTo("hmm");
  }

  @Test
  void a_text_then_calls_stream_closes_each_item_in_turn_as_before() {
    List<JsonNode> frames = run(List.of(new StreamEvent.Start("chatcmpl-1", "gpt-test"),
        new StreamEvent.TextDelta("Checking."),
        new StreamEvent.ToolCallStart(0, "call_1", "get_weather"), new StreamEvent.ToolCallDelta(0, "{}"),
        new StreamEvent.ToolCallStart(1, "call_2", "get_weather"), new StreamEvent.ToolCallDelta(1, "{}"),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS, null)), null);
    assertThat(types(frames)).containsExactly("response.created", "response.in_progress",
        "response.output_item.added", "response.content_part.added", "response.output_text.delta",
        "response.output_text.done", "response.content_part.done", "response.output_item.done",
        "response.output_item.added", "response.function_call_arguments.delta",
        "response.output_item.added", "response.function_call_arguments.delta",
        "response.function_call_arguments.done", "response.output_item.done",
        "response.function_call_arguments.done", "response.output_item.done", "response.completed");
    assertThat(frames.getLast().at("/response/output")).extracting(i -> i.get("status").asText())
        .containsExactly("completed", "completed", "completed");
  }

  @Test
  void an_error_after_the_start_sends_an_error_event_then_response_failed() {
    List<JsonNode> frames = run(List.of(new StreamEvent.Start(null, "m"), new StreamEvent.TextDelta("Hel")),
        GatewayError.of(ErrorKey.UPSTREAM_ERROR, "Upstream stream failed: overloaded"));
    assertThat(types(frames)).endsWith("error", "response.failed");
    assertThat(types(frames)).doesNotContain("response.completed");
    JsonNode error = frames.get(frames.size() - 2);
    assertThat(error.get("code").asText()).isEqualTo("upstream_error");
    assertThat(error.get("message").asText()).contains("overloaded");
    JsonNode failed = frames.getLast().get("response");
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.at("/error/code").asText()).isEqualTo("server_error");
  }

  @Test
  void a_refusal_streams_as_a_refusal_part_with_refusal_deltas() {
    List<JsonNode> frames = run(List.of(new StreamEvent.Start("chatcmpl-1", "gpt-test"),
        new StreamEvent.TextDelta("I'm sorry,", null, true), new StreamEvent.TextDelta(" I cannot help.", null, true),
        new StreamEvent.Finish(FinishReason.STOP, null)), null);
    assertThat(types(frames)).containsSubsequence("response.content_part.added", "response.refusal.delta",
        "response.refusal.delta", "response.refusal.done", "response.content_part.done", "response.output_item.done");
    assertThat(types(frames)).doesNotContain("response.output_text.delta", "response.output_text.done");
    JsonNode added = frames.stream().filter(f -> f.get("type").asText().equals("response.content_part.added")).findFirst()
        .orElseThrow();
    assertThat(added.at("/part/type").asText()).isEqualTo("refusal");
    JsonNode done = frames.getLast().get("response");
    assertThat(done.at("/output/0/content/0/type").asText()).isEqualTo("refusal");
    assertThat(done.at("/output/0/content/0/refusal").asText()).isEqualTo("I'm sorry, I cannot help.");
  }

  @Test
  void a_search_models_streamed_chat_citations_are_announced_and_kept_on_the_output_text() {
    ArrayNode annotations = JsonNodeFactory.instance.arrayNode();
    annotations.addObject().put("type", "url_citation").putObject("url_citation").put("url", "https://example.com/a")
        .put("title", "A").put("start_index", 0).put("end_index", 5);
    annotations.addObject().put("type", "file_citation"); // no such chat annotation: skipped
    var extras = new WireExtras("openai", null, Map.of("annotations", annotations));
    var foreign = new WireExtras("anthropic", null, Map.of("annotations", annotations));
    List<JsonNode> frames = run(List.of(new StreamEvent.Start("chatcmpl-1", "gpt-5.4"), new StreamEvent.TextDelta("Parks"),
        new StreamEvent.DeltaExtras(extras), new StreamEvent.DeltaExtras(foreign),
        new StreamEvent.Finish(FinishReason.STOP, null)), null);
    // Citations before any text (on the role chunk) wait for the message they cite.
    List<JsonNode> early = run(List.of(new StreamEvent.Start("chatcmpl-1", "gpt-5.4"),
        new StreamEvent.DeltaExtras(extras), new StreamEvent.TextDelta("Parks"),
        new StreamEvent.Finish(FinishReason.STOP, null)), null);
    assertThat(early.getLast().at("/response/output/0/content/0/annotations")).hasSize(1);
    assertThat(types(early)).containsSubsequence("response.content_part.added",
        "response.output_text.annotation.added", "response.output_text.delta");
    List<JsonNode> added = frames.stream()
        .filter(f -> f.get("type").asText().equals("response.output_text.annotation.added")).toList();
    assertThat(added).singleElement().satisfies(f -> {
      assertThat(f.path("annotation_index").asInt()).isZero();
      assertThat(f.at("/annotation/url").asText()).isEqualTo("https://example.com/a");
      assertThat(f.at("/annotation/end_index").asInt()).isEqualTo(5);
    });
    JsonNode completed = frames.getLast();
    assertThat(completed.at("/response/output/0/content/0/annotations/0/title").asText()).isEqualTo("A");
    assertThat(completed.at("/response/output/0/content/0/annotations")).hasSize(1);
  }
}
