package dev.switchboard.provider;

import java.util.Locale;

/**
 * What a model can do; routing only sends a request to a model that has what the request needs.
 * {@link #RESPONSES}: the provider serves OpenAI's Responses API ({@code POST /responses}) for this model, so
 * Responses clients are passed through instead of translated to chat.
 */
public enum Capability {
  TOOLS, JSON, VISION, STREAMING, EMBEDDINGS, REASONING, RESPONSES, RERANK, MODERATION, IMAGE_GENERATION, TRANSCRIPTION,
  SPEECH;

  public String configName() { return name().toLowerCase(Locale.ROOT); }
}
