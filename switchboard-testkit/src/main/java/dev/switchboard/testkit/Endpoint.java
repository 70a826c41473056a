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
  GEMINI_EMBED(Protocol.GEMINI),
  /** POST /v1/moderations */
  OPENAI_MODERATIONS(Protocol.OPENAI),
  /** POST /v1/images/generations */
  OPENAI_IMAGES(Protocol.OPENAI),
  /** POST /v1/audio/transcriptions (multipart) */
  OPENAI_TRANSCRIPTIONS(Protocol.OPENAI),
  /** POST /v1/audio/translations (multipart) */
  OPENAI_TRANSLATIONS(Protocol.OPENAI),
  /** POST /v1/audio/speech (binary audio answer) */
  OPENAI_SPEECH(Protocol.OPENAI),
  /** POST /v2/rerank */
  COHERE_RERANK(Protocol.COHERE),
  /** POST /v2/embed */
  COHERE_EMBED(Protocol.COHERE),
  /** POST /jina/v1/rerank (Jina's /v1/rerank behind the fake's /jina prefix) */
  JINA_RERANK(Protocol.JINA),
  /** POST /jina/v1/embeddings */
  JINA_EMBEDDINGS(Protocol.JINA),
  /** POST /voyage/v1/rerank (Voyage's /v1/rerank behind the fake's /voyage prefix) */
  VOYAGE_RERANK(Protocol.VOYAGE),
  /** POST /voyage/v1/embeddings */
  VOYAGE_EMBEDDINGS(Protocol.VOYAGE),
  /** POST /api/v1/services/aigc/text-generation/generation (streams when X-DashScope-SSE: enable) */
  DASHSCOPE_GENERATION(Protocol.DASHSCOPE);

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
      case DASHSCOPE_PATH -> { return "POST".equals(method) ? DASHSCOPE_GENERATION : null; }
      default -> { }
    }
    Endpoint surface = switch (path) {
      case "/v1/moderations" -> OPENAI_MODERATIONS;
      case "/v1/images/generations" -> OPENAI_IMAGES;
      case "/v1/audio/transcriptions" -> OPENAI_TRANSCRIPTIONS;
      case "/v1/audio/translations" -> OPENAI_TRANSLATIONS;
      case "/v1/audio/speech" -> OPENAI_SPEECH;
      case "/v2/rerank" -> COHERE_RERANK;
      case "/v2/embed" -> COHERE_EMBED;
      case "/jina/v1/rerank" -> JINA_RERANK;
      case "/jina/v1/embeddings" -> JINA_EMBEDDINGS;
      case "/voyage/v1/rerank" -> VOYAGE_RERANK;
      case "/voyage/v1/embeddings" -> VOYAGE_EMBEDDINGS;
      default -> null;
    };
    if (surface != null) return "POST".equals(method) ? surface : null;
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
  static final String DASHSCOPE_PATH = "/api/v1/services/aigc/text-generation/generation";
}
