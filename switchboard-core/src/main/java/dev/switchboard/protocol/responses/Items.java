package dev.switchboard.protocol.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Output items (message with output_text, function_call, reasoning) as the Response object and stream events carry them. */
final class Items {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Items() {}

  static ObjectNode message(String id, String status) {
    ObjectNode m = F.objectNode().put("id", id).put("type", "message").put("status", status).put("role", "assistant");
    m.putArray("content");
    return m;
  }

  static ObjectNode outputText(String text) {
    ObjectNode p = F.objectNode().put("type", "output_text").put("text", text);
    p.putArray("annotations");
    p.putArray("logprobs");
    return p;
  }

  /** A refusal content part: the model declined, instead of output_text. */
  static ObjectNode refusal(String text) { return F.objectNode().put("type", "refusal").put("refusal", text); }

  /** The message content part for canonical text: a refusal part for a refusal, else output_text. */
  static ObjectNode textPart(String text, boolean refusal) { return refusal ? refusal(text) : outputText(text); }

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

  /** A gateway item id with the wire's prefix, derived from the response id so answers are reproducible. */
  static String id(String prefix, String responseId, int outputIndex) {
    String base = responseId.startsWith("resp_") ? responseId.substring(5) : responseId;
    return prefix + base + "_" + outputIndex;
  }
}
