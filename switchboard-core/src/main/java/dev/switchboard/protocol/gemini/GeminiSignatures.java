package dev.switchboard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Gemini 3 refuses (400) a model turn whose first functionCall part has no thought signature. A history from a
 * client that dropped them, or from another model, has none: Google documents a dummy signature for exactly that.
 */
final class GeminiSignatures {
  /** The documented bypass value ("skip_thought_signature_validator"). */
  static final String SKIP_VALIDATOR = "skip_thought_signature_validator";

  private GeminiSignatures() {}

  /** True for Gemini 3 and later ({@code gemini-3-pro-preview}, {@code models/gemini-3.1-flash}); 1.x/2.x do not check. */
  static boolean validated(String upstreamModel) {
    if (upstreamModel == null) return false;
    String id = upstreamModel.substring(upstreamModel.lastIndexOf('/') + 1);
    if (!id.startsWith("gemini-")) return false;
    int major = 0;
    int i = "gemini-".length();
    for (; i < id.length() && id.charAt(i) >= '0' && id.charAt(i) <= '9' && major < 1000; i++) {
      major = major * 10 + (id.charAt(i) - '0');
    }
    return i > "gemini-".length() && major >= 3;
  }

  /** Gives the first functionCall part of each model turn the dummy signature when it has none of its own. */
  static void signFirstCalls(ArrayNode contents) {
    for (JsonNode turn : contents) {
      if (!"model".equals(turn.path("role").asText())) continue;
      for (JsonNode part : turn.path("parts")) {
        if (!part.has("functionCall")) continue;
        if (!part.has("thoughtSignature")) ((ObjectNode) part).put("thoughtSignature", SKIP_VALIDATOR);
        break;
      }
    }
  }
}
