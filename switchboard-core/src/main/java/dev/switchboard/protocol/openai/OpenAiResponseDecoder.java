package dev.switchboard.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A chat.completion body from an OpenAI-compatible upstream into the canonical response. */
final class OpenAiResponseDecoder {
  private OpenAiResponseDecoder() {}

  static ChatResponse decode(byte[] body) {
    JsonNode root;
    try {
      root = OpenAiJson.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("upstream answered with invalid JSON", e);
    }
    if (root == null || !root.isObject()) throw new IllegalArgumentException("upstream answer is not a JSON object");
    JsonNode choices = root.path("choices");
    JsonNode choice = choices.isArray() && !choices.isEmpty() ? choices.get(0) : null;
    List<ContentBlock> content = new ArrayList<>(2);
    String finish = null;
    if (choice != null) {
      JsonNode msg = choice.path("message");
      String reasoning = textOrNull(msg.get("reasoning_content"));
      if (reasoning == null) reasoning = textOrNull(msg.get("reasoning")); // OpenRouter / Groq name
      if (reasoning != null && !reasoning.isEmpty()) content.add(new ContentBlock.Thinking(reasoning, null));
      String text = textOrNull(msg.get("content"));
      if (text != null && !text.isEmpty()) content.add(new ContentBlock.Text(text));
      String refusal = textOrNull(msg.get("refusal"));
      if (refusal != null && !refusal.isEmpty()) content.add(new ContentBlock.Text(refusal));
      JsonNode calls = msg.get("tool_calls");
      if (calls != null && calls.isArray()) {
        for (JsonNode call : calls) {
          JsonNode fn = call.path("function");
          JsonNode args = fn.get("arguments");
          String argText = args == null || args.isNull() ? "{}" : args.isTextual() ? args.textValue() : args.toString();
          content.add(new ContentBlock.ToolUse(textOrNull(call.get("id")), textOrNull(fn.get("name")), argText));
        }
      }
      finish = textOrNull(choice.get("finish_reason"));
    }
    return new ChatResponse(textOrNull(root.get("id")), textOrNull(root.get("model")), root.path("created").asLong(0),
        content, OpenAiFinishReasons.decode(finish), null, OpenAiUsage.decode(root.get("usage")));
  }

  static String textOrNull(JsonNode n) {
    return n == null || !n.isTextual() ? null : n.textValue();
  }
}
