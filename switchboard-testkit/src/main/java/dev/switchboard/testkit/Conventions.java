package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.provider.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Replies chosen by model name when nothing is scripted (after TensorZero's dummy provider): {@code slow-<ms>},
 * {@code status-<code>}, {@code status-<code>-retry-after-<s>}, {@code cut-after-<n>}, {@code stall-after-<n>},
 * {@code bad-key}; anything else gets a normal answer.
 */
final class Conventions {
  static final String DEFAULT_MODEL = "fake-model";

  private Conventions() {}

  static Reply reply(ReceivedRequest request) {
    Endpoint endpoint = request.endpoint();
    String model = request.model();
    if (model == null) model = DEFAULT_MODEL;
    if (model.equals("bad-key")) return authError(endpoint.protocol());
    if (model.startsWith("status-")) {
      Reply error = statusReply(endpoint, model);
      if (error != null) return error;
    }
    Integer slow = suffixNumber(model, "slow-");
    if (slow != null) return answer(request, model).withHeadersDelay(Duration.ofMillis(slow));
    Integer cut = suffixNumber(model, "cut-after-");
    if (cut != null) return answer(request, model).cutAfter(cut);
    Integer stall = suffixNumber(model, "stall-after-");
    if (stall != null) return answer(request, model).stallAfter(stall);
    return answer(request, model);
  }

  /** {@code status-<code>} or {@code status-<code>-retry-after-<s>}; null when the name does not parse. */
  private static Reply statusReply(Endpoint endpoint, String model) {
    String rest = model.substring("status-".length());
    int retry = rest.indexOf("-retry-after-");
    Integer code = number(retry < 0 ? rest : rest.substring(0, retry));
    if (code == null || code < 400 || code > 599) return null;
    Reply reply = error(endpoint, code, model);
    if (retry >= 0) {
      Integer seconds = number(rest.substring(retry + "-retry-after-".length()));
      if (seconds == null) return null;
      reply = reply.withHeader("Retry-After", Integer.toString(seconds));
    }
    return reply;
  }

  /** The wire's error reply for a status. */
  static Reply error(Endpoint endpoint, int status, String model) {
    return switch (endpoint.protocol()) {
      case OPENAI -> Reply.json(status, OpenAiWire.errorFor(status, model)).withHeader("x-request-id", OpenAiWire.REQUEST_ID);
      case ANTHROPIC -> Reply.json(status, AnthropicWire.errorFor(status)).withHeader("request-id", AnthropicWire.REQUEST_ID);
      case GEMINI -> Reply.json(status, GeminiWire.errorFor(status, model));
      case COHERE -> Reply.json(status, SurfaceWire.cohereError("status " + status + " for " + model));
      case JINA, VOYAGE -> Reply.json(status, SurfaceWire.detailError("status " + status + " for " + model));
      case DASHSCOPE -> Reply.json(status, DashScopeWire.errorFor(status, model));
    };
  }

  /** The wire's reply to a wrong API key: 401 for OpenAI and Anthropic, Gemini's real 400 API_KEY_INVALID. */
  static Reply authError(Protocol protocol) {
    return switch (protocol) {
      case OPENAI -> Reply.json(401, OpenAiWire.errorFor(401, DEFAULT_MODEL));
      case ANTHROPIC -> Reply.json(401, AnthropicWire.errorFor(401)).withHeader("request-id", AnthropicWire.REQUEST_ID);
      case GEMINI -> Reply.json(400, GeminiWire.invalidApiKey());
      case COHERE -> Reply.json(401, SurfaceWire.cohereError("invalid api token"));
      case JINA, VOYAGE -> Reply.json(401, SurfaceWire.detailError("Provided API key is invalid."));
      case DASHSCOPE -> Reply.json(401, DashScopeWire.errorFor(401, DEFAULT_MODEL));
    };
  }

  /** 400 in the endpoint's wire with a message naming what was wrong. */
  static Reply badRequest(Endpoint endpoint, String message) {
    return switch (endpoint.protocol()) {
      case OPENAI -> Reply.json(400, OpenAiWire.error(message, "invalid_request_error", null, null));
      case ANTHROPIC -> Reply.json(400, AnthropicWire.error("invalid_request_error", message));
      case GEMINI -> Reply.json(400, GeminiWire.error(400, message, "INVALID_ARGUMENT"));
      case COHERE -> Reply.json(400, SurfaceWire.cohereError(message));
      case JINA, VOYAGE -> Reply.json(400, SurfaceWire.detailError(message));
      case DASHSCOPE -> Reply.json(400, DashScopeWire.error("InvalidParameter", message));
    };
  }

  /** 404 for a path the fake does not serve, in the wire suggested by the path prefix. */
  static Reply unknownPath(String path) {
    if (path.startsWith("/v1beta/")) return Reply.json(404, GeminiWire.error(404, "Not found: " + path, "NOT_FOUND"));
    return Reply.json(404, OpenAiWire.error("Invalid URL (" + path + ")", "invalid_request_error", null, null));
  }

  /** The normal answer: the default text and usage in the endpoint's wire, streamed when the request asks. */
  static Reply answer(ReceivedRequest request, String model) {
    Endpoint endpoint = request.endpoint();
    Tokens usage = FakeUpstream.DEFAULT_USAGE;
    String text = FakeUpstream.defaultText(endpoint.protocol());
    return switch (endpoint) {
      case OPENAI_CHAT -> {
        JsonNode body = request.bodyJson();
        if (!body.path("stream").asBoolean(false)) {
          yield Reply.json(OpenAiWire.chatCompletion(model, text, usage)).withHeader("x-request-id", OpenAiWire.REQUEST_ID);
        }
        boolean withUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        yield Reply.sse(OpenAiWire.streamText(model, words(text), withUsage ? usage : null))
            .withHeader("x-request-id", OpenAiWire.REQUEST_ID);
      }
      case OPENAI_EMBEDDINGS -> {
        int n = openAiInputCount(request.bodyJson().get("input"));
        yield Reply.json(OpenAiWire.embeddings(model, vectors(n), 2 * n));
      }
      case OPENAI_RESPONSES -> {
        Reply reply = request.bodyJson().path("stream").asBoolean(false)
            ? Reply.sse(ResponsesWire.streamText(model, words(text), usage))
            : Reply.json(ResponsesWire.response(model, text, usage));
        yield reply.withHeader("x-request-id", OpenAiWire.REQUEST_ID);
      }
      case OPENAI_MODELS -> Reply.json(OpenAiWire.models(List.of(DEFAULT_MODEL, "fake-embedding")));
      case ANTHROPIC_MESSAGES -> {
        Reply reply = request.bodyJson().path("stream").asBoolean(false)
            ? Reply.sse(AnthropicWire.streamText(model, words(text), usage))
            : Reply.json(AnthropicWire.message(model, text, usage));
        yield reply.withHeader("request-id", AnthropicWire.REQUEST_ID);
      }
      case GEMINI_GENERATE -> Reply.json(GeminiWire.generateContent(model, text, usage));
      case GEMINI_STREAM -> "sse".equals(request.queryParam("alt"))
          ? Reply.sse("text/event-stream", GeminiWire.streamText(model, words(text), usage))
          : Reply.json(GeminiWire.streamArray(model, words(text), usage)); // without alt=sse Gemini streams a JSON array
      case GEMINI_EMBED -> Reply.json(GeminiWire.batchEmbedContents(vectors(request.bodyJson().path("requests").size())));
      case OPENAI_MODERATIONS -> Reply.json(SurfaceWire.moderation(model, request.bodyJson().path("input").asText()));
      case OPENAI_IMAGES -> Reply.json(SurfaceWire.images(Math.max(1, request.bodyJson().path("n").asInt(1)), usage));
      case OPENAI_TRANSCRIPTIONS -> Reply.json(SurfaceWire.transcription(SurfaceWire.TRANSCRIPT, usage));
      case OPENAI_TRANSLATIONS -> Reply.json(Json.object().put("text", SurfaceWire.TRANSCRIPT)); // no usage, as whisper-1
      case OPENAI_SPEECH -> Reply.text(200, "audio/mpeg", SurfaceWire.AUDIO);
      case COHERE_RERANK -> {
        JsonNode body = request.bodyJson();
        yield Reply.json(SurfaceWire.cohereRerank(body.path("documents").size(), intOrNull(body.get("top_n"))));
      }
      case COHERE_EMBED -> {
        List<String> texts = SurfaceWire.texts(request.bodyJson().get("texts"));
        yield Reply.json(SurfaceWire.cohereEmbed(texts, vectors(texts.size()), 2L * texts.size()));
      }
      case JINA_RERANK -> {
        JsonNode body = request.bodyJson();
        yield Reply.json(SurfaceWire.jinaRerank(model, SurfaceWire.texts(body.get("documents")), intOrNull(body.get("top_n")),
            body.path("return_documents").asBoolean(false), usage.input()));
      }
      case JINA_EMBEDDINGS -> {
        int n = openAiInputCount(request.bodyJson().get("input"));
        yield Reply.json(OpenAiWire.embeddings(model, vectors(n), 2 * n));
      }
      case VOYAGE_RERANK -> {
        JsonNode body = request.bodyJson();
        yield Reply.json(SurfaceWire.voyageRerank(model, body.path("documents").size(), intOrNull(body.get("top_k")), usage.input()));
      }
      case VOYAGE_EMBEDDINGS -> {
        int n = openAiInputCount(request.bodyJson().get("input"));
        yield Reply.json(SurfaceWire.voyageEmbeddings(model, vectors(n), 2L * n));
      }
      case DASHSCOPE_GENERATION -> dashScope(request, text, usage);
    };
  }

  /**
   * DashScope answers in the requested result_format (text unless "message"); it streams when the request has
   * {@code X-DashScope-SSE: enable}, deltas with incremental_output true, else the text so far in every event.
   */
  private static Reply dashScope(ReceivedRequest request, String text, Tokens usage) {
    JsonNode params = request.bodyJson().path("parameters");
    boolean message = "message".equals(params.path("result_format").asText(""));
    if (!"enable".equalsIgnoreCase(request.header("X-DashScope-SSE"))) {
      return Reply.json(message ? DashScopeWire.generation(text, usage) : DashScopeWire.generationText(text, usage));
    }
    boolean incremental = params.path("incremental_output").asBoolean(false);
    return Reply.sse("text/event-stream;charset=UTF-8", message ? DashScopeWire.streamText(words(text), usage, incremental)
        : DashScopeWire.streamPlainText(words(text), usage, incremental));
  }

  /** "Hello from x fake" → ["Hello", " from", " x", " fake"]: one stream delta per word. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 1; i < text.length(); i++) {
      if (text.charAt(i) == ' ') { out.add(text.substring(start, i)); start = i; }
    }
    out.add(text.substring(start));
    return out;
  }

  /** Deterministic vectors: the first component tells inputs apart. */
  static List<float[]> vectors(int n) {
    List<float[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(new float[] {0.25f * (i + 1), 0.5f, -0.5f, 0.125f});
    return out;
  }

  /** OpenAI input: a string, an array of strings, a token array (one input) or an array of token arrays. */
  private static int openAiInputCount(JsonNode input) {
    if (input == null || input.isNull()) return 0;
    if (!input.isArray()) return 1;
    if (!input.isEmpty() && input.get(0).isNumber()) return 1;
    return input.size();
  }

  private static Integer intOrNull(JsonNode n) { return n == null || !n.isInt() ? null : n.intValue(); }

  private static Integer suffixNumber(String model, String prefix) {
    return model.startsWith(prefix) ? number(model.substring(prefix.length())) : null;
  }

  private static Integer number(String digits) {
    if (digits.isEmpty() || digits.length() > 9) return null;
    for (int i = 0; i < digits.length(); i++) if (!Character.isDigit(digits.charAt(i))) return null;
    return Integer.parseInt(digits);
  }
}
