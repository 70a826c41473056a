package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A programmed response. Build with the static factories and the {@code with…} methods (each returns a copy).
 *
 * @param status       HTTP status
 * @param headers      extra response headers (e.g. Retry-After, x-ratelimit-*); insertion-ordered
 * @param body         nothing, a fixed body, or an SSE stream of raw events
 * @param headersDelay wait before sending the status line (time to first byte)
 * @param eventDelay   wait before each SSE event
 * @param ending       how the response ends: properly, cut (connection closed without a proper end), or stalled
 */
public record Reply(int status, Map<String, String> headers, Body body, Duration headersDelay, Duration eventDelay,
                    Ending ending) {

  /** What the response carries. */
  public sealed interface Body permits Empty, Fixed, Sse {}

  public record Empty() implements Body {}

  /** A body written in one go (cut/stall send only its first half). */
  public record Fixed(String contentType, String text) implements Body {
    public Fixed { Objects.requireNonNull(contentType, "contentType"); Objects.requireNonNull(text, "text"); }
  }

  /** Raw SSE events (each including its trailing blank line), each written and flushed as its own chunk. */
  public record Sse(String contentType, List<String> events) implements Body {
    public Sse { Objects.requireNonNull(contentType, "contentType"); events = List.copyOf(events); }
  }

  /** How the response ends. */
  public sealed interface Ending permits Complete, Cut, Stall {}

  public record Complete() implements Ending {}

  /** Close the connection abruptly after this many events (no terminating chunk). */
  public record Cut(int afterEvents) implements Ending {}

  /** Send this many events, then nothing more, never ending (for idle-timeout tests). */
  public record Stall(int afterEvents) implements Ending {}

  public Reply {
    if (status < 100 || status > 599) throw new IllegalArgumentException("status must be 100..599, was " + status);
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(headersDelay, "headersDelay");
    Objects.requireNonNull(eventDelay, "eventDelay");
    Objects.requireNonNull(ending, "ending");
  }

  public static Reply json(int status, JsonNode body) { return text(status, "application/json", Json.write(body)); }

  public static Reply json(JsonNode body) { return json(200, body); }

  /** A fixed body of any content type, e.g. deliberately malformed JSON. */
  public static Reply text(int status, String contentType, String text) {
    return new Reply(status, Map.of(), new Fixed(contentType, text), Duration.ZERO, Duration.ZERO, new Complete());
  }

  public static Reply empty(int status) {
    return new Reply(status, Map.of(), new Empty(), Duration.ZERO, Duration.ZERO, new Complete());
  }

  /** A 200 SSE stream of raw events. */
  public static Reply sse(List<String> events) { return sse("text/event-stream; charset=utf-8", events); }

  public static Reply sse(String contentType, List<String> events) {
    return new Reply(200, Map.of(), new Sse(contentType, events), Duration.ZERO, Duration.ZERO, new Complete());
  }

  public Reply withStatus(int newStatus) {
    return new Reply(newStatus, headers, body, headersDelay, eventDelay, ending);
  }

  public Reply withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, copy, body, headersDelay, eventDelay, ending);
  }

  public Reply withHeadersDelay(Duration delay) {
    return new Reply(status, headers, body, delay, eventDelay, ending);
  }

  public Reply withEventDelay(Duration delay) {
    return new Reply(status, headers, body, headersDelay, delay, ending);
  }

  public Reply cutAfter(int events) {
    if (events < 0) throw new IllegalArgumentException("cutAfter events must be >= 0");
    return new Reply(status, headers, body, headersDelay, eventDelay, new Cut(events));
  }

  public Reply stallAfter(int events) {
    if (events < 0) throw new IllegalArgumentException("stallAfter events must be >= 0");
    return new Reply(status, headers, body, headersDelay, eventDelay, new Stall(events));
  }

  /** Send every event, then keep the connection open without ending the response. */
  public Reply stallForever() { return stallAfter(Integer.MAX_VALUE); }
}
