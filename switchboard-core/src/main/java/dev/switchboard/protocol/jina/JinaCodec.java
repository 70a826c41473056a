package dev.switchboard.protocol.jina;

import static dev.switchboard.protocol.openai.OpenAiJson.integer;
import static dev.switchboard.protocol.openai.OpenAiJson.text;
import static dev.switchboard.protocol.openai.OpenAiJson.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.Embeddings;
import dev.switchboard.model.Rerank;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.RerankWire;
import dev.switchboard.protocol.json.CompactNodes;
import dev.switchboard.protocol.openai.OpenAiEmbeddingsCodec;
import dev.switchboard.protocol.openai.OpenAiJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Jina AI's rerank and embeddings wire. Its rerank shape (Cohere-compatible: {@code query, documents, top_n,
 * return_documents} -> {@code results[index, relevance_score, document.text]}) is also the gateway's client shape
 * on {@code POST /v1/rerank}, so this codec serves both directions.
 */
public final class JinaCodec {
  /** Client bodies are read whole: trailing content is malformed JSON, not ignored. */
  private static final ObjectReader WHOLE_BODY = CompactNodes.wholeBodyReader(OpenAiJson.MAPPER);

  private JinaCodec() {}

  // ---- client side (POST /v1/rerank) ------------------------------------------------------------------------------

  public static Rerank.Request decodeClientRerank(byte[] body) {
    JsonNode root;
    try {
      root = WHOLE_BODY.readTree(body);
    } catch (IOException e) {
      throw new GatewayException(GatewayError.of(ErrorKey.INVALID_JSON, "The request body is not valid JSON"));
    }
    if (root == null || !root.isObject()) {
      throw new GatewayException(GatewayError.of(ErrorKey.INVALID_JSON, "The request body must be a JSON object"));
    }
    String model = text(root, "model", "model", true);
    String query = text(root, "query", "query", true);
    JsonNode docs = root.get("documents");
    if (docs == null || docs.isNull()) throw GatewayException.invalid("documents", "'documents' is required");
    if (!docs.isArray()) throw wrongType("documents", "an array of strings or {\"text\": ...} objects", docs);
    if (docs.isEmpty()) throw GatewayException.invalid("documents", "'documents' must not be empty");
    List<String> documents = new ArrayList<>(docs.size());
    for (int i = 0; i < docs.size(); i++) {
      JsonNode d = docs.get(i);
      if (d.isTextual()) documents.add(d.textValue());
      else if (d.isObject() && d.path("text").isTextual()) documents.add(d.get("text").textValue());
      else throw wrongType("documents[" + i + "]", "a string or an object with a string 'text'", d);
    }
    Integer topN = integer(root, "top_n", "top_n");
    if (topN != null && topN < 1) throw GatewayException.invalid("top_n", "'top_n' must be at least 1");
    JsonNode ret = root.get("return_documents");
    if (ret != null && !ret.isNull() && !ret.isBoolean()) throw wrongType("return_documents", "a boolean", ret);
    return new Rerank.Request(model, query, documents, topN, ret != null && ret.asBoolean(false));
  }

  public static byte[] encodeClientRerank(Rerank.Response r, String model) {
    return OpenAiJson.write(128 + r.results().size() * 64, g -> {
      g.writeStartObject();
      g.writeStringField("model", model);
      g.writeArrayFieldStart("results");
      for (Rerank.Result res : r.results()) {
        g.writeStartObject();
        g.writeNumberField("index", res.index());
        g.writeNumberField("relevance_score", res.relevanceScore());
        if (res.document() != null) {
          g.writeObjectFieldStart("document");
          g.writeStringField("text", res.document());
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      Long total = r.usage() == null ? null : r.usage().inputTokens();
      if (total != null) {
        g.writeObjectFieldStart("usage");
        g.writeNumberField("total_tokens", total);
        g.writeEndObject();
      }
      g.writeEndObject();
    });
  }

  // ---- upstream side (https://api.jina.ai/v1) ---------------------------------------------------------------------

  /** POST /v1/rerank; documents are sent as plain strings. */
  public static byte[] encodeRerank(Rerank.Request r, String upstreamModel) {
    return OpenAiJson.write(256, g -> {
      g.writeStartObject();
      g.writeStringField("model", upstreamModel);
      g.writeStringField("query", r.query());
      g.writeArrayFieldStart("documents");
      for (String d : r.documents()) g.writeString(d);
      g.writeEndArray();
      if (r.topN() != null) g.writeNumberField("top_n", r.topN());
      g.writeBooleanField("return_documents", r.returnDocuments());
      g.writeEndObject();
    });
  }

  public static Rerank.Response decodeRerank(Rerank.Request request, byte[] body) {
    JsonNode root = RerankWire.read(body);
    Usage usage = RerankWire.totalTokens(root.get("usage"));
    return new Rerank.Response(root.path("model").asText(null), RerankWire.results(root.path("results"), request), usage);
  }

  /** POST /v1/embeddings: OpenAI's shape plus {@code embedding_type}; always asks for floats. */
  public static byte[] encodeEmbeddings(Embeddings.Request r, String upstreamModel) {
    return OpenAiJson.write(256, g -> {
      g.writeStartObject();
      g.writeStringField("model", upstreamModel);
      g.writeArrayFieldStart("input");
      for (String s : r.input()) g.writeString(s);
      g.writeEndArray();
      if (r.dimensions() != null) g.writeNumberField("dimensions", r.dimensions());
      g.writeStringField("embedding_type", "float");
      g.writeEndObject();
    });
  }

  /** Jina answers in OpenAI's embeddings shape ({@code usage.prompt_tokens} and {@code total_tokens}). */
  public static Embeddings.Response decodeEmbeddings(byte[] body) { return OpenAiEmbeddingsCodec.decodeResponse(body); }
}
