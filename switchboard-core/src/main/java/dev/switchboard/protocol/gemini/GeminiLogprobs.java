package dev.switchboard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.TokenLogprob;
import java.util.ArrayList;
import java.util.List;

/**
 * Token log probabilities on the Gemini wire: an OpenAI client's {@code logprobs: true} and {@code top_logprobs: n}
 * become {@code generationConfig.responseLogprobs} and {@code logprobs}, and a candidate's {@code logprobsResult}
 * ({@code chosenCandidates[i]} with the alternatives {@code topCandidates[i].candidates} of the same decoding step)
 * becomes canonical {@link TokenLogprob}s, so the client gets {@code choices[0].logprobs} back as from OpenAI.
 */
final class GeminiLogprobs {
  private GeminiLogprobs() {}

  /** Asks for log probabilities when the client did (fields the OpenAI decoder checked: a boolean, an int 0-20). */
  static void request(ChatRequest r, ObjectNode generationConfig) {
    JsonNode logprobs = r.extra().get("logprobs");
    if (logprobs == null || !logprobs.isBoolean() || !logprobs.booleanValue()) return;
    generationConfig.put("responseLogprobs", true);
    JsonNode top = r.extra().get("top_logprobs");
    if (top != null && top.canConvertToInt() && top.intValue() > 0) generationConfig.put("logprobs", top.intValue());
  }

  /** The tokens of a candidate's {@code logprobsResult}; null when there are none (malformed entries are dropped). */
  static List<TokenLogprob> decode(JsonNode candidate) {
    JsonNode result = candidate.get("logprobsResult");
    if (result == null || !result.isObject()) return null;
    JsonNode chosen = result.get("chosenCandidates");
    if (chosen == null || !chosen.isArray()) return null;
    JsonNode steps = result.path("topCandidates");
    List<TokenLogprob> out = new ArrayList<>(chosen.size());
    for (int i = 0; i < chosen.size(); i++) {
      JsonNode c = chosen.get(i);
      if (!c.path("token").isTextual() || !c.path("logProbability").isNumber()) continue;
      List<TokenLogprob> top = new ArrayList<>();
      for (JsonNode alt : steps.path(i).path("candidates")) {
        if (alt.path("token").isTextual() && alt.path("logProbability").isNumber()) {
          top.add(token(alt.get("token").textValue(), alt.get("logProbability").doubleValue(), List.of()));
        }
      }
      out.add(token(c.get("token").textValue(), c.get("logProbability").doubleValue(), top));
    }
    return out.isEmpty() ? null : out;
  }

  /** Gemini gives no bytes; they are the token's UTF-8, as OpenAI reports them. */
  private static TokenLogprob token(String text, double logprob, List<TokenLogprob> top) {
    return new TokenLogprob(text, logprob, TokenLogprob.utf8(text), top);
  }
}
