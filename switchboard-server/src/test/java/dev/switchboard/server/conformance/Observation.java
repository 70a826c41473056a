package dev.switchboard.server.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * What a client saw, normalised across wires: finish reasons in OpenAI's terms (stop, length, tool_calls), usage in
 * OpenAI's convention (input includes cached). Filled field by field by a {@link ClientDriver} while parsing.
 */
final class Observation {
  int status;
  boolean streamed;
  final StringBuilder text = new StringBuilder();
  final StringBuilder thinking = new StringBuilder();
  final List<Call> calls = new ArrayList<>();
  String finish;
  Integer inputTokens;
  Integer outputTokens;
  Integer cachedTokens;
  /** An error answer (any status) or an error event inside a stream. */
  String errorType;
  String errorMessage;
  boolean errorEvent;
  /** The stream ended with the wire's success end (message_stop, [DONE], response.completed, a finish_reason). */
  boolean endedProperly;
  String raw;

  /** One tool call; {@code arguments} accumulates streamed fragments. */
  static final class Call {
    String id;
    String name;
    final StringBuilder arguments = new StringBuilder();

    Call(String id, String name) {
      this.id = id;
      this.name = name;
    }

    @Override public String toString() { return id + " " + name + arguments; }
  }

  /** The call at a wire's index, created on first sight. */
  Call call(int index) {
    while (calls.size() <= index) calls.add(new Call(null, null));
    return calls.get(index);
  }

  @Override public String toString() {
    return "status=" + status + " text=" + text + " thinking=" + thinking + " calls=" + calls + " finish=" + finish
        + " usage=" + inputTokens + "/" + outputTokens + "/cached " + cachedTokens + " error=" + errorType + ": "
        + errorMessage + " errorEvent=" + errorEvent + " ended=" + endedProperly + "\n--- raw ---\n"
        + (raw == null ? "" : raw.length() > 3000 ? raw.substring(0, 3000) + "…" : raw);
  }
}
