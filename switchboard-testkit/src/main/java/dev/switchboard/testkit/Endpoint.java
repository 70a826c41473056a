package dev.switchboard.testkit;

import dev.switchboard.provider.Protocol;

/** The upstream operations a {@link FakeUpstream} serves, each on its provider's real path. */
public enum Endpoint {
  /** POST /v1/chat/completions */
  OPENAI_CHAT(Protocol.OPENAI),
  /** POST /v1/embeddings */
  OPENAI_EMBEDDINGS(Protocol.OPENAI),
  /** POST /v1/responses (OpenAI's Responses API) */
  OPENAI_RESPONSES(Protocol.OPENAI),
  /** GET /v1/models */
  OPENAI_MODELS(Protocol.OPENAI),
  /** POST /v1/messages */
  ANTHROPIC_MESSAGES(Protocol.ANTHROPIC),
  /** POST /v1beta/models/{model}:generateContent */
  GEMINI_GENERATE(Protocol.GEMINI),
  /** POST /v1beta/models/{model}:streamGenerateContent?alt=sse */
  GEMINI_STREAM(Protocol.GEMINI),
  /** POST /v1beta/models/{model}:batchEmbedContents */
  GEMINI_EMBED(Protocol.GEMINI);

  private final Protocol protocol;

  Endpoint(Protocol protocol) { this.protocol = protocol; }

  public Protocol protocol() { return protocol; }

  /** The endpoint for a method and path, or null when the fake does not serve it. */
  static Endpoint match(String method, String path) {
    switch (path) {
      case "/v1/chat/completions" -> { return "POST".equals(method) ? OPENAI_CHAT : null; }
      case "/v1/embeddings" -> { return "POST".equals(method) ? OPENAI_EMBEDDINGS : null; }
      case "/v1/responses" -> { return "POST".equals(method) ? OPENAI_RESPONSES : null; }
      case "/v1/models" -> { return "GET".equals(method) ? OPENAI_MODELS : null; }
      case "/v1/messages" -> { return "POST".equals(method) ? ANTHROPIC_MESSAGES : null; }
      default -> { }
    }
    if (!"POST".equals(method) || !path.startsWith(GEMINI_MODELS)) return null;
    int colon = path.lastIndexOf(':');
    if (colon <= GEMINI_MODELS.length()) return null;
    return switch (path.substring(colon + 1)) {
      case "generateContent" -> GEMINI_GENERATE;
      case "streamGenerateContent" -> GEMINI_STREAM;
      case "batchEmbedContents" -> GEMINI_EMBED;
      default -> null;
    };
  }

  static final String GEMINI_MODELS = "/v1beta/models/";
}
