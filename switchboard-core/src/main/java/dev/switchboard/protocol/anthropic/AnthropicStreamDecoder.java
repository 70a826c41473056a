package dev.switchboard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.sse.SseEvent;
import dev.switchboard.provider.StreamDecoder;
import java.util.Arrays;
import java.util.BitSet;
import java.util.function.Consumer;

/**
 * Anthropic SSE events -> canonical stream events. Anthropic addresses deltas by content-block index; canonical
 * tool calls are addressed by their position among tool calls, so this keeps a block -> role table.
 */
final class AnthropicStreamDecoder implements StreamDecoder {
  /** What a content block index stands for: negative kinds, or (>= 0) the canonical tool-call index. */
  private static final int IGNORED = -1;
  private static final int TEXT = -2;
  private static final int THINKING = -3;
  private static final int JSON_TEXT = -4;

  private final boolean jsonEmulation;
  private int[] blocks = new int[8];
  private int toolCalls;
  private boolean jsonAnswered;
  /** Blocks (by content-block index) whose tool input or JSON answer has had a non-empty fragment. */
  private final BitSet inputSent = new BitSet();
  private boolean completed;

  AnthropicStreamDecoder(boolean jsonEmulation) {
    this.jsonEmulation = jsonEmulation;
    Arrays.fill(blocks, IGNORED);
  }

  @Override
  public void decode(SseEvent event, Consumer<StreamEvent> out) {
    JsonNode data = Json.upstreamEvent(event);
    String type = Json.str(data, "type");
    if (type == null) type = event.event();
    if (type == null) return;
    switch (type) {
      case "message_start" -> messageStart(data.path("message"), out);
      case "content_block_start" -> blockStart(data.path("index").asInt(), data.path("content_block"), out);
      case "content_block_delta" -> blockDelta(data.path("index").asInt(), data.path("delta"), out);
      case "message_delta" -> messageDelta(data, out);
      case "content_block_stop" -> blockStop(data.path("index").asInt(), out);
      case "message_stop" -> completed = true;
      case "error" -> {
        UpstreamError e = Errors.fromNode(0, data);
        out.accept(new StreamEvent.Error(e != null ? e : new UpstreamError(0, null, null, "stream error")));
      }
      default -> { } // ping and event types added later carry nothing canonical
    }
  }

  private void messageStart(JsonNode message, Consumer<StreamEvent> out) {
    out.accept(new StreamEvent.Start(Json.str(message, "id"), Json.str(message, "model")));
    // message_start's output_tokens is a placeholder; message_delta brings the real count.
    Usage usage = WireValues.usage(message.get("usage"), false);
    if (usage != null && usage.inputTokens() != null) out.accept(new StreamEvent.UsageReport(usage));
  }

  private void blockStart(int index, JsonNode block, Consumer<StreamEvent> out) {
    String type = Json.str(block, "type");
    int kind = IGNORED;
    if ("text".equals(type)) {
      kind = TEXT;
      String text = block.path("text").asText();
      if (!text.isEmpty()) out.accept(new StreamEvent.TextDelta(text));
    } else if ("thinking".equals(type)) {
      kind = THINKING;
      String text = block.path("thinking").asText();
      if (!text.isEmpty()) out.accept(new StreamEvent.ThinkingDelta(text));
    } else if ("tool_use".equals(type)) {
      String name = Json.str(block, "name");
      JsonNode input = block.get("input");
      boolean prefilled = input != null && input.isObject() && !input.isEmpty();
      if (JsonEmulation.isJsonTool(jsonEmulation, name)) {
        kind = JSON_TEXT;
        jsonAnswered = true;
        if (prefilled) out.accept(new StreamEvent.TextDelta(Json.text(input)));
      } else {
        kind = toolCalls++;
        out.accept(new StreamEvent.ToolCallStart(kind, Json.str(block, "id"), name));
        if (prefilled) out.accept(new StreamEvent.ToolCallDelta(kind, Json.text(input)));
      }
      if (prefilled && index >= 0) inputSent.set(index);
    } else if ("redacted_thinking".equals(type)) {
      // Whole in its start event (no deltas follow); clients must send it back with the turn's other thinking.
      String data = Json.str(block, "data");
      if (data != null && !data.isEmpty()) out.accept(new StreamEvent.RedactedThinking(data));
    }
    // server-side tool blocks have no canonical stream event
    remember(index, kind);
  }

  private void blockDelta(int index, JsonNode delta, Consumer<StreamEvent> out) {
    int kind = index >= 0 && index < blocks.length ? blocks[index] : IGNORED;
    String type = Json.str(delta, "type");
    if (type == null || kind == IGNORED) return;
    switch (type) {
      case "text_delta" -> emitText(delta.path("text").asText(), out);
      case "thinking_delta" -> {
        String t = delta.path("thinking").asText();
        if (!t.isEmpty()) out.accept(new StreamEvent.ThinkingDelta(t));
      }
      case "signature_delta" -> out.accept(new StreamEvent.ThinkingSignature(delta.path("signature").asText(), true));
      case "input_json_delta" -> {
        String fragment = delta.path("partial_json").asText();
        if (fragment.isEmpty()) return;
        inputSent.set(index);
        if (kind == JSON_TEXT) out.accept(new StreamEvent.TextDelta(fragment));
        else if (kind >= 0) out.accept(new StreamEvent.ToolCallDelta(kind, fragment));
      }
      default -> { } // citations_delta and newer delta kinds
    }
  }

  /**
   * A tool call without arguments streams {@code "input": {}} and no (or only empty) input_json_delta: its arguments
   * are the empty object, which OpenAI clients parse (an empty string is invalid JSON to them).
   */
  private void blockStop(int index, Consumer<StreamEvent> out) {
    int kind = index >= 0 && index < blocks.length ? blocks[index] : IGNORED;
    if ((kind >= 0 || kind == JSON_TEXT) && !inputSent.get(index)) {
      inputSent.set(index);
      out.accept(kind == JSON_TEXT ? new StreamEvent.TextDelta("{}") : new StreamEvent.ToolCallDelta(kind, "{}"));
    }
  }

  private static void emitText(String text, Consumer<StreamEvent> out) {
    if (!text.isEmpty()) out.accept(new StreamEvent.TextDelta(text));
  }

  private void messageDelta(JsonNode data, Consumer<StreamEvent> out) {
    String stopReason = Json.str(data.path("delta"), "stop_reason");
    if (stopReason != null) {
      FinishReason reason = WireValues.finishReason(stopReason);
      if (reason == FinishReason.TOOL_CALLS && jsonAnswered && toolCalls == 0) reason = FinishReason.STOP;
      out.accept(new StreamEvent.Finish(reason, Json.str(data.path("delta"), "stop_sequence")));
    }
    Usage usage = WireValues.usage(data.get("usage"), true);
    if (usage != null) out.accept(new StreamEvent.UsageReport(usage));
  }

  private void remember(int index, int kind) {
    if (index < 0) return;
    if (index >= blocks.length) {
      int old = blocks.length;
      blocks = Arrays.copyOf(blocks, Math.max(index + 1, old * 2));
      Arrays.fill(blocks, old, blocks.length, IGNORED);
    }
    blocks[index] = kind;
  }

  @Override
  public boolean completed() { return completed; }
}
