package dev.switchboard.model;

import java.util.List;

/**
 * The canonical (non-streaming) answer: one choice, as the gateway serves n=1. {@code logprobs} holds the answer's
 * token log probabilities when the upstream reported them, else null; {@code extras} the upstream's fields without a
 * canonical slot, for a client of the same wire (null when there were none).
 */
public record ChatResponse(String id, String model, long created, List<ContentBlock> content,
                           FinishReason finishReason, String stopSequence, Usage usage, List<TokenLogprob> logprobs,
                           WireExtras extras) {
  public ChatResponse {
    content = List.copyOf(content);
    usage = usage == null ? Usage.NONE : usage;
    logprobs = logprobs == null ? null : List.copyOf(logprobs);
  }

  /** An answer with nothing beyond the canonical fields but its log probabilities. */
  public ChatResponse(String id, String model, long created, List<ContentBlock> content, FinishReason finishReason,
                      String stopSequence, Usage usage, List<TokenLogprob> logprobs) {
    this(id, model, created, content, finishReason, stopSequence, usage, logprobs, null);
  }

  /** An answer without log probabilities. */
  public ChatResponse(String id, String model, long created, List<ContentBlock> content, FinishReason finishReason,
                      String stopSequence, Usage usage) {
    this(id, model, created, content, finishReason, stopSequence, usage, null, null);
  }

  public ChatResponse withModel(String newModel) {
    return new ChatResponse(id, newModel, created, content, finishReason, stopSequence, usage, logprobs, extras);
  }
}
