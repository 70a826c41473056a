package dev.switchboard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.protocol.json.CompactNodes;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The codec's one shared mapper and small helpers shared by its classes. */
final class GeminiJson {
  static final ObjectMapper MAPPER = CompactNodes.mapper();

  private static final String GENERATED_CALL_PREFIX = "call_";

  private GeminiJson() {}

  /**
   * Gemini (unlike OpenAI) often sends function calls without an id: we name them by answer and position. The
   * answer's nonce keeps them unique in a conversation (Anthropic refuses a history with a tool_use id twice).
   */
  static String generatedCallId(String nonce, int index) { return GENERATED_CALL_PREFIX + nonce + "_" + index; }

  /** One per answer, for {@link #generatedCallId}: 16 hex digits. */
  static String newCallNonce() { return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()); }

  /**
   * True for ids we made up ({@code call_<16 hex>_<n>}, or {@code call_<n>} from before answers had a nonce): those
   * are not sent back as Gemini ids.
   */
  static boolean isGeneratedCallId(String id) {
    if (id == null || !id.startsWith(GENERATED_CALL_PREFIX)) return false;
    int start = GENERATED_CALL_PREFIX.length();
    if (digits(id, start, id.length())) return true;
    int sep = start + 16;
    if (id.length() <= sep + 1 || id.charAt(sep) != '_') return false;
    for (int i = start; i < sep; i++) {
      char c = id.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
    }
    return digits(id, sep + 1, id.length());
  }

  private static boolean digits(String s, int from, int to) {
    if (from >= to) return false;
    for (int i = from; i < to; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
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
