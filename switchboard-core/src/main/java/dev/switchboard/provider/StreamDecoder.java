package dev.switchboard.provider;

import dev.switchboard.model.StreamEvent;
import dev.switchboard.protocol.sse.SseEvent;
import java.util.function.Consumer;

/**
 * Turns one upstream stream's SSE events into canonical events, keeping whatever state the wire needs
 * (open tool calls, block indexes). One instance per stream.
 */
public interface StreamDecoder {
  void decode(SseEvent event, Consumer<StreamEvent> out);

  /** Called once when the upstream closed the stream normally; may emit trailing events. */
  default void finish(Consumer<StreamEvent> out) {}

  /** True once the wire's own end marker was seen ([DONE], message_stop, a finishReason...). */
  boolean completed();
}
