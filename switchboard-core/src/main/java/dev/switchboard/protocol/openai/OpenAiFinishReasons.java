package dev.switchboard.protocol.openai;

import dev.switchboard.model.FinishReason;

/** OpenAI finish_reason strings to and from canonical reasons. */
final class OpenAiFinishReasons {
  private OpenAiFinishReasons() {}

  static FinishReason decode(String wire) {
    if (wire == null) return null;
    return switch (wire) {
      case "stop", "end_turn", "stop_sequence" -> FinishReason.STOP;
      case "length", "max_tokens" -> FinishReason.LENGTH;
      case "tool_calls", "function_call", "tool_use" -> FinishReason.TOOL_CALLS;
      case "content_filter" -> FinishReason.CONTENT_FILTER;
      case "error" -> FinishReason.ERROR;
      default -> FinishReason.STOP;
    };
  }

  static String encode(FinishReason reason) {
    if (reason == null) return "stop";
    return switch (reason) {
      case STOP -> "stop";
      case LENGTH -> "length";
      case TOOL_CALLS -> "tool_calls";
      case CONTENT_FILTER -> "content_filter";
      // OpenAI has no "error" finish reason; errors are reported as error events, so this only closes a choice.
      case ERROR -> "stop";
    };
  }
}
