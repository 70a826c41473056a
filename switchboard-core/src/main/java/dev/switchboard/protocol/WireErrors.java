package dev.switchboard.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.protocol.openai.OpenAiErrors;
import dev.switchboard.protocol.openai.OpenAiJson;

/**
 * Error bodies of the embeddings/rerank vendors: Cohere {@code {"message"}}, Jina and Voyage FastAPI-style
 * {@code {"detail"}} (a string, or a list of validation problems), else OpenAI's shape.
 */
public final class WireErrors {
  private WireErrors() {}

  public static UpstreamError parse(int status, byte[] body) {
    try {
      JsonNode root = OpenAiJson.MAPPER.readTree(body);
      JsonNode detail = root == null ? null : root.get("detail");
      if (detail != null && detail.isTextual()) return new UpstreamError(status, null, null, detail.textValue());
      if (detail != null && detail.isArray() && !detail.isEmpty()) {
        JsonNode first = detail.get(0);
        String msg = first.path("msg").asText(first.toString());
        JsonNode loc = first.get("loc");
        return new UpstreamError(status, null, null, loc == null ? msg : msg + " (at " + loc + ")");
      }
    } catch (java.io.IOException | RuntimeException ignored) {
      // not JSON: OpenAiErrors keeps a prefix of the raw body
    }
    return OpenAiErrors.parse(status, body);
  }
}
