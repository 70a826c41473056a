package dev.switchboard.protocol.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.Embeddings;
import dev.switchboard.model.Rerank;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.RerankWire;
import dev.switchboard.protocol.openai.OpenAiJson;
import java.util.ArrayList;
import java.util.List;

/** Cohere's v2 API: {@code POST /v2/rerank} and {@code POST /v2/embed}. */
public final class CohereCodec {
  /** v3+ embedding models require an input type; OpenAI-shaped clients have none, and documents are the common case. */
  static final String DEFAULT_INPUT_TYPE = "search_document";

  private CohereCodec() {}

  /** v2 rerank has no return_documents: documents are filled back in from the request when asked for. */
  public static byte[] encodeRerank(Rerank.Request r, String upstreamModel) {
    return OpenAiJson.write(256, g -> {
      g.writeStartObject();
      g.writeStringField("model", upstreamModel);
      g.writeStringField("query", r.query());
      g.writeArrayFieldStart("documents");
      for (String d : r.documents()) g.writeString(d);
      g.writeEndArray();
      if (r.topN() != null) g.writeNumberField("top_n", r.topN());
      g.writeEndObject();
    });
  }

  public static Rerank.Response decodeRerank(Rerank.Request request, byte[] body) {
    JsonNode root = RerankWire.read(body);
    return new Rerank.Response(null, RerankWire.results(root.path("results"), request), usage(root.path("meta")));
  }

  public static byte[] encodeEmbed(Embeddings.Request r, String upstreamModel) {
    return OpenAiJson.write(256, g -> {
      g.writeStartObject();
      g.writeStringField("model", upstreamModel);
      g.writeArrayFieldStart("texts");
      for (String s : r.input()) g.writeString(s);
      g.writeEndArray();
      g.writeStringField("input_type", DEFAULT_INPUT_TYPE);
      g.writeArrayFieldStart("embedding_types");
      g.writeString("float");
      g.writeEndArray();
      if (r.dimensions() != null) g.writeNumberField("output_dimension", r.dimensions());
      g.writeEndObject();
    });
  }

  /** {@code embeddings.float} (v2, by type) or a bare array of arrays (v1 style, still sent by some deployments). */
  public static Embeddings.Response decodeEmbed(byte[] body) {
    JsonNode root = RerankWire.read(body);
    JsonNode embeddings = root.path("embeddings");
    JsonNode floats = embeddings.isArray() ? embeddings : embeddings.path("float");
    if (!floats.isArray()) throw new IllegalArgumentException("Cohere answer has no float embeddings");
    List<float[]> vectors = new ArrayList<>(floats.size());
    for (JsonNode e : floats) {
      float[] v = new float[e.size()];
      for (int j = 0; j < v.length; j++) v[j] = (float) e.get(j).doubleValue();
      vectors.add(v);
    }
    return new Embeddings.Response(null, vectors, usage(root.path("meta")));
  }

  /**
   * {@code meta.billed_units}: input_tokens (embed) or search_units (rerank, counted as the billed quantity in
   * input tokens' place since it is what the price applies to); {@code meta.tokens} when present.
   */
  static Usage usage(JsonNode meta) {
    JsonNode billed = meta.path("billed_units");
    JsonNode tokens = meta.path("tokens");
    Long in = longOrNull(tokens.get("input_tokens"));
    if (in == null) in = longOrNull(billed.get("input_tokens"));
    if (in == null) in = longOrNull(billed.get("search_units"));
    Long out = longOrNull(tokens.get("output_tokens"));
    if (in == null && out == null) return null;
    return new Usage(in, out, null, null, null, meta.isMissingNode() ? null : meta);
  }

  private static Long longOrNull(JsonNode n) { return n == null || !n.isNumber() ? null : n.longValue(); }
}
