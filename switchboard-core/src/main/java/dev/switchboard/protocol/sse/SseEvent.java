package dev.switchboard.protocol.sse;

/** One server-sent event: the {@code event:} name (null when absent) and the joined {@code data:} lines. */
public record SseEvent(String event, String data) {}
