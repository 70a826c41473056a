package dev.switchboard.protocol.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.StreamEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Canonical stream events -> the Messages streaming sequence: message_start, then per content block
 * content_block_start / content_block_delta... / content_block_stop (one ping after the first start, as Anthropic
 * sends it), then message_delta (stop_reason, usage) and message_stop; an error event when the stream fails.
 *
 * <p>message_start is written with the first content (or the end), so input usage reported before content joins
 * it. Blocks are sequential as on the wire: a block closes when a block of another kind (or another tool call)
 * opens. Canonical tool calls are addressed by tool index, blocks by position, hence the tool -> block table.
 *
 * <p>Upstreams may interleave parallel calls' argument fragments (OpenAI-compatible ones announce both, then
 * alternate), but an Anthropic block is start -> deltas -> stop and the SDKs parse a tool's input at its stop: a
 * delta after it is lost. So while a tool block is open, other calls (start and fragments, in arrival order) are
 * held, and the next is opened once the open call's arguments form a complete JSON value, or when text, thinking,
 * the finish or the end comes first. Calls that arrive one after another stream live as before.
 */
final class AnthropicStreamEncoder implements StreamEncoder {
  private static final int NONE = -1;
  private static final int TEXT = -2;
  private static final int THINKING = -3;

  private final ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
  private String id;
  private String model;
  private Usage usage = Usage.NONE;
  private boolean started;
  /** Whether message_start already carried the input usage (then message_delta reports output only, as Anthropic does). */
  private boolean inputSentAtStart;
  private boolean pinged;
  private int nextBlock;
  private int openKind = NONE;
  private int openBlock = -1;
  private int[] toolBlocks = new int[4];
  /** Arguments of the open tool call so far, to tell when it is complete. */
  private final JsonCompletion openArgs = new JsonCompletion();
  /** Calls that started while another tool block was open, in arrival order; made at the first one. */
  private ArrayDeque<Held> held;
  private String stopReason;
  private String stopSequence;

  AnthropicStreamEncoder(String fallbackModel) {
    this.model = fallbackModel;
    Arrays.fill(toolBlocks, -1);
  }

