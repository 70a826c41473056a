package dev.switchboard.testkit;

import java.util.Objects;

/** One tool call in a fake answer; {@code argumentsJson} is the arguments object as JSON text. */
public record ToolCall(String id, String name, String argumentsJson) {
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(argumentsJson, "argumentsJson");
  }
}
