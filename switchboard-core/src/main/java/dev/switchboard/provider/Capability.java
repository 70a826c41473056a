package dev.switchboard.provider;

import java.util.Locale;

/** What a model can do; routing only sends a request to a model that has what the request needs. */
public enum Capability {
  TOOLS, JSON, VISION, STREAMING, EMBEDDINGS, REASONING, RERANK, MODERATION, IMAGE_GENERATION, TRANSCRIPTION, SPEECH;

  public String configName() { return name().toLowerCase(Locale.ROOT); }
}