  @Override
  public byte[] encode(StreamEvent event) {
    buf.reset();
    try {
      switch (event) {
        case StreamEvent.Start s -> {
          if (s.id() != null) id = s.id();
          if (s.model() != null) model = s.model();
        }
        case StreamEvent.UsageReport u -> usage = usage.merge(u.usage());
        case StreamEvent.TextDelta t -> {
          ensureOpen(TEXT);
          delta(openBlock, g -> {
            g.writeStringField("type", "text_delta");
            g.writeStringField("text", t.text());
          });
        }
        case StreamEvent.ThinkingDelta t -> {
          ensureOpen(THINKING);
          delta(openBlock, g -> {
            g.writeStringField("type", "thinking_delta");
            g.writeStringField("thinking", t.text());
          });
        }
        case StreamEvent.ThinkingSignature s -> {
          ensureOpen(THINKING);
          delta(openBlock, g -> {
            g.writeStringField("type", "signature_delta");
            g.writeStringField("signature", s.signature());
          });
        }
        case StreamEvent.RedactedThinking r -> redacted(r.data());
        case StreamEvent.ToolCallStart s -> toolStart(s.index(), s.id(), s.name());
        case StreamEvent.ToolCallDelta d -> toolDelta(d.index(), d.argumentsFragment());
        case StreamEvent.Finish f -> {
          stopReason = ClientWire.stopReason(f.reason(), f.stopSequence());
          stopSequence = f.stopSequence();
          ensureStarted();
          openHeld(true);
          close();
        }
        case StreamEvent.DeltaExtras ignored -> { } // another wire's fields
        case StreamEvent.Error ignored -> { } // the executor turns upstream errors into error(GatewayError)
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buf.size() == 0 ? EMPTY : buf.toByteArray();
  }

  @Override
  public byte[] end() {
    buf.reset();
    try {
      ensureStarted();
      openHeld(true);
      close();
      frame("message_delta", g -> {
        g.writeStringField("type", "message_delta");
        g.writeObjectFieldStart("delta");
        g.writeStringField("stop_reason", stopReason == null ? "end_turn" : stopReason);
        if (stopSequence != null) g.writeStringField("stop_sequence", stopSequence); else g.writeNullField("stop_sequence");
        g.writeEndObject();
        ClientWire.usage(g, usage, !inputSentAtStart && usage.inputTokens() != null, ClientWire.nz(usage.outputTokens()));
      });
      frame("message_stop", g -> g.writeStringField("type", "message_stop"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buf.toByteArray();
  }

  @Override
  public byte[] error(GatewayError error) {
    byte[] json = ClientWire.error(error);
    byte[] head = "event: error\ndata: ".getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(head, head.length + json.length + 2);
    System.arraycopy(json, 0, out, head.length, json.length);
    out[out.length - 2] = '\n';
    out[out.length - 1] = '\n';
    return out;
  }

  private void ensureStarted() throws IOException {
    if (started) return;
    started = true;
    inputSentAtStart = usage.inputTokens() != null;
    id = ClientWire.messageId(id);
    frame("message_start", g -> {
      g.writeStringField("type", "message_start");
      g.writeObjectFieldStart("message");
      g.writeStringField("id", id);
      g.writeStringField("type", "message");
      g.writeStringField("role", "assistant");
      g.writeStringField("model", model);
      g.writeArrayFieldStart("content");
      g.writeEndArray();
      g.writeNullField("stop_reason");
      g.writeNullField("stop_sequence");
      // output_tokens is a placeholder here, as on the wire; message_delta carries the real count.
      ClientWire.usage(g, usage, true, 1);
      g.writeEndObject();
    });
  }

  private void ensureOpen(int kind) throws IOException {
    if (openKind == kind) return;
    ensureStarted();
    openHeld(true); // the calls announced before this text keep their place before it
    close();
    int index = nextBlock++;
    blockStart(index, g -> {
      if (kind == TEXT) {
        g.writeStringField("type", "text");
        g.writeStringField("text", "");
      } else {
        g.writeStringField("type", "thinking");
        g.writeStringField("thinking", "");
        g.writeStringField("signature", "");
      }
    });
    openKind = kind;
    openBlock = index;
  }

  private void toolStart(int toolIndex, String toolId, String name) throws IOException {
    // Invariant: calls are held only while an incomplete call's block is open, so a new one queues behind them.
    if (openKind >= 0 && !openArgs.complete()) {
      if (held == null) held = new ArrayDeque<>(2);
      held.add(new Held(toolIndex, toolId, name));
    } else {
      openTool(toolIndex, toolId, name);
    }
  }

  private void toolDelta(int toolIndex, String fragment) throws IOException {
    if (openKind >= 0 && toolIndex == openKind) {
      inputDelta(fragment);
      if (openArgs.complete() && held != null && !held.isEmpty()) openHeld(false);
      return;
    }
    Held h = heldCall(toolIndex);
    if (h != null) {
      h.fragments().add(fragment); // the upstream's string, kept as it is: written once, when its block opens
    } else if (toolIndex < 0 || toolIndex >= toolBlocks.length || toolBlocks[toolIndex] < 0) {
      toolStart(toolIndex, "toolu_" + toolIndex, ""); // a fragment without a start: the call starts here
      Held queued = heldCall(toolIndex);
      if (queued != null) queued.fragments().add(fragment); else inputDelta(fragment);
    }
    // else the call's block is closed already: nothing may follow its content_block_stop on the wire
  }

  /**
   * Opens held calls in turn (each closing the block before it), writing their fragments so far; stops at one whose
   * arguments are still incomplete unless {@code all}, as at the answer's end or before a block of another kind.
   */
  private void openHeld(boolean all) throws IOException {
    if (held == null) return;
    while (!held.isEmpty() && (all || openArgs.complete())) {
      Held next = held.poll();
      openTool(next.index(), next.id(), next.name());
      for (String fragment : next.fragments()) inputDelta(fragment);
    }
  }

  private Held heldCall(int toolIndex) {
    if (held != null) for (Held h : held) if (h.index() == toolIndex) return h;
    return null;
  }

  /** An input_json_delta for the open tool block. */
  private void inputDelta(String fragment) throws IOException {
    openArgs.feed(fragment);
    delta(openBlock, g -> {
      g.writeStringField("type", "input_json_delta");
      g.writeStringField("partial_json", fragment);
    });
  }

  /** A redacted_thinking block is whole in its start, as Anthropic streams it: start and stop at once. */
  private void redacted(String data) throws IOException {
    ensureStarted();
    openHeld(true); // the calls announced before it keep their place
    close();
    int index = nextBlock++;
    blockStart(index, g -> {
      g.writeStringField("type", "redacted_thinking");
      g.writeStringField("data", data);
    });
    openKind = THINKING;
    openBlock = index;
    close();
  }

  private void openTool(int toolIndex, String toolId, String name) throws IOException {
    ensureStarted();
    close();
    int index = nextBlock++;
    blockStart(index, g -> {
      g.writeStringField("type", "tool_use");
      g.writeStringField("id", toolId);
      g.writeStringField("name", name);
      g.writeObjectFieldStart("input");
      g.writeEndObject();
    });
    if (toolIndex >= toolBlocks.length) {
      int old = toolBlocks.length;
      toolBlocks = Arrays.copyOf(toolBlocks, Math.max(toolIndex + 1, old * 2));
      Arrays.fill(toolBlocks, old, toolBlocks.length, -1);
    }
    if (toolIndex >= 0) toolBlocks[toolIndex] = index;
    openKind = toolIndex;
    openBlock = index;
    openArgs.reset();
  }

  private void close() throws IOException {
    if (openKind == NONE) return;
    int index = openBlock;
    openKind = NONE;
    openBlock = -1;
    frame("content_block_stop", g -> {
      g.writeStringField("type", "content_block_stop");
      g.writeNumberField("index", index);
    });
  }

  private void blockStart(int index, ClientWire.Writer block) throws IOException {
    frame("content_block_start", g -> {
      g.writeStringField("type", "content_block_start");
      g.writeNumberField("index", index);
      g.writeObjectFieldStart("content_block");
      block.write(g);
      g.writeEndObject();
    });
    if (!pinged) {
      pinged = true;
      frame("ping", g -> g.writeStringField("type", "ping"));
    }
  }

  private void delta(int index, ClientWire.Writer delta) throws IOException {
    frame("content_block_delta", g -> {
      g.writeStringField("type", "content_block_delta");
      g.writeNumberField("index", index);
      g.writeObjectFieldStart("delta");
      delta.write(g);
      g.writeEndObject();
    });
  }

  /** A call whose block waits for the open one to complete: its start and its argument fragments so far. */
  private record Held(int index, String id, String name, List<String> fragments) {
    Held(int index, String id, String name) { this(index, id, name, new ArrayList<>(4)); }
  }

  /** {@code event: <name>\ndata: {<fields>}\n\n} written straight into the buffer. */
  private void frame(String name, ClientWire.Writer fields) throws IOException {
    buf.writeBytes(("event: " + name + "\ndata: ").getBytes(StandardCharsets.US_ASCII));
    // Closed at once: an unclosed generator never hands its 8 KB buffers back to Jackson's recycler, which made
    // every frame allocate them anew (21 KB per chunk, twice the time of the same-protocol path).
    try (JsonGenerator g = AnthropicCodec.MAPPER.getFactory().createGenerator(buf)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    }
    buf.write('\n');
    buf.write('\n');
  }
}
