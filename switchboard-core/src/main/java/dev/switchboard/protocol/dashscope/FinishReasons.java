package dev.switchboard.protocol.dashscope;

import dev.switchboard.model.FinishReason;

/** DashScope finish_reason values; mid-stream events carry the string "null" (or a JSON null). */
final class FinishReasons {
  private FinishReasons() {}

  /** Null while generation goes on. */
  static FinishReason decode(String value) {
    if (value == null || value.isEmpty() || value.equals("null")) return null;
    return switch (value) {
      case "length" -> FinishReason.LENGTH;
      case "tool_calls" -> FinishReason.TOOL_CALLS;
      case "content_filter" -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.STOP;
    };
  }

  static String encode(FinishReason reason) {
    if (reason == null) return "stop";
    return switch (reason) {
      case STOP, ERROR -> "stop";
      case LENGTH -> "length";
      case TOOL_CALLS -> "tool_calls";
      case CONTENT_FILTER -> "content_filter";
    };
  }
}
