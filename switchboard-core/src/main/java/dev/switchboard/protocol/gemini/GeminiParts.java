package dev.switchboard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading one response Part: which kind it is and its thought signature. */
final class GeminiParts {
  private GeminiParts() {}

  /** The candidate's parts, or an empty node when the candidate has no content (blocked, or a usage-only chunk). */
  static JsonNode of(JsonNode candidate) { return candidate.path("content").path("parts"); }

  static String signature(JsonNode part) {
    JsonNode s = part.get("thoughtSignature");
    return s == null || !s.isTextual() || s.asText().isEmpty() ? null : s.asText();
  }

  static boolean isThought(JsonNode part) { return part.path("thought").asBoolean(false); }

  /** Args as JSON text; Gemini sends them whole (never fragmented), and may omit them for no-argument calls. */
  static String arguments(JsonNode functionCall) {
    JsonNode args = functionCall.get("args");
    return args == null || args.isNull() ? "{}" : args.toString();
  }

  /** The call's own id, else one made up from the answer's {@code nonce} and the call's position in the answer. */
  static String callId(JsonNode functionCall, String nonce, int index) {
    String id = GeminiJson.text(functionCall, "id");
    return id == null || id.isEmpty() ? GeminiJson.generatedCallId(nonce, index) : id;
  }
}
