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

  /** Field names of an OpenAI-style usage object; DashScope uses the same shape with other names. */
  public record Names(String input, String output, String outputDetails) {
    public static final Names CHAT = new Names("prompt_tokens", "completion_tokens", "completion_tokens_details");
  }

  public static void encode(JsonGenerator g, Usage u) throws IOException { encode(g, u, Names.CHAT); }

  public static void encode(JsonGenerator g, Usage u, Names names) throws IOException {
    long in = u.inputTokens() == null ? 0 : u.inputTokens();
    long out = u.outputTokens() == null ? 0 : u.outputTokens();
    g.writeObjectFieldStart("usage");
    g.writeNumberField(names.input(), in);
    g.writeNumberField(names.output(), out);
    g.writeNumberField("total_tokens", in + out);
    if (u.cachedInputTokens() != null) {
      g.writeObjectFieldStart("prompt_tokens_details");
      g.writeNumberField("cached_tokens", u.cachedInputTokens());
      g.writeEndObject();
    }
    if (u.reasoningTokens() != null) {
      g.writeObjectFieldStart(names.outputDetails());
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
