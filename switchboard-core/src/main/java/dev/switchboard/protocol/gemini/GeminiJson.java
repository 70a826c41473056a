package dev.switchboard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.protocol.json.CompactNodes;
import java.util.UUID;

/** The codec's one shared mapper and small helpers shared by its classes. */
final class GeminiJson {
  static final ObjectMapper MAPPER = CompactNodes.mapper();

  private static final String GENERATED_CALL_PREFIX = "call_";

  private GeminiJson() {}

  /** Gemini (unlike OpenAI) often sends function calls without an id: we name them by position, stably. */
  static String generatedCallId(int index) { return GENERATED_CALL_PREFIX + index; }

  /** True for ids we made up with {@link #generatedCallId}: those are not sent back as Gemini ids. */
  static boolean isGeneratedCallId(String id) {
    if (id == null || id.length() <= GENERATED_CALL_PREFIX.length() || !id.startsWith(GENERATED_CALL_PREFIX)) return false;
    for (int i = GENERATED_CALL_PREFIX.length(); i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  /** Gemini responses may lack a responseId; canonical responses always carry one. */
  static String generatedResponseId() { return "gemini-" + UUID.randomUUID(); }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static Long longOrNull(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isNumber() ? null : v.asLong();
  }
}
