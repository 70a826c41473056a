package dev.switchboard.protocol.responses;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.Usage;
import java.io.IOException;

/**
 * The Responses usage object. Same convention as the canonical one: input_tokens includes cached tokens and
 * output_tokens includes reasoning tokens.
 */
final class ResponsesUsage {
  private ResponsesUsage() {}

  static Usage decode(JsonNode u) {
    if (u == null || !u.isObject()) return null;
    JsonNode in = u.path("input_tokens_details");
    return new Usage(Json.longOrNull(u.get("input_tokens")), Json.longOrNull(u.get("output_tokens")),
        Json.longOrNull(in.get("cached_tokens")), Json.longOrNull(in.get("cache_write_tokens")),
        Json.longOrNull(u.path("output_tokens_details").get("reasoning_tokens")), u);
  }

  /** The usage field; the details are required by the schema, so unknown counts are written as 0. */
  static void write(JsonGenerator g, Usage u) throws IOException {
    long in = nz(u.inputTokens());
    long out = nz(u.outputTokens());
    g.writeObjectFieldStart("usage");
    g.writeNumberField("input_tokens", in);
    g.writeObjectFieldStart("input_tokens_details");
    g.writeNumberField("cached_tokens", nz(u.cachedInputTokens()));
    g.writeNumberField("cache_write_tokens", nz(u.cacheWriteTokens()));
    g.writeEndObject();
    g.writeNumberField("output_tokens", out);
    g.writeObjectFieldStart("output_tokens_details");
    g.writeNumberField("reasoning_tokens", nz(u.reasoningTokens()));
    g.writeEndObject();
    g.writeNumberField("total_tokens", in + out);
    g.writeEndObject();
  }

  private static long nz(Long v) { return v == null ? 0 : v; }
}
