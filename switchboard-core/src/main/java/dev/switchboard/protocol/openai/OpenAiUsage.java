package dev.switchboard.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.Usage;
import java.io.IOException;

/** OpenAI usage objects: prompt_tokens includes cached tokens, completion_tokens includes reasoning tokens. */
public final class OpenAiUsage {
  private OpenAiUsage() {}

  public static Usage decode(JsonNode u) {
    if (u == null || !u.isObject()) return null;
    Long cached = longAt(u, "prompt_tokens_details", "cached_tokens");
    if (cached == null) cached = longOrNull(u.get("prompt_cache_hit_tokens")); // DeepSeek's name for the same count
    Long cacheWrite = longAt(u, "prompt_tokens_details", "cache_write_tokens");
    return new Usage(longOrNull(u.get("prompt_tokens")), longOrNull(u.get("completion_tokens")), cached, cacheWrite,
        longAt(u, "completion_tokens_details", "reasoning_tokens"), u);
  }

  public static void encode(JsonGenerator g, Usage u) throws IOException {
    long in = u.inputTokens() == null ? 0 : u.inputTokens();
    long out = u.outputTokens() == null ? 0 : u.outputTokens();
    g.writeObjectFieldStart("usage");
    g.writeNumberField("prompt_tokens", in);
    g.writeNumberField("completion_tokens", out);
    g.writeNumberField("total_tokens", in + out);
    if (u.cachedInputTokens() != null) {
      g.writeObjectFieldStart("prompt_tokens_details");
      g.writeNumberField("cached_tokens", u.cachedInputTokens());
      g.writeEndObject();
    }
    if (u.reasoningTokens() != null) {
      g.writeObjectFieldStart("completion_tokens_details");
      g.writeNumberField("reasoning_tokens", u.reasoningTokens());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static Long longAt(JsonNode u, String obj, String field) {
    JsonNode o = u.get(obj);
    return o == null ? null : longOrNull(o.get(field));
  }

  private static Long longOrNull(JsonNode n) {
    return n != null && n.isNumber() ? n.longValue() : null;
  }
}
