package dev.switchboard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.Usage;

/** Anthropic stop reasons and usage objects in canonical terms. */
final class WireValues {
  private WireValues() {}

  static FinishReason finishReason(String stopReason) {
    if (stopReason == null) return FinishReason.STOP;
    return switch (stopReason) {
      case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
      case "tool_use" -> FinishReason.TOOL_CALLS;
      case "refusal" -> FinishReason.CONTENT_FILTER;
      // end_turn, stop_sequence, pause_turn and reasons added later: the turn simply ended
      default -> FinishReason.STOP;
    };
  }

  /**
   * Canonical usage: input counts every prompt token, so cache reads and writes are added to Anthropic's
   * {@code input_tokens} (which excludes them). A field absent from the node stays null.
   */
  static Usage usage(JsonNode u, boolean withOutput) {
    if (u == null || !u.isObject()) return null;
    Long input = num(u, "input_tokens");
    Long cacheRead = num(u, "cache_read_input_tokens");
    Long cacheWrite = num(u, "cache_creation_input_tokens");
    Long totalInput = input == null && cacheRead == null && cacheWrite == null ? null
        : nz(input) + nz(cacheRead) + nz(cacheWrite);
    Long output = withOutput ? num(u, "output_tokens") : null;
    JsonNode details = u.get("output_tokens_details");
    Long reasoning = details == null ? null : num(details, "thinking_tokens");
    return new Usage(totalInput, output, cacheRead, cacheWrite, reasoning, u);
  }

  private static Long num(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isNumber() ? null : v.asLong();
  }

  private static long nz(Long v) { return v == null ? 0 : v; }
}
