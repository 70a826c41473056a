package dev.switchboard.protocol.dashscope;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.openai.OpenAiUsage;
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

  private static final OpenAiUsage.Names NAMES = new OpenAiUsage.Names("input_tokens", "output_tokens",
      "output_tokens_details");

  /** DashScope's usage object: OpenAI's shape under DashScope's field names. */
  static void write(JsonGenerator g, Usage u) throws IOException { OpenAiUsage.encode(g, u, NAMES); }

}
