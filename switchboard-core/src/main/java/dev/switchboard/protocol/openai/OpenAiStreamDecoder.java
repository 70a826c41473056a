package dev.switchboard.protocol.openai;

import static dev.switchboard.protocol.openai.OpenAiJson.textOrSkip;
import static dev.switchboard.protocol.openai.OpenAiResponseDecoder.textOrNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.model.Usage;
import dev.switchboard.model.WireExtras;
import dev.switchboard.protocol.sse.SseEvent;
import dev.switchboard.provider.StreamDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * chat.completion.chunk events from an OpenAI-compatible upstream into canonical stream events.
 *
 * <p>Chunks are read with Jackson's streaming parser, not as trees: a stream is mostly one-token content deltas, and
 * building a tree per chunk (maps, nodes) was most of the ~8 KB allocated per relayed chunk. The rare parts with
 * structure worth keeping whole (an error, usage, tool calls) are still read as trees. The event's bytes are parsed
 * as they arrived (no string in between). Fields may come in any order;
 * events go out in a fixed one (start, thinking, text, tool calls, delta extras, finish, usage), as they did from the tree
 * (delta extras with {@code reasoning_details} go before the thinking).
 */
final class OpenAiStreamDecoder implements StreamDecoder {
  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
  private boolean started;
  private boolean finished;
  private boolean done;
  private long startedToolMask; // tool call indexes already announced (bit per index < 64)
  private java.util.BitSet startedToolsOverflow;
  // Calls without `index` (Gemini's OpenAI-compatible endpoint...): addressed by id, else continuing the current call.
  private int currentTool = -1;
  private String currentToolId;
  private int nextFreeTool;
  private Map<String, Integer> toolIndexById;

  /** What one chunk holds, collected while parsing and emitted once the chunk is read whole. */
  private static final class Chunk {
    String id;
    String model;
    JsonNode error;
    String reasoningContent;
    String reasoning;
    String content;
    String refusal;
    JsonNode toolCalls;
    String finishReason;
    JsonNode usage;
    JsonNode logprobs;
    /** Set for a stream's first chunk: its header fields without a canonical slot are kept (see emit). */
    boolean keepExtras;
    Map<String, JsonNode> extras;
    /** The delta's fields without a canonical slot (annotations, audio...), nulls dropped. */
    Map<String, JsonNode> deltaExtras;
  }

  @Override
  public void decode(SseEvent event, Consumer<StreamEvent> out) {
    byte[] data = event.dataBytes();
    if (data.length == 0) return;
    if (data[0] == '[' && Arrays.equals(data, DONE)) {
      done = true;
      return;
    }
    Chunk c;
    try {
      c = read(OpenAiJson.FACTORY.createParser(data));
    } catch (IOException malformed) {
      try {
        // Not valid UTF-8 (a local server cutting a character in half): read as the text decoding the bytes gives,
        // U+FFFD in place of the bad sequence, rather than failing the stream; invalid JSON fails here too.
        c = read(OpenAiJson.FACTORY.createParser(event.data()));
      } catch (IOException e) {
        out.accept(new StreamEvent.Error(new UpstreamError(0, "invalid_stream", null, "upstream sent an invalid stream chunk")));
        return;
      }
    }
    emit(c, out);
  }

  private Chunk read(JsonParser parser) throws IOException {
    Chunk c = new Chunk();
    c.keepExtras = !started;
    try (JsonParser p = parser) {
      p.setCodec(OpenAiJson.MAPPER);
      // Like readTree before: JSON that is not an object is an empty chunk, and anything after the value is ignored.
      if (p.nextToken() == JsonToken.START_OBJECT) readChunk(p, c);
      else p.skipChildren();
    }
    return c;
  }

  private static void readChunk(JsonParser p, Chunk c) throws IOException {
    OpenAiJson.readFields(p, (name, value) -> {
      switch (name) {
        case "id" -> c.id = textOrSkip(p, value);
        case "model" -> c.model = textOrSkip(p, value);
        case "error" -> c.error = p.readValueAsTree();
        case "choices" -> OpenAiJson.readFirstObject(p, value, (field, v) -> {
          switch (field) {
            case "delta" -> OpenAiJson.readObject(p, v, (d, dv) -> readDelta(p, c, d, dv));
            case "finish_reason" -> c.finishReason = textOrSkip(p, v);
            case "logprobs" -> c.logprobs = OpenAiJson.treeIfObject(p, v);
            default -> p.skipChildren();
          }
        });
        case "usage" -> c.usage = OpenAiJson.treeIfObject(p, value);
        // Written by the encoder itself, or per chunk by nature (obfuscation pads each chunk to hide its size).
        case "object", "created", "obfuscation" -> p.skipChildren();
        default -> {
          if (c.keepExtras && value != JsonToken.VALUE_NULL) {
            (c.extras == null ? c.extras = new LinkedHashMap<>() : c.extras).put(name, OpenAiJson.valueTree(p, value));
          } else {
            p.skipChildren();
          }
        }
      }
    });
  }

