package dev.switchboard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Anthropic Messages response body -> canonical {@link ChatResponse}. */
final class ResponseDecoder {
  private ResponseDecoder() {}

  static ChatResponse decode(ChatRequest request, byte[] body) {
    JsonNode root = Json.upstream(body);
    boolean emulated = JsonEmulation.active(request);
    List<ContentBlock> content = new ArrayList<>();
    boolean realToolCall = false;
    boolean jsonText = false;
    for (JsonNode b : root.path("content")) {
      String type = Json.str(b, "type");
      switch (type == null ? "" : type) {
        case "text" -> content.add(new ContentBlock.Text(b.path("text").asText()));
        case "tool_use" -> {
          String name = Json.str(b, "name");
          String args = Json.text(b.has("input") ? b.get("input") : AnthropicCodec.MAPPER.createObjectNode());
          if (JsonEmulation.isJsonTool(emulated, name)) {
            // The forced json tool carries the answer: the client asked for JSON text, not a tool call.
            content.add(new ContentBlock.Text(args));
            jsonText = true;
          } else {
            content.add(new ContentBlock.ToolUse(Json.str(b, "id"), name, args));
            realToolCall = true;
          }
        }
        case "thinking" -> content.add(new ContentBlock.Thinking(b.path("thinking").asText(), Json.str(b, "signature")));
        case "redacted_thinking" -> content.add(new ContentBlock.RedactedThinking(Json.str(b, "data")));
        default -> content.add(new ContentBlock.Unknown(b));
      }
    }
    FinishReason reason = WireValues.finishReason(Json.str(root, "stop_reason"));
    if (reason == FinishReason.TOOL_CALLS && jsonText && !realToolCall) reason = FinishReason.STOP;
    Usage usage = WireValues.usage(root.get("usage"), true);
    return new ChatResponse(Json.str(root, "id"), Json.str(root, "model"), Instant.now().getEpochSecond(),
        content, reason, Json.str(root, "stop_sequence"), usage);
  }
}
