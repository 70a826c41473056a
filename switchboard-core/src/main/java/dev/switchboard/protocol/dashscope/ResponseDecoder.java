package dev.switchboard.protocol.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.Usage;
import java.util.ArrayList;
import java.util.List;

/** A DashScope 2xx body (message or text format) -> canonical answer; the request_id becomes the answer's id. */
final class ResponseDecoder {
  private ResponseDecoder() {}

  static ChatResponse decode(byte[] body) {
    JsonNode root = DsJson.upstream(body);
    JsonNode output = root.path("output");
    List<ContentBlock> content = new ArrayList<>(2);
    String finish;
    JsonNode choices = output.get("choices");
    if (choices != null && choices.isArray() && !choices.isEmpty()) {
      JsonNode choice = choices.get(0);
      JsonNode message = choice.path("message");
      String reasoning = DsJson.str(message, "reasoning_content");
      if (reasoning != null && !reasoning.isEmpty()) content.add(new ContentBlock.Thinking(reasoning, null));
      String text = text(message.get("content"));
      if (!text.isEmpty()) content.add(new ContentBlock.Text(text));
      JsonNode calls = message.get("tool_calls");
      if (calls != null && calls.isArray()) {
        for (int i = 0; i < calls.size(); i++) {
          JsonNode call = calls.get(i);
          JsonNode fn = call.path("function");
          JsonNode args = fn.get("arguments");
          String argText = args == null || args.isNull() ? "{}" : args.isTextual() ? args.asText() : DsJson.text(args);
          content.add(new ContentBlock.ToolUse(DsJson.str(call, "id"), DsJson.str(fn, "name"), argText));
        }
      }
      finish = DsJson.str(choice, "finish_reason");
    } else {
      String text = DsJson.str(output, "text");
      if (text != null && !text.isEmpty()) content.add(new ContentBlock.Text(text));
      finish = DsJson.str(output, "finish_reason");
    }
    FinishReason reason = FinishReasons.decode(finish);
    Usage usage = DsUsage.decode(root.get("usage"));
    return new ChatResponse(DsJson.str(root, "request_id"), null, System.currentTimeMillis() / 1000, content,
        reason == null ? FinishReason.STOP : reason, null, usage);
  }

  /** Message content: a string, or (vision models) a list of {@code {"text"}} parts. */
  static String text(JsonNode content) {
    if (content == null || content.isNull()) return "";
    if (content.isTextual()) return content.asText();
    if (!content.isArray()) return "";
    StringBuilder sb = new StringBuilder();
    for (JsonNode part : content) if (part.hasNonNull("text")) sb.append(part.get("text").asText());
    return sb.toString();
  }
}
