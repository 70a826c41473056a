package dev.switchboard.provider;

import java.util.Locale;

/** The wire protocol an upstream speaks. Config names are the lower-case constant names. */
public enum Protocol {
  OPENAI, ANTHROPIC, GEMINI, DASHSCOPE,
  /** Cohere v2 (embed, rerank): embeddings and rerank only. */
  COHERE,
  /** Jina AI (embeddings, rerank): embeddings and rerank only. */
  JINA,
  /** Voyage AI (embeddings, rerank): embeddings and rerank only. */
  VOYAGE;

  public String configName() { return name().toLowerCase(Locale.ROOT); }
}
