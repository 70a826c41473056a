package dev.switchboard.protocol.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental SSE parser (WHATWG event-stream rules): feed it bytes as they arrive, in any chunking, and it
 * emits complete events. Handles LF, CRLF and CR line ends, multi-line data, comments and split UTF-8.
 * Not thread-safe: one instance per stream.
 *
 * <p>Every relayed token passes through here, so lines that lie whole in the fed buffer are read in place (only a
 * line split across reads is copied aside), field names are matched as bytes, and a one-line {@code data} (nearly
 * every event) is handed over as its bytes, without a string or a builder.
 */
public final class SseParser {
  private static final byte[] DATA = {'d', 'a', 't', 'a'};
  private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};

  /** The start of a line whose end has not arrived yet. */
  private byte[] partial = new byte[256];
  private int partialLen;
  private boolean lastWasCr;
  private String event;
  /** The event's data when it has one line, as it arrived; {@link #moreData} takes over from a second line on. */
  private byte[] data;
  private StringBuilder moreData;

  public void feed(byte[] bytes, int offset, int length, Consumer<SseEvent> out) {
    int end = offset + length;
    int i = offset;
    if (lastWasCr && i < end) {
      lastWasCr = false;
      if (bytes[i] == '\n') i++; // the LF of a CRLF split between reads
    }
    while (i < end) {
      int eol = i;
      while (eol < end && bytes[eol] != '\n' && bytes[eol] != '\r') eol++;
      if (eol == end) {
        keep(bytes, i, end - i);
        return;
      }
      if (partialLen == 0) {
        line(bytes, i, eol - i, out);
      } else {
        keep(bytes, i, eol - i);
        int len = partialLen;
        partialLen = 0;
        line(partial, 0, len, out);
      }
      if (bytes[eol] == '\r') {
        if (eol + 1 == end) lastWasCr = true;
        else if (bytes[eol + 1] == '\n') eol++;
      }
      i = eol + 1;
    }
  }

  public void feed(byte[] bytes, Consumer<SseEvent> out) { feed(bytes, 0, bytes.length, out); }

  /** At end of input: an event not followed by a blank line is still delivered (lenient, as upstreams vary). */
  public void finish(Consumer<SseEvent> out) {
    if (partialLen > 0) {
      int len = partialLen;
      partialLen = 0;
      line(partial, 0, len, out);
    }
    dispatch(out);
  }

  private void keep(byte[] bytes, int from, int len) {
    if (partialLen + len > partial.length) partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLen + len));
    System.arraycopy(bytes, from, partial, partialLen, len);
    partialLen += len;
  }

  private void line(byte[] buf, int from, int len, Consumer<SseEvent> out) {
    if (len == 0) {
      dispatch(out);
      return;
    }
    int colon = from;
    int end = from + len;
    while (colon < end && buf[colon] != ':') colon++;
    if (colon == from) return; // comment
    int valueFrom = colon;
    if (colon < end) {
      valueFrom = colon + 1;
      if (valueFrom < end && buf[valueFrom] == ' ') valueFrom++;
    }
    int nameLen = colon - from;
    if (is(buf, from, nameLen, DATA)) {
      if (data == null) {
        data = Arrays.copyOfRange(buf, valueFrom, end);
      } else {
        if (moreData == null) moreData = new StringBuilder(new String(data, StandardCharsets.UTF_8));
        moreData.append('\n').append(new String(buf, valueFrom, end - valueFrom, StandardCharsets.UTF_8));
      }
    } else if (is(buf, from, nameLen, EVENT)) {
      event = new String(buf, valueFrom, end - valueFrom, StandardCharsets.UTF_8);
    }
    // id, retry and unknown fields: not needed by any upstream we speak
  }

  private static boolean is(byte[] buf, int from, int len, byte[] name) {
    return len == name.length && Arrays.equals(buf, from, from + len, name, 0, len);
  }

  private void dispatch(Consumer<SseEvent> out) {
    SseEvent e = moreData != null ? new SseEvent(event, moreData.toString())
        : data != null ? SseEvent.ofUtf8(event, data) : null;
    data = null;
    moreData = null;
    event = null;
    if (e != null) out.accept(e);
  }
}
