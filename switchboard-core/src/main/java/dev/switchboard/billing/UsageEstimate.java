package dev.switchboard.billing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.Usage;
import dev.switchboard.routing.PromptTokens;
import java.util.List;

/**
 * Usage for an answer whose upstream reported none (an OpenAI-compatible server that ignores
 * {@code stream_options.include_usage}, a stream cut or cancelled before its usage event): metered as zero it would
 * go unbilled while the provider bills it. The prompt is counted with o200k; the output with o200k when whole
 * (non-streaming), else from the characters relayed (see {@link #streamedQuarterTokens}). The raw usage says it is
 * an estimate, so every such charge can be told from a reported one in its row.
 */
public final class UsageEstimate {
  private static final ObjectNode RAW = JsonNodeFactory.instance.objectNode();

  private UsageEstimate() {}

  /** Whether the upstream reported both input and output tokens (nothing to estimate). */
  public static boolean isComplete(Usage usage) { return usage.inputTokens() != null && usage.outputTokens() != null; }

  /** Fills what the upstream left out; usage that was reported (even partly) is kept as it is. */
  public static Usage complete(Usage reported, ChatRequest request, long outputTokens) {
    if (isComplete(reported)) return reported;
    Long input = reported.inputTokens() != null ? reported.inputTokens() : (long) PromptTokens.count(request);
    Long output = reported.outputTokens() != null ? reported.outputTokens() : outputTokens;
    return new Usage(input, output, reported.cachedInputTokens(), reported.cacheWriteTokens(),
        reported.reasoningTokens(), marked(reported));
  }

  /** The provider's raw usage (a copy) with {@code "switchboard": {"usage_estimated": true}}. */
  private static ObjectNode marked(Usage reported) {
    ObjectNode raw = reported.raw() instanceof ObjectNode o ? o.deepCopy() : RAW.deepCopy();
    raw.putObject("switchboard").put("usage_estimated", true);
    return raw;
  }

  /** Embeddings usage with the inputs' o200k tokens when the upstream reported none (Gemini's batch calls). */
  public static Usage ofInputs(Usage reported, List<String> inputs) {
    if (reported.inputTokens() != null) return reported;
    return new Usage(PromptTokens.countTexts(inputs), reported.outputTokens(), reported.cachedInputTokens(),
        reported.cacheWriteTokens(), reported.reasoningTokens(), marked(reported));
  }

  /** The o200k tokens of a whole answer's content. */
  public static long outputTokens(List<ContentBlock> content) { return PromptTokens.countContent(content); }

  /**
   * A stream's output without keeping its text: o200k averages about four ASCII characters per token and a little
   * over one per other character (CJK, accented words split into byte pieces), so ASCII counts 1 and the rest 3, in
   * quarter tokens. Cheap enough for every delta of every stream.
   */
  public static long streamedQuarterTokens(String text) {
    if (text == null) return 0;
    long q = 0;
    for (int i = 0; i < text.length(); i++) q += text.charAt(i) < 0x80 ? 1 : 3;
    return q;
  }

  /** Quarter tokens as tokens, rounded up. */
  public static long tokensOfQuarters(long quarters) { return (quarters + 3) / 4; }
}
