package dev.switchboard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.Usage;

/** usageMetadata to canonical usage. */
final class GeminiUsage {
  private GeminiUsage() {}

  /**
   * promptTokenCount already includes cachedContentTokenCount (OpenAI's convention). Gemini counts thoughts apart
   * from candidates; canonical output tokens include reasoning, so the two are added.
   */
  static Usage of(JsonNode usageMetadata) {
    if (usageMetadata == null || !usageMetadata.isObject()) return null;
    Long candidates = GeminiJson.longOrNull(usageMetadata, "candidatesTokenCount");
    Long thoughts = GeminiJson.longOrNull(usageMetadata, "thoughtsTokenCount");
    Long output = candidates == null && thoughts == null ? null
        : (candidates == null ? 0 : candidates) + (thoughts == null ? 0 : thoughts);
    return new Usage(GeminiJson.longOrNull(usageMetadata, "promptTokenCount"), output,
        GeminiJson.longOrNull(usageMetadata, "cachedContentTokenCount"), null, thoughts, usageMetadata);
  }
}
