package dev.switchboard.protocol.sse;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Incremental SSE parser (WHATWG event-stream rules): feed it bytes as they arrive, in any chunking, and it
 * emits complete events. Handles LF, CRLF and CR line ends, multi-line data, comments and split UTF-8.
 * Not thread-safe: one instance per stream.
 */
public final class SseParser {
  private byte[] line = new byte[256];
  private int lineLen;
  private boolean lastWasCr;
  private String event;
  private StringBuilder data;
  private boolean hasData;

  public void feed(byte[] bytes, int offset, int length, Consumer<SseEvent> out) {
    for (int i = offset; i < offset + length; i++) {
      byte b = bytes[i];
      if (b == '\n' && lastWasCr) { lastWasCr = false; continue; }
      lastWasCr = b == '\r';
      if (b == '\n' || b == '\r') { endLine(out); continue; }
      if (lineLen == line.length) line = java.util.Arrays.copyOf(line, lineLen * 2);
      line[lineLen++] = b;
    }
  }

  public void feed(byte[] bytes, Consumer<SseEvent> out) { feed(bytes, 0, bytes.length, out); }

  /** At end of input: an event not followed by a blank line is still delivered (lenient, as upstreams vary). */
  public void finish(Consumer<SseEvent> out) {
    if (lineLen > 0) endLine(out);
    dispatch(out);
  }

  private void endLine(Consumer<SseEvent> out) {
    if (lineLen == 0) { dispatch(out); return; }
    int colon = -1;
    for (int i = 0; i < lineLen; i++) if (line[i] == ':') { colon = i; break; }
    if (colon == 0) { lineLen = 0; return; } // comment
    String field;
    String value;
    if (colon < 0) {
      field = new String(line, 0, lineLen, StandardCharsets.UTF_8);
      value = "";
    } else {
      field = new String(line, 0, colon, StandardCharsets.US_ASCII);
      int start = colon + 1;
      if (start < lineLen && line[start] == ' ') start++;
      value = new String(line, start, lineLen - start, StandardCharsets.UTF_8);
    }
    lineLen = 0;
    switch (field) {
      case "data" -> {
        if (!hasData) { hasData = true; data = new StringBuilder(value.length() + 16).append(value); }
        else data.append('\n').append(value);
      }
      case "event" -> event = value;
      default -> { } // id, retry: not needed by any upstream we speak
    }
  }

  private void dispatch(Consumer<SseEvent> out) {
    if (hasData) out.accept(new SseEvent(event, data.toString()));
    hasData = false;
    data = null;
    event = null;
  }
}
