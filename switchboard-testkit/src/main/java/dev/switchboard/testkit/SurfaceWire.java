package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Payloads of the rest of the surface as the API references show them: OpenAI moderations, images and audio;
 * Cohere v2 rerank/embed, Jina and Voyage rerank/embeddings. Deterministic (golden-file friendly).
 */
public final class SurfaceWire {
  /** The transcript every fake transcription returns. */
  public static final String TRANSCRIPT = "Hello from the fake transcription";
  /** The bytes every fake speech answer returns (an MP3 frame header, then text). */
  public static final String AUDIO = "ID3\u0003fake-mp3-audio-bytes";

  private SurfaceWire() {}

  public static ObjectNode moderation(String model, String input) {
    ObjectNode root = Json.object().put("id", "modr-fake0001").put("model", model);
    ObjectNode result = root.putArray("results").addObject().put("flagged", false);
    result.putObject("categories").put("harassment", false).put("hate", false).put("violence", false);
    result.putObject("category_scores").put("harassment", 0.0001).put("hate", 0.00002).put("violence", 0.0003);
    return root;
  }

  /** gpt-image-1 style: base64 data and token usage. */
  public static ObjectNode image(Tokens tokens) { return images(1, tokens); }

  /** gpt-image-1 style: {@code n} images as base64 data, and token usage (null: none, as dall-e answers). */
  public static ObjectNode images(int n, Tokens tokens) {
    ObjectNode root = Json.object().put("created", OpenAiWire.CREATED);
    ArrayNode data = root.putArray("data");
    for (int i = 0; i < n; i++) data.addObject().put("b64_json", "iVBORw0KGgo=");
    if (tokens == null) return root;
    ObjectNode usage = root.putObject("usage").put("input_tokens", tokens.input()).put("output_tokens", tokens.output())
        .put("total_tokens", tokens.input() + tokens.output());
    usage.putObject("input_tokens_details").put("text_tokens", tokens.input()).put("image_tokens", 0);
    return root;
  }

  /** whisper-1 verbose_json: the input audio's duration, and duration usage (whole seconds, rounded up). */
  public static ObjectNode verboseTranscription(String text, double duration) {
    ObjectNode root = Json.object().put("task", "transcribe").put("language", "english").put("duration", duration)
        .put("text", text);
    root.putArray("segments");
    root.putObject("usage").put("type", "duration").put("seconds", (long) Math.ceil(duration));
    return root;
  }

  /** gpt-4o-transcribe style JSON with token usage. */
  public static ObjectNode transcription(String text, Tokens tokens) {
    ObjectNode root = Json.object().put("text", text);
    root.putObject("usage").put("type", "tokens").put("input_tokens", tokens.input())
        .put("output_tokens", tokens.output()).put("total_tokens", tokens.input() + tokens.output());
    return root;
  }

  // ---- rerank: results for the last documents first, scores falling by 0.1 ------------------------------------

  public static ObjectNode cohereRerank(int documents, Integer topN) {
    ObjectNode root = Json.object();
    fill(root.putArray("results"), documents, topN, null);
    root.put("id", "07734bd2-2473-4f07-94e1-0d9f0e6843cf");
    ObjectNode meta = root.putObject("meta");
    meta.putObject("api_version").put("version", "2");
    meta.putObject("billed_units").put("search_units", 1);
    return root;
  }

  public static ObjectNode jinaRerank(String model, List<String> documents, Integer topN, boolean returnDocuments, long tokens) {
    ObjectNode root = Json.object().put("model", model);
    root.putObject("usage").put("total_tokens", tokens);
    fill(root.putArray("results"), documents.size(), topN, returnDocuments ? documents : null);
    return root;
  }

  public static ObjectNode voyageRerank(String model, int documents, Integer topK, long tokens) {
    ObjectNode root = Json.object().put("object", "list");
    fill(root.putArray("data"), documents, topK, null);
    root.put("model", model);
    root.putObject("usage").put("total_tokens", tokens);
    return root;
  }

  private static void fill(ArrayNode results, int documents, Integer top, List<String> texts) {
    int n = top == null ? documents : Math.min(top, documents);
    for (int i = 0; i < n; i++) {
      int index = documents - 1 - i;
      ObjectNode r = results.addObject().put("index", index).put("relevance_score", 0.9 - 0.1 * i);
      if (texts != null) r.putObject("document").put("text", texts.get(index));
    }
  }

  // ---- embeddings -----------------------------------------------------------------------------------------------

  public static ObjectNode cohereEmbed(List<String> texts, List<float[]> vectors, long tokens) {
    ObjectNode root = Json.object().put("id", "da6e531f-83be-41b8-9e7c-8b4e8d5d7f1c");
    ArrayNode floats = root.putObject("embeddings").putArray("float");
    for (float[] v : vectors) {
      ArrayNode a = floats.addArray();
      for (float f : v) a.add(f);
    }
    ArrayNode t = root.putArray("texts");
    texts.forEach(t::add);
    ObjectNode meta = root.putObject("meta");
    meta.putObject("api_version").put("version", "2");
    meta.putObject("billed_units").put("input_tokens", tokens);
    root.put("response_type", "embeddings_by_type");
    return root;
  }

  /** Voyage's list: OpenAI's shape with {@code usage.total_tokens} only. */
  public static ObjectNode voyageEmbeddings(String model, List<float[]> vectors, long tokens) {
    ObjectNode root = Json.object().put("object", "list");
    ArrayNode data = root.putArray("data");
    for (int i = 0; i < vectors.size(); i++) {
      ObjectNode item = data.addObject().put("object", "embedding");
      ArrayNode a = item.putArray("embedding");
      for (float f : vectors.get(i)) a.add(f);
      item.put("index", i);
    }
    root.put("model", model);
    root.putObject("usage").put("total_tokens", tokens);
    return root;
  }

  // ---- errors ---------------------------------------------------------------------------------------------------

  /** Cohere: {@code {"id", "message"}}. */
  public static ObjectNode cohereError(String message) {
    return Json.object().put("id", "2f0d6b2a-5f54-4a5c-9d57-1b8e3f7c6a11").put("message", message);
  }

  /** Jina and Voyage (FastAPI): {@code {"detail"}}. */
  public static ObjectNode detailError(String detail) { return Json.object().put("detail", detail); }

  static List<String> texts(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    if (array != null) array.forEach(d -> out.add(d.isTextual() ? d.textValue() : d.path("text").asText()));
    return out;
  }
}
