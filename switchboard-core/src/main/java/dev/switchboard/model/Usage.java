package dev.switchboard.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Token usage, normalised to one convention: {@code inputTokens} counts every prompt token, cached ones included
 * (OpenAI's convention; Anthropic's separate cache counts are added in by its codec). A null field means the
 * provider did not report it, which is different from 0. {@code raw} keeps the provider's own usage object.
 */
public record Usage(Long inputTokens, Long outputTokens, Long cachedInputTokens, Long cacheWriteTokens,
                    Long reasoningTokens, JsonNode raw) {

  public static final Usage NONE = new Usage(null, null, null, null, null, null);

  public long totalTokens() { return nz(inputTokens) + nz(outputTokens); }

  public boolean isEmpty() { return inputTokens == null && outputTokens == null; }

  /**
   * Later reports win field by field: streams report input tokens first and output tokens at the end. Raw usage
   * objects are merged the same way (later fields win, earlier ones stay), so the stored raw usage of a stream
   * keeps both Anthropic's message_start input counts and message_delta's output count.
   */
  public Usage merge(Usage later) {
    if (later == null) return this;
    return new Usage(pick(later.inputTokens, inputTokens), pick(later.outputTokens, outputTokens),
        pick(later.cachedInputTokens, cachedInputTokens), pick(later.cacheWriteTokens, cacheWriteTokens),
        pick(later.reasoningTokens, reasoningTokens), mergeRaw(raw, later.raw));
  }

  private static JsonNode mergeRaw(JsonNode earlier, JsonNode later) {
    if (later == null) return earlier;
    if (earlier == null || earlier == later || !earlier.isObject() || !later.isObject()) return later;
    com.fasterxml.jackson.databind.node.ObjectNode merged = ((com.fasterxml.jackson.databind.node.ObjectNode) earlier).deepCopy();
    merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) later.deepCopy());
    return merged;
  }

  private static Long pick(Long a, Long b) { return a != null ? a : b; }

  private static long nz(Long v) { return v == null ? 0 : v; }
}
