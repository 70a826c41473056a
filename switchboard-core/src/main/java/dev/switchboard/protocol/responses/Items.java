package dev.switchboard.protocol.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.TokenLogprob;
import dev.switchboard.model.WireExtras;
import dev.switchboard.protocol.json.CompactNodes;
import dev.switchboard.protocol.openai.OpenAiChatCodec;
import java.util.ArrayList;
import java.util.List;

/** Output items (message with output_text, function_call, reasoning) as the Response object and stream events carry them. */
final class Items {
  private static final JsonNodeFactory F = CompactNodes.INSTANCE;

  /** Marks Anthropic redacted_thinking data in encrypted_content, so it is told apart from a bare signature. */
  static final String REDACTED = "sb-redacted:";

  private Items() {}

  static ObjectNode message(String id, String status) {
    ObjectNode m = F.objectNode().put("id", id).put("type", "message").put("status", status).put("role", "assistant");
    m.putArray("content");
    return m;
  }

  static ObjectNode outputText(String text, List<TokenLogprob> logprobs) {
    ObjectNode p = F.objectNode().put("type", "output_text").put("text", text);
    p.putArray("annotations");
    p.set("logprobs", logprobs(logprobs, true));
    return p;
  }

  /**
   * Token log probabilities as this wire writes them: in an output_text part each with its bytes (LogProb, where
   * bytes are required: the token's UTF-8 when the upstream gave none), in text delta and done events without
   * (ResponseLogProb).
   */
  static ArrayNode logprobs(List<TokenLogprob> tokens, boolean withBytes) {
    ArrayNode out = F.arrayNode();
    if (tokens == null) return out;
    for (TokenLogprob t : tokens) {
      ObjectNode o = logprob(t, withBytes);
      ArrayNode top = o.putArray("top_logprobs");
      for (TokenLogprob alt : t.top()) top.add(logprob(alt, withBytes));
      out.add(o);
    }
    return out;
  }

  private static ObjectNode logprob(TokenLogprob t, boolean withBytes) {
    ObjectNode o = F.objectNode().put("token", t.token()).put("logprob", t.logprob());
    if (withBytes) {
      ArrayNode bytes = o.putArray("bytes");
      for (int b : t.bytes() != null ? t.bytes() : TokenLogprob.utf8(t.token())) bytes.add(b);
    }
    return o;
  }

  /** A refusal content part: the model declined, instead of output_text. */
  static ObjectNode refusal(String text) { return F.objectNode().put("type", "refusal").put("refusal", text); }

  /** The message content part for canonical text: a refusal part for a refusal, else output_text. */
  static ObjectNode textPart(String text, boolean refusal, List<TokenLogprob> logprobs) {
    return refusal ? refusal(text) : outputText(text, logprobs);
  }

  static ObjectNode functionCall(String id, String callId, String name, String arguments, String status) {
    return F.objectNode().put("id", id).put("type", "function_call").put("status", status).put("arguments", arguments)
        .put("call_id", callId).put("name", name);
  }

  /** Thinking goes into the summary; an opaque signature (or redacted data) into encrypted_content. */
  static ObjectNode reasoning(String id, String summaryText, String encrypted) {
    ObjectNode r = F.objectNode().put("id", id).put("type", "reasoning");
    ArrayNode summary = r.putArray("summary");
    if (summaryText != null) summary.add(summaryText(summaryText));
    if (encrypted != null) r.put("encrypted_content", encrypted);
    return r;
  }

  static ObjectNode summaryText(String text) { return F.objectNode().put("type", "summary_text").put("text", text); }

  /**
   * The url_citation annotations of a chat answer's message or delta ({@code {"type":"url_citation","url_citation":
   * {url, title, start_index, end_index}}}) as this wire writes them, flat ({@code {"type":"url_citation", url, title,
   * start_index, end_index}}): the two APIs' shapes of the same citations of a search model. Others are skipped.
   */
  static List<ObjectNode> citations(JsonNode chatAnnotations) {
    if (chatAnnotations == null || !chatAnnotations.isArray()) return List.of();
    List<ObjectNode> out = new ArrayList<>(chatAnnotations.size());
    for (JsonNode a : chatAnnotations) {
      JsonNode c = a.path("url_citation");
      if (!"url_citation".equals(a.path("type").asText()) || !c.path("url").isTextual()) continue;
      out.add(F.objectNode().put("type", "url_citation").put("url", c.get("url").textValue())
          .put("title", c.path("title").asText("")).put("start_index", c.path("start_index").asInt(0))
          .put("end_index", c.path("end_index").asInt(0)));
    }
    return out;
  }

  /** The citations among fields an OpenAI-wire answer or delta kept without a canonical slot (see WireExtras). */
  static List<ObjectNode> citations(WireExtras extras) {
    if (extras == null || !extras.isFor(OpenAiChatCodec.WIRE)) return List.of();
    return citations(extras.message().get("annotations"));
  }

  /** A gateway item id with the wire's prefix, derived from the response id so answers are reproducible. */
  static String id(String prefix, String responseId, int outputIndex) {
    String base = responseId.startsWith("resp_") ? responseId.substring(5) : responseId;
    return prefix + base + "_" + outputIndex;
  }
}
