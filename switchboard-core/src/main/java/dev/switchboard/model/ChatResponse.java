package dev.switchboard.model;

import java.util.List;

/**
 * The canonical (non-streaming) answer: one choice, as the gateway serves n=1. {@code logprobs} holds the answer's
 * token log probabilities when the upstream reported them, else null.
 */
public record ChatResponse(String id, String model, long created, List<ContentBlock> content,
                           FinishReason finishReason, String stopSequence, Usage usage, List<TokenLogprob> logprobs) {
  public ChatResponse {
    content = List.copyOf(content);
    usage = usage == null ? Usage.NONE : usage;
    logprobs = logprobs == null ? null : List.copyOf(logprobs);
  }

  /** An answer without log probabilities. */
  public ChatResponse(String id, String model, long created, List<ContentBlock> content, FinishReason finishReason,
                      String stopSequence, Usage usage) {
    this(id, model, created, content, finishReason, stopSequence, usage, null);
  }

  public ChatResponse withModel(String newModel) {
    return new ChatResponse(id, newModel, created, content, finishReason, stopSequence, usage, logprobs);
  }
}
