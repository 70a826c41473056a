package dev.switchboard.protocol.openai;

import static dev.switchboard.protocol.openai.OpenAiResponseDecoder.textOrNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.sse.SseEvent;
import dev.switchboard.provider.StreamDecoder;
import java.io.IOException;
import java.util.function.Consumer;

/** chat.completion.chunk events from an OpenAI-compatible upstream into canonical stream events. */
final class OpenAiStreamDecoder implements StreamDecoder {
  private boolean started;
  private boolean finished;
  private boolean done;
  private long startedToolMask; // tool call indexes already announced (bit per index < 64)
  private java.util.BitSet startedToolsOverflow;

  @Override
  public void decode(SseEvent event, Consumer<StreamEvent> out) {
    String data = event.data();
    if (data.isEmpty()) return;
    if (data.charAt(0) == '[' && data.equals("[DONE]")) {
      done = true;
      return;
    }
    JsonNode root;
    try {
      root = OpenAiJson.MAPPER.readTree(data);
    } catch (IOException e) {
      out.accept(new StreamEvent.Error(new UpstreamError(0, "invalid_stream", null, "upstream sent an invalid stream chunk")));
      return;
    }
    JsonNode err = root.get("error");
    if (err != null && !err.isNull()) {
      out.accept(new StreamEvent.Error(err.isObject()
          ? new UpstreamError(0, textOrNull(err.get("type")), textOrNull(err.get("code")), textOrNull(err.get("message")))
          : new UpstreamError(0, null, null, err.asText())));
      return;
    }
    if (!started) {
      started = true;
      out.accept(new StreamEvent.Start(textOrNull(root.get("id")), textOrNull(root.get("model"))));
    }
    JsonNode choices = root.get("choices");
    if (choices != null && choices.isArray() && !choices.isEmpty()) {
      JsonNode choice = choices.get(0);
      JsonNode delta = choice.get("delta");
      if (delta != null && delta.isObject()) decodeDelta(delta, out);
      String finish = textOrNull(choice.get("finish_reason"));
      if (finish != null) {
        finished = true;
        out.accept(new StreamEvent.Finish(OpenAiFinishReasons.decode(finish), null));
      }
    }
    Usage usage = OpenAiUsage.decode(root.get("usage"));
    if (usage != null) out.accept(new StreamEvent.UsageReport(usage));
  }

  private void decodeDelta(JsonNode delta, Consumer<StreamEvent> out) {
    String reasoning = textOrNull(delta.get("reasoning_content"));
    if (reasoning == null) reasoning = textOrNull(delta.get("reasoning"));
    if (reasoning != null && !reasoning.isEmpty()) out.accept(new StreamEvent.ThinkingDelta(reasoning));
    String content = textOrNull(delta.get("content"));
    if (content != null && !content.isEmpty()) out.accept(new StreamEvent.TextDelta(content));
    JsonNode calls = delta.get("tool_calls");
    if (calls == null || !calls.isArray()) return;
    for (int i = 0; i < calls.size(); i++) {
      JsonNode call = calls.get(i);
      JsonNode idx = call.get("index");
      int index = idx != null && idx.isInt() ? idx.intValue() : i;
      JsonNode fn = call.path("function");
      if (!isStarted(index)) {
        markStarted(index);
        out.accept(new StreamEvent.ToolCallStart(index, textOrNull(call.get("id")), textOrNull(fn.get("name"))));
      }
      JsonNode args = fn.get("arguments");
      if (args != null && args.isTextual() && !args.textValue().isEmpty()) {
        out.accept(new StreamEvent.ToolCallDelta(index, args.textValue()));
      }
    }
  }

  private boolean isStarted(int index) {
    if (index < 64) return (startedToolMask & (1L << index)) != 0;
    return startedToolsOverflow != null && startedToolsOverflow.get(index);
  }

  private void markStarted(int index) {
    if (index < 64) startedToolMask |= 1L << index;
    else (startedToolsOverflow == null ? startedToolsOverflow = new java.util.BitSet() : startedToolsOverflow).set(index);
  }

  /** Complete once [DONE] arrived, or (for servers that omit it) once a finish reason was seen. */
  @Override
  public boolean completed() { return done || finished; }
}