  private static void readDelta(JsonParser p, Chunk c, String name, JsonToken value) throws IOException {
    switch (name) {
      case "reasoning_content" -> c.reasoningContent = textOrSkip(p, value);
      case "reasoning" -> c.reasoning = textOrSkip(p, value);
      case "content" -> c.content = textOrSkip(p, value);
      case "refusal" -> c.refusal = textOrSkip(p, value);
      case "tool_calls" -> c.toolCalls = p.readValueAsTree();
      // The encoder writes the role itself (on the client's first chunk).
      case "role" -> p.skipChildren();
      default -> {
        JsonNode kept = value == JsonToken.VALUE_NULL ? null : OpenAiJson.valueTree(p, value);
        // Empty values say nothing and, repeated on every delta by some servers, would double the client's chunks.
        if (saysSomething(kept)) {
          (c.deltaExtras == null ? c.deltaExtras = new LinkedHashMap<>() : c.deltaExtras).put(name, kept);
        }
      }
    }
  }

  private static boolean saysSomething(JsonNode v) {
    return v != null && !(v.isContainerNode() && v.isEmpty()) && !(v.isTextual() && v.textValue().isEmpty());
  }

  private void emit(Chunk c, Consumer<StreamEvent> out) {
    if (c.error != null && !c.error.isNull()) {
      JsonNode err = c.error;
      out.accept(new StreamEvent.Error(err.isObject()
          ? new UpstreamError(0, textOrNull(err.get("type")), textOrNull(err.get("code")), textOrNull(err.get("message")))
          : new UpstreamError(0, null, null, err.asText())));
      return;
    }
    if (!started) {
      started = true;
      out.accept(new StreamEvent.Start(c.id, c.model,
          c.extras == null ? null : new WireExtras(OpenAiChatCodec.WIRE, c.extras, null)));
    }
    // An upstream's own reasoning_details (OpenRouter) go out ahead of the thinking they repeat, so that the OpenAI
    // encoder knows before that thinking to add none of its own.
    boolean detailsFirst = c.deltaExtras != null && c.deltaExtras.containsKey(OpenAiReasoningDetails.FIELD);
    if (detailsFirst) out.accept(new StreamEvent.DeltaExtras(new WireExtras(OpenAiChatCodec.WIRE, null, c.deltaExtras)));
    String reasoning = c.reasoningContent != null ? c.reasoningContent : c.reasoning;
    if (reasoning != null && !reasoning.isEmpty()) out.accept(new StreamEvent.ThinkingDelta(reasoning));
    var logprobs = OpenAiLogprobs.decode(c.logprobs);
    if ((c.content != null && !c.content.isEmpty()) || (logprobs != null && !logprobs.isEmpty())) {
      out.accept(new StreamEvent.TextDelta(c.content == null ? "" : c.content, logprobs));
    }
    if (c.refusal != null && !c.refusal.isEmpty()) out.accept(new StreamEvent.TextDelta(c.refusal, null, true));
    if (c.toolCalls != null && c.toolCalls.isArray()) toolCalls(c.toolCalls, out);
    if (c.deltaExtras != null && !detailsFirst) {
      out.accept(new StreamEvent.DeltaExtras(new WireExtras(OpenAiChatCodec.WIRE, null, c.deltaExtras)));
    }
    if (c.finishReason != null) {
      finished = true;
      out.accept(new StreamEvent.Finish(OpenAiFinishReasons.decode(c.finishReason), null));
    }
    Usage usage = OpenAiUsage.decode(c.usage);
    if (usage != null) out.accept(new StreamEvent.UsageReport(usage));
  }

  private void toolCalls(JsonNode calls, Consumer<StreamEvent> out) {
    for (JsonNode call : calls) {
      JsonNode idx = call.get("index");
      String id = textOrNull(call.get("id"));
      int index = idx != null && idx.isInt() ? idx.intValue() : indexOf(id);
      JsonNode fn = call.path("function");
      if (!isStarted(index)) {
        markStarted(index);
        out.accept(new StreamEvent.ToolCallStart(index, id, textOrNull(fn.get("name"))));
      }
      nextFreeTool = Math.max(nextFreeTool, index + 1);
      if (index != currentTool || (id != null && !id.isEmpty())) currentToolId = id;
      currentTool = index;
      JsonNode args = fn.get("arguments");
      if (args != null && args.isTextual() && !args.textValue().isEmpty()) {
        out.accept(new StreamEvent.ToolCallDelta(index, args.textValue()));
      }
    }
  }

  /**
   * The index of a call sent without one. Array positions cannot serve: such servers send each of several parallel
   * calls in a chunk of its own, all at position 0. A new id starts a call at the next free index, an id seen before
   * goes back to its call, and a fragment without id (or with the current call's) continues the current call.
   */
  private int indexOf(String id) {
    if (id == null || id.isEmpty() || id.equals(currentToolId)) return currentTool >= 0 ? currentTool : nextFreeTool;
    if (toolIndexById == null) toolIndexById = new HashMap<>();
    Integer known = toolIndexById.get(id);
    if (known != null) return known;
    int index = nextFreeTool;
    toolIndexById.put(id, index);
    return index;
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
