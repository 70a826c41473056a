package dev.switchboard.protocol.voyage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.Embeddings;
import dev.switchboard.model.Rerank;
import dev.switchboard.protocol.RerankWire;
import dev.switchboard.protocol.openai.OpenAiEmbeddingsCodec;
import dev.switchboard.protocol.openai.OpenAiJson;

/** Voyage AI: {@code POST /v1/embeddings} (OpenAI-like, {@code output_dimension}) and {@code POST /v1/rerank} ({@code top_k}, {@code data}). */
public final class VoyageCodec {
  private VoyageCodec() {}

  public static byte[] encodeRerank(Rerank.Request r, String upstreamModel) {
    return OpenAiJson.write(256, g -> {
      g.writeStartObject();
      g.writeStringField("query", r.query());
      g.writeArrayFieldStart("documents");
      for (String d : r.documents()) g.writeString(d);
      g.writeEndArray();
      g.writeStringField("model", upstreamModel);
      if (r.topN() != null) g.writeNumberField("top_k", r.topN());
      if (r.returnDocuments()) g.writeBooleanField("return_documents", true);
      g.writeEndObject();
    });
  }

  public static Rerank.Response decodeRerank(Rerank.Request request, byte[] body) {
    JsonNode root = RerankWire.read(body);
    return new Rerank.Response(root.path("model").asText(null), RerankWire.results(root.path("data"), request),
        RerankWire.totalTokens(root.get("usage")));
  }

  /** Voyage has no input_type default problem (null = generic) and takes {@code output_dimension}. */
  public static byte[] encodeEmbeddings(Embeddings.Request r, String upstreamModel) {
    return OpenAiJson.write(256, g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("input");
      for (String s : r.input()) g.writeString(s);
      g.writeEndArray();
      g.writeStringField("model", upstreamModel);
      if (r.dimensions() != null) g.writeNumberField("output_dimension", r.dimensions());
      g.writeEndObject();
    });
  }

  /** OpenAI's list shape with {@code usage.total_tokens} only. */
  public static Embeddings.Response decodeEmbeddings(byte[] body) {
    Embeddings.Response parsed = OpenAiEmbeddingsCodec.decodeResponse(body);
    if (parsed.usage() != null && parsed.usage().inputTokens() != null) return parsed;
    return new Embeddings.Response(parsed.model(), parsed.vectors(), RerankWire.totalTokens(RerankWire.read(body).get("usage")));
  }
}
