package dev.switchboard.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.Rerank;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.openai.OpenAiJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** What the rerank wires share: results as {@code [{index, relevance_score, document?}]} under a vendor-named array. */
public final class RerankWire {
  private RerankWire() {}

  public static JsonNode read(byte[] body) {
    try {
      JsonNode root = OpenAiJson.MAPPER.readTree(body);
      if (root == null || !root.isObject()) throw new IllegalArgumentException("upstream answer is not a JSON object");
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException("upstream answered with invalid JSON", e);
    }
  }

  /**
   * Results from {@code array}; a document the wire left out is filled from the request when the client asked for
   * documents (Cohere v2 never returns them).
   */
  public static List<Rerank.Result> results(JsonNode array, Rerank.Request request) {
    if (!array.isArray()) throw new IllegalArgumentException("rerank answer has no result list");
    List<Rerank.Result> out = new ArrayList<>(array.size());
    for (JsonNode r : array) {
      int index = r.path("index").asInt(-1);
      if (index < 0 || index >= request.documents().size()) {
        throw new IllegalArgumentException("rerank result index out of range: " + r.path("index"));
      }
      String doc = null;
      if (request.returnDocuments()) {
        JsonNode d = r.get("document");
        doc = d == null || d.isNull() ? request.documents().get(index) : d.isTextual() ? d.textValue() : d.path("text").asText(request.documents().get(index));
      }
      out.add(new Rerank.Result(index, r.path("relevance_score").asDouble(), doc));
    }
    return out;
  }

  /** {@code usage.total_tokens} (Jina, Voyage) as input tokens; null when absent. */
  public static Usage totalTokens(JsonNode usage) {
    if (usage == null || !usage.isObject()) return null;
    JsonNode total = usage.get("total_tokens");
    return total == null || !total.isNumber() ? null : new Usage(total.longValue(), null, null, null, null, usage);
  }

  static String text(JsonNode n) { return n == null || !n.isTextual() ? null : n.textValue(); }
}
