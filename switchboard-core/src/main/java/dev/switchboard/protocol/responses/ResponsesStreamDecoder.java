package dev.switchboard.protocol.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.protocol.sse.SseEvent;
import dev.switchboard.provider.StreamDecoder;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An upstream's Responses event stream into canonical events: used on pass-through for usage, errors and the
 * first-content rule (the client gets the upstream's own frames). Function calls are numbered in the order their
 * items are added; argument deltas find their call by item_id.
 */
final class ResponsesStreamDecoder implements StreamDecoder {
  private final Map<String, Integer> toolByItem = new HashMap<>(4);
  private boolean sawToolCall;
  private boolean completed;

  @Override
  public void decode(SseEvent event, Consumer<StreamEvent> out) {
    String data = event.data();
    if (data == null || data.isEmpty() || "[DONE]".equals(data)) return;
    JsonNode e;
    try {
      e = Json.MAPPER.readTree(data);
    } catch (IOException ex) {
      out.accept(new StreamEvent.Error(new UpstreamError(0, "invalid_event", null, "unparseable stream event")));
      return;
    }
    String type = e.path("type").asText(event.event() == null ? "" : event.event());
    switch (type) {
      case "response.created" -> {
        JsonNode r = e.path("response");
        out.accept(new StreamEvent.Start(Json.textOrNull(r.get("id")), Json.textOrNull(r.get("model"))));
      }
      case "response.output_text.delta" -> out.accept(new StreamEvent.TextDelta(e.path("delta").asText()));
      case "response.refusal.delta" -> out.accept(new StreamEvent.TextDelta(e.path("delta").asText(), null, true));
      case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" ->
          out.accept(new StreamEvent.ThinkingDelta(e.path("delta").asText()));
      case "response.output_item.added" -> {
        JsonNode item = e.path("item");
        if ("function_call".equals(item.path("type").asText())) {
          int index = toolByItem.size();
          toolByItem.put(item.path("id").asText(), index);
          sawToolCall = true;
          out.accept(new StreamEvent.ToolCallStart(index, item.path("call_id").asText(), item.path("name").asText()));
        }
      }
      case "response.function_call_arguments.delta" -> {
        Integer index = toolByItem.get(e.path("item_id").asText());
        if (index != null) out.accept(new StreamEvent.ToolCallDelta(index, e.path("delta").asText()));
      }
      case "response.completed", "response.incomplete" -> {
        JsonNode r = e.path("response");
        var usage = ResponsesUsage.decode(r.get("usage"));
        if (usage != null) out.accept(new StreamEvent.UsageReport(usage));
        out.accept(new StreamEvent.Finish(ResponseDecoder.finish(r, sawToolCall), null));
        completed = true;
      }
      case "response.failed" -> {
        JsonNode err = e.path("response").path("error");
        out.accept(new StreamEvent.Error(new UpstreamError(0, "response.failed", Json.textOrNull(err.get("code")),
            err.path("message").asText("the response failed"))));
      }
      case "error" -> {
        // The event carries code/message at the top level; older servers nest them under "error".
        JsonNode err = e.has("error") && e.get("error").isObject() ? e.get("error") : e;
        out.accept(new StreamEvent.Error(new UpstreamError(0, Json.textOrNull(err.get("type")),
            Json.textOrNull(err.get("code")), err.path("message").asText("stream error"))));
      }
      default -> { }
    }
  }

  @Override public boolean completed() { return completed; }
}
