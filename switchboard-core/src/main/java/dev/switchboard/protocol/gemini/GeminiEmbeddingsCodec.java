package dev.switchboard.protocol.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.Embeddings;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.json.CompactNodes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** batchEmbedContents: one EmbedContentRequest per input text; embeddings come back in request order. */
public final class GeminiEmbeddingsCodec {
  private GeminiEmbeddingsCodec() {}

  /** {@code upstreamModel} as configured ("gemini-embedding-001" or "models/gemini-embedding-001"). */
  public static byte[] encode(Embeddings.Request request, String upstreamModel) {
    try {
      return GeminiJson.MAPPER.writeValueAsBytes(toJson(request, upstreamModel));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise Gemini embeddings request", e);
    }
  }

  static ObjectNode toJson(Embeddings.Request request, String upstreamModel) {
    String model = upstreamModel.startsWith("models/") ? upstreamModel : "models/" + upstreamModel;
    ObjectNode root = CompactNodes.INSTANCE.objectNode();
    ArrayNode requests = root.putArray("requests");
    for (String text : request.input()) {
      ObjectNode r = requests.addObject().put("model", model);
      r.putObject("content").putArray("parts").addObject().put("text", text);
      if (request.dimensions() != null) r.put("outputDimensionality", request.dimensions());
    }
    return root;
  }

  /** The response names no model: {@code model} is left null for the caller, who knows what it asked for. */
  public static Embeddings.Response decode(byte[] body) {
    JsonNode root;
    try {
      root = GeminiJson.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("Gemini embeddings response is not valid JSON", e);
    }
    JsonNode embeddings = root == null ? null : root.get("embeddings");
    if (embeddings == null || !embeddings.isArray()) {
      throw new IllegalArgumentException("Gemini embeddings response has no 'embeddings' array");
    }
    List<float[]> vectors = new ArrayList<>(embeddings.size());
    for (int i = 0; i < embeddings.size(); i++) {
      JsonNode values = embeddings.get(i).get("values");
      if (values == null || !values.isArray()) {
        throw new IllegalArgumentException("Gemini embeddings response: embeddings[" + i + "].values is missing");
      }
      double[] x = new double[values.size()];
      for (int j = 0; j < x.length; j++) x[j] = values.get(j).asDouble();
      vectors.add(unitLength(x));
    }
    return new Embeddings.Response(null, vectors, usage(root.get("usageMetadata")));
  }

  /**
   * Only full-size (3072) Gemini vectors come normalised; reduced dimensions (768, 1536...) do not, and OpenAI
   * clients take a dot product for the cosine. A unit (or zero) vector is kept as it came.
   */
  static float[] unitLength(double[] x) {
    double sq = 0;
    for (double d : x) sq += d * d;
    double scale = sq > 0 && Math.abs(sq - 1) > 1e-6 ? 1 / Math.sqrt(sq) : 1;
    float[] v = new float[x.length];
    for (int j = 0; j < v.length; j++) v[j] = (float) (x[j] * scale);
    return v;
  }

  private static Usage usage(JsonNode meta) {
    if (meta == null || !meta.isObject()) return null;
    Long prompt = GeminiJson.longOrNull(meta, "promptTokenCount");
    return prompt == null ? null : new Usage(prompt, 0L, null, null, null, meta);
  }
}
