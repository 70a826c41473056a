package dev.switchboard.server.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.MediaUsage;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.openai.OpenAiJson;
import dev.switchboard.protocol.openai.OpenAiUsage;

/** What one upstream answer is billed for: token usage (null: none reported) and media (images, seconds of audio). */
public record Metered(Usage usage, MediaUsage media) {
  public static final Metered NONE = new Metered(null, MediaUsage.NONE);

  public Metered {
    if (media == null) media = MediaUsage.NONE;
  }

  /** Adds this answer to the exchange: a chain's steps add up. */
  void addTo(Exchange exchange) {
    if (usage != null) exchange.usage = plus(exchange.usage, usage);
    exchange.media = exchange.media.plus(media);
  }

  /** The answer's top-level usage only (moderations, and any JSON answer of an endpoint without media). */
  static Metered tokens(byte[] body) { return new Metered(usageOf(tree(body)), null); }

  /** The parsed answer, or null when it is not JSON after all. */
  static JsonNode tree(byte[] body) {
    try {
      return OpenAiJson.MAPPER.readTree(body);
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The answer's top-level {@code usage}: chat-style (prompt/completion tokens) or the images/audio/Anthropic style
   * (input/output tokens). A usage object without token counts (a transcription's {@code {"type":"duration",
   * "seconds":9}}) is kept as raw usage with no counts. Null when there is none.
   */
  static Usage usageOf(JsonNode root) {
    JsonNode u = root == null ? null : root.get("usage");
    if (u == null || !u.isObject()) return null;
    if (u.has("prompt_tokens") || u.has("completion_tokens")) return OpenAiUsage.decode(u);
    return new Usage(number(u.get("input_tokens")), number(u.get("output_tokens")),
        number(u.path("input_tokens_details").get("cached_tokens")), null, null, u);
  }

  /** Usage of chained steps adds up (a single step starts from {@link Usage#NONE}, so it is the step's own). */
  static Usage plus(Usage a, Usage b) {
    if (a == null || a.isEmpty()) return b;
    return new Usage(sum(a.inputTokens(), b.inputTokens()), sum(a.outputTokens(), b.outputTokens()),
        sum(a.cachedInputTokens(), b.cachedInputTokens()), sum(a.cacheWriteTokens(), b.cacheWriteTokens()),
        sum(a.reasoningTokens(), b.reasoningTokens()), b.raw() != null ? b.raw() : a.raw());
  }

  private static Long sum(Long a, Long b) {
    if (a == null) return b;
    if (b == null) return a;
    return a + b;
  }

  private static Long number(JsonNode n) { return n == null || !n.isNumber() ? null : n.longValue(); }
}
