package dev.switchboard.routing;

import dev.switchboard.config.ModelConfig;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ResponseFormat;
import dev.switchboard.provider.Capability;
import dev.switchboard.provider.Protocol;

/**
 * What a request needs from a model. The prompt's token count is computed at most once, and only when a candidate's
 * context window is smaller than the prompt's cheap upper bound.
 */
public final class Needs {
  /** Embeddings and tests: no requirement. */
  public static final Needs NONE = new Needs(null, false, false, false, false, 0);

  private final ChatRequest request;
  private final boolean tools;
  private final boolean json;
  private final boolean vision;
  private final boolean reasoning;
  private final int maxTokens;
  private long upperBound = -1;
  private int promptTokens = -1;

  private Needs(ChatRequest request, boolean tools, boolean json, boolean vision, boolean reasoning, int maxTokens) {
    this.request = request;
    this.tools = tools;
    this.json = json;
    this.vision = vision;
    this.reasoning = reasoning;
    this.maxTokens = maxTokens;
  }

  public static Needs of(ChatRequest r) {
    ResponseFormat f = r.responseFormat();
    boolean json = f != null && f.type() != ResponseFormat.Type.TEXT;
    return new Needs(r, !r.tools().isEmpty(), json, r.hasImages(), r.reasoning() != null,
        r.maxTokens() == null ? 0 : r.maxTokens());
  }

  /** Prompt tokens (tokenizes on first call). */
  public int promptTokens() {
    if (promptTokens < 0) promptTokens = request == null ? 0 : PromptTokens.count(request);
    return promptTokens;
  }

  /**
   * Why {@code m} cannot serve this request, or null when it can. {@code pinned}: the client named the model, so
   * reasoning parameters are its business. A pinned model with no catalog data (a pass-through id) is not
   * second-guessed; in a pool or "auto" such a model only serves requests that need nothing special.
   */
  public String unmet(ModelConfig m, Protocol protocol, boolean pinned) {
    if (request == null) return null;
    boolean described = !m.capabilities().isEmpty() || m.contextWindow() != null;
    if (described || !pinned) {
      if (tools && !m.has(Capability.TOOLS)) return "no capability: tools";
      // The Anthropic wire has no JSON mode; the gateway emulates it with a forced tool, so tools suffice there.
      boolean jsonOk = m.has(Capability.JSON) || (protocol == Protocol.ANTHROPIC && m.has(Capability.TOOLS));
      if (json && !jsonOk) return "no capability: json mode (response_format)";
      if (vision && !m.has(Capability.VISION)) return "no capability: vision (image input)";
      if (reasoning && !pinned && !m.has(Capability.REASONING)) return "no capability: reasoning";
    }
    Integer window = m.contextWindow();
    if (window != null) {
      if (upperBound < 0) upperBound = PromptTokens.upperBound(request);
      if (upperBound + maxTokens > window) {
        int prompt = promptTokens();
        if ((long) prompt + maxTokens > window) {
          return "context too small: " + prompt + " prompt tokens" + (maxTokens > 0 ? " + " + maxTokens + " max_tokens" : "")
              + " > " + window + " context window";
        }
      }
    }
    return null;
  }
}
