package dev.switchboard.protocol.dashscope;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.Usage;
import java.io.IOException;

/**
 * DashScope usage: {@code input_tokens} includes cached tokens ({@code prompt_tokens_details.cached_tokens}) and
 * {@code output_tokens} includes reasoning tokens ({@code output_tokens_details.reasoning_tokens}), which is the
 * canonical convention already, so no arithmetic is needed either way.
 */
final class DsUsage {
  private DsUsage() {}

  static Usage decode(JsonNode u) {
    if (u == null || !u.isObject()) return null;
    Long in = DsJson.longOrNull(u.get("input_tokens"));
    Long out = DsJson.longOrNull(u.get("output_tokens"));
    if (in == null && out == null) return null;
    return new Usage(in, out, DsJson.longOrNull(u.path("prompt_tokens_details").get("cached_tokens")), null,
        DsJson.longOrNull(u.path("output_tokens_details").get("reasoning_tokens")), u);
  }

  static void write(JsonGenerator g, Usage u) throws IOException {
    long in = u.inputTokens() == null ? 0 : u.inputTokens();
    long out = u.outputTokens() == null ? 0 : u.outputTokens();
    g.writeObjectFieldStart("usage");
    g.writeNumberField("input_tokens", in);
    g.writeNumberField("output_tokens", out);
    g.writeNumberField("total_tokens", in + out);
    if (u.cachedInputTokens() != null) {
      g.writeObjectFieldStart("prompt_tokens_details");
      g.writeNumberField("cached_tokens", u.cachedInputTokens());
      g.writeEndObject();
    }
    if (u.reasoningTokens() != null) {
      g.writeObjectFieldStart("output_tokens_details");
      g.writeNumberField("reasoning_tokens", u.reasoningTokens());
      g.writeEndObject();
    }
    g.writeEndObject();
  }
}
