package dev.switchboard.protocol;

import dev.switchboard.error.GatewayError;
import dev.switchboard.model.StreamEvent;

/** Canonical stream events into one client's wire bytes (SSE frames). One instance per stream. */
public interface StreamEncoder {
  byte[] EMPTY = new byte[0];

  /** Bytes to send for this event (possibly {@link #EMPTY}). */
  byte[] encode(StreamEvent event);

  /** Closing bytes after a complete stream (trailing usage, end marker). */
  byte[] end();

  /** An error event in the wire's shape, sent instead of {@link #end()} when the stream failed after it started. */
  byte[] error(GatewayError error);
}
