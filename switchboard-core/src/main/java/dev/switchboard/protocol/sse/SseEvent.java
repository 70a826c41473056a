package dev.switchboard.protocol.sse;

import java.nio.charset.StandardCharsets;

/** One server-sent event: the {@code event:} name (null when absent) and the joined {@code data:} lines. */
public record SseEvent(String event, String data) {

  /** The event as SSE text again (for relaying it unchanged): the name line if any, one data line per line. */
  public byte[] frame() {
    StringBuilder sb = new StringBuilder(data.length() + (event == null ? 8 : event.length() + 16));
    if (event != null) sb.append("event: ").append(event).append('\n');
    int from = 0;
    for (int nl = data.indexOf('\n'); nl >= 0; nl = data.indexOf('\n', from)) {
      sb.append("data: ").append(data, from, nl).append('\n');
      from = nl + 1;
    }
    sb.append("data: ").append(data, from, data.length()).append("\n\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
