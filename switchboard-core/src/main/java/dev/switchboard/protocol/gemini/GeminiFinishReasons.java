package dev.switchboard.protocol.gemini;

import dev.switchboard.model.FinishReason;

/** Gemini's Candidate.finishReason values in canonical terms. */
final class GeminiFinishReasons {
  private GeminiFinishReasons() {}

  /** {@code sawToolCall}: Gemini reports STOP after a function call, the canonical wire says TOOL_CALLS. */
  static FinishReason of(String wire, boolean sawToolCall) {
    if (wire == null) return sawToolCall ? FinishReason.TOOL_CALLS : FinishReason.STOP;
    return switch (wire) {
      case "STOP" -> sawToolCall ? FinishReason.TOOL_CALLS : FinishReason.STOP;
      case "MAX_TOKENS" -> FinishReason.LENGTH;
      case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
           "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> FinishReason.CONTENT_FILTER;
      // MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL, TOO_MANY_TOOL_CALLS, LANGUAGE, OTHER, unknown values...
      default -> FinishReason.ERROR;
    };
  }
}
