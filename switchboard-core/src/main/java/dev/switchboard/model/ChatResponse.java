package dev.switchboard.model;

import java.util.List;

/** The canonical (non-streaming) answer: one choice, as the gateway serves n=1. */
public record ChatResponse(String id, String model, long created, List<ContentBlock> content,
                           FinishReason finishReason, String stopSequence, Usage usage) {
  public ChatResponse {
    content = List.copyOf(content);
    usage = usage == null ? Usage.NONE : usage;
  }

  public ChatResponse withModel(String newModel) {
    return new ChatResponse(id, newModel, created, content, finishReason, stopSequence, usage);
  }
}
