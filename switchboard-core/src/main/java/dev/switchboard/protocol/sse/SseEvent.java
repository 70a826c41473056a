package dev.switchboard.protocol.sse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One server-sent event: the {@code event:} name (null when absent) and the joined {@code data:} lines.
 *
 * <p>The parser hands over a one-line event's data as the bytes it arrived as, and the text is made only when asked
 * for: JSON decoders read {@link #dataBytes()} with Jackson's byte parser, which is cheaper than decoding to a string
 * and parsing its characters, once per relayed token. Equal when name and data are equal, however made.
 */
public final class SseEvent {
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private final String event;
  private byte[] bytes;
  private String data;
  /** The parser's one-line data, kept as it arrived: relayed as those bytes. */
  private boolean oneLine;

  public SseEvent(String event, String data) {
    this.event = event;
    this.data = Objects.requireNonNull(data, "data");
  }

  private SseEvent(String event, byte[] utf8) {
    this.event = event;
    this.bytes = utf8;
    this.oneLine = true;
  }

  /** An event whose data is {@code utf8} (taken, not copied). */
  static SseEvent ofUtf8(String event, byte[] utf8) { return new SseEvent(event, utf8); }

  public String event() { return event; }

  public String data() {
    if (data == null) data = new String(bytes, StandardCharsets.UTF_8);
    return data;
  }

  /** The data as UTF-8; the array is the event's own and must not be changed. */
  public byte[] dataBytes() {
    if (bytes == null) bytes = data.getBytes(StandardCharsets.UTF_8);
    return bytes;
  }

  /**
   * The data as a JSON tree, parsed from its bytes; bytes that are not valid UTF-8 (a local server cutting a
   * character in half) are read as the text decoding them gives, with U+FFFD in place of the bad sequence, as before
   * events were handed over as bytes, rather than failing the event.
   */
  public JsonNode json(ObjectMapper mapper) throws IOException {
    try {
      return mapper.readTree(dataBytes());
    } catch (IOException malformed) {
      return mapper.readTree(data());
    }
  }

  /**
   * The event as SSE text again (for relaying it unchanged): the name line if any, one data line per line. A one-line
   * event from the parser is framed around the bytes it arrived as, without a string in between (same-wire streams
   * relay every event this way).
   */
  public byte[] frame() {
    if (oneLine) {
      byte[] name = event == null ? new byte[0] : ("event: " + event + "\n").getBytes(StandardCharsets.UTF_8);
      byte[] out = new byte[name.length + 6 + bytes.length + 2];
      System.arraycopy(name, 0, out, 0, name.length);
      System.arraycopy(DATA, 0, out, name.length, 6);
      System.arraycopy(bytes, 0, out, name.length + 6, bytes.length);
      out[out.length - 2] = '\n';
      out[out.length - 1] = '\n';
      return out;
    }
    String text = data();
    StringBuilder sb = new StringBuilder(text.length() + (event == null ? 8 : event.length() + 16));
    if (event != null) sb.append("event: ").append(event).append('\n');
    int from = 0;
    for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      sb.append("data: ").append(text, from, nl).append('\n');
      from = nl + 1;
    }
    sb.append("data: ").append(text, from, text.length()).append("\n\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SseEvent other && Objects.equals(event, other.event) && data().equals(other.data());
  }

  @Override
  public int hashCode() { return Objects.hash(event, data()); }

  @Override
  public String toString() { return "SseEvent[event=" + event + ", data=" + data() + "]"; }
}
