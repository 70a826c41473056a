package dev.switchboard.protocol.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.sse.SseEvent;
import dev.switchboard.provider.StreamDecoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * DashScope SSE ({@code event:result} with {@code output} and cumulative {@code usage}; {@code event:error} with
 * {@code {code,message}}) -> canonical events. The gateway asks for incremental output, but a pass-through
 * request keeps the client's own setting, so cumulative events are turned into deltas by remembering how much of
 * each field was already seen.
 */
final class DashScopeStreamDecoder implements StreamDecoder {
  private final boolean cumulative;
  private boolean started;
  private boolean finished;
  private int textSeen;
  private int reasoningSeen;
  /** Per tool index: arguments length seen (cumulative mode), or -1 when not yet announced. */
  private final List<int[]> tools = new ArrayList<>(0);

  DashScopeStreamDecoder(boolean cumulative) { this.cumulative = cumulative; }

  @Override
  public void decode(SseEvent event, Consumer<StreamEvent> out) {
    String data = event.data();
    if (data.isEmpty()) return;
    JsonNode root;
    try {
      root = DsJson.MAPPER.readTree(data);
    } catch (IOException e) {
      out.accept(new StreamEvent.Error(new UpstreamError(0, "invalid_stream", null, "DashScope sent an invalid stream event")));
      return;
    }
    if ("error".equals(event.event()) || (root.hasNonNull("code") && !root.has("output"))) {
      UpstreamError e = DsErrors.fromNode(0, root);
      out.accept(new StreamEvent.Error(e != null ? e : new UpstreamError(0, null, null, data)));
      return;
    }
    if (!started) {
      started = true;
      out.accept(new StreamEvent.Start(DsJson.str(root, "request_id"), null));
    }
    JsonNode output = root.path("output");
    JsonNode choices = output.get("choices");
    String finish;
    if (choices != null && choices.isArray() && !choices.isEmpty()) {
      JsonNode choice = choices.get(0);
      message(choice.path("message"), out);
      finish = DsJson.str(choice, "finish_reason");
    } else {
      String text = DsJson.str(output, "text");
      if (text != null) textSeen = emit(text, textSeen, false, out);
      finish = DsJson.str(output, "finish_reason");
    }
    Usage usage = DsUsage.decode(root.get("usage"));
    FinishReason reason = FinishReasons.decode(finish);
    if (reason != null && !finished) {
      finished = true;
      out.accept(new StreamEvent.Finish(reason, null));
    }
    if (usage != null) out.accept(new StreamEvent.UsageReport(usage));
  }

  private void message(JsonNode message, Consumer<StreamEvent> out) {
    String reasoning = DsJson.str(message, "reasoning_content");
    if (reasoning != null) reasoningSeen = emit(reasoning, reasoningSeen, true, out);
    JsonNode content = message.get("content");
    if (content != null && !content.isNull()) textSeen = emit(ResponseDecoder.text(content), textSeen, false, out);
    JsonNode calls = message.get("tool_calls");
    if (calls == null || !calls.isArray()) return;
    for (int i = 0; i < calls.size(); i++) {
      JsonNode call = calls.get(i);
      JsonNode idx = call.get("index");
      int index = idx != null && idx.canConvertToInt() ? idx.intValue() : i;
      while (tools.size() <= index) tools.add(null);
      JsonNode fn = call.path("function");
      int[] seen = tools.get(index);
      if (seen == null) {
        seen = new int[] {0};
        tools.set(index, seen);
        String id = DsJson.str(call, "id");
        out.accept(new StreamEvent.ToolCallStart(index, id == null || id.isEmpty() ? null : id, DsJson.str(fn, "name")));
      }
      String args = DsJson.str(fn, "arguments");
      if (args == null || args.isEmpty()) continue;
      String fragment = cumulative ? (args.length() > seen[0] ? args.substring(seen[0]) : "") : args;
      seen[0] = cumulative ? Math.max(seen[0], args.length()) : seen[0] + args.length();
      if (!fragment.isEmpty()) out.accept(new StreamEvent.ToolCallDelta(index, fragment));
    }
  }

  /** Emits the new part of a field; returns the length seen so far. */
  private int emit(String value, int seen, boolean thinking, Consumer<StreamEvent> out) {
    String delta = cumulative ? (value.length() > seen ? value.substring(seen) : "") : value;
    if (!delta.isEmpty()) out.accept(thinking ? new StreamEvent.ThinkingDelta(delta) : new StreamEvent.TextDelta(delta));
    return cumulative ? Math.max(seen, value.length()) : seen + value.length();
  }

  /** DashScope has no end marker: the stream is complete once an event carried a real finish_reason. */
  @Override
  public boolean completed() { return finished; }
}
