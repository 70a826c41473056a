package dev.switchboard.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.TokenLogprob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A choice's {@code logprobs} object ({@code {"content": [{token, logprob, bytes, top_logprobs}], "refusal": ...}})
 * both ways. Only present when a client asked for it, so it is read as a tree.
 */
final class OpenAiLogprobs {
  private OpenAiLogprobs() {}

  /**
   * The tokens of {@code logprobs.content}; null when there are none (the object absent or null, no content array, or
   * no entry with a text token and a numeric logprob: malformed entries are dropped, not made up).
   */
  static List<TokenLogprob> decode(JsonNode logprobs) {
    if (logprobs == null || !logprobs.isObject()) return null;
    JsonNode content = logprobs.get("content");
    if (content == null || !content.isArray()) return null;
    List<TokenLogprob> out = new ArrayList<>(content.size());
    for (JsonNode t : content) {
      TokenLogprob token = token(t, true);
      if (token != null) out.add(token);
    }
    return out.isEmpty() ? null : out;
  }

  private static TokenLogprob token(JsonNode t, boolean withTop) {
    if (!t.path("token").isTextual() || !t.path("logprob").isNumber()) return null;
    List<Integer> bytes = null;
    JsonNode b = t.get("bytes");
    if (b != null && b.isArray()) {
      bytes = new ArrayList<>(b.size());
      for (JsonNode x : b) bytes.add(x.asInt());
    }
    List<TokenLogprob> top = List.of();
    JsonNode tops = withTop ? t.get("top_logprobs") : null;
    if (tops != null && tops.isArray()) {
      top = new ArrayList<>(tops.size());
      for (JsonNode x : tops) {
        TokenLogprob alternative = token(x, false);
        if (alternative != null) top.add(alternative);
      }
    }
    return new TokenLogprob(t.get("token").textValue(), t.get("logprob").doubleValue(), bytes, top);
  }

  /** Writes the {@code logprobs} field of a choice: the object when there are log probabilities, else null. */
  static void write(JsonGenerator g, List<TokenLogprob> logprobs) throws IOException {
    if (logprobs == null) {
      g.writeNullField("logprobs");
      return;
    }
    g.writeObjectFieldStart("logprobs");
    g.writeArrayFieldStart("content");
    for (TokenLogprob t : logprobs) token(g, t, true);
    g.writeEndArray();
    g.writeNullField("refusal");
    g.writeEndObject();
  }

  private static void token(JsonGenerator g, TokenLogprob t, boolean withTop) throws IOException {
    g.writeStartObject();
    g.writeStringField("token", t.token());
    g.writeNumberField("logprob", t.logprob());
    if (t.bytes() == null) {
      g.writeNullField("bytes");
    } else {
      g.writeArrayFieldStart("bytes");
      for (int x : t.bytes()) g.writeNumber(x);
      g.writeEndArray();
    }
    if (withTop) {
      g.writeArrayFieldStart("top_logprobs");
      for (TokenLogprob x : t.top()) token(g, x, false);
      g.writeEndArray();
    }
    g.writeEndObject();
  }
}
