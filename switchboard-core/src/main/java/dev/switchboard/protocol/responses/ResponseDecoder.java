package dev.switchboard.protocol.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A Response object from an upstream into the canonical answer (pass-through meters it; the body is relayed). */
final class ResponseDecoder {
  private ResponseDecoder() {}

  static ChatResponse decode(byte[] body) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !"response".equals(root.path("object").asText())) {
      throw new IllegalArgumentException("not a Response object");
    }
    return decode(root);
  }

  static ChatResponse decode(JsonNode root) {
    List<ContentBlock> content = new ArrayList<>(2);
    boolean toolCalls = false;
    for (JsonNode item : root.path("output")) {
      switch (item.path("type").asText()) {
        case "message" -> {
          for (JsonNode part : item.path("content")) {
            String type = part.path("type").asText();
            if ("output_text".equals(type)) content.add(new ContentBlock.Text(part.path("text").asText()));
            else if ("refusal".equals(type)) content.add(new ContentBlock.Text(part.path("refusal").asText(), true));
          }
        }
        case "function_call" -> {
          toolCalls = true;
          content.add(new ContentBlock.ToolUse(item.path("call_id").asText(), item.path("name").asText(),
              item.path("arguments").asText()));
        }
        case "reasoning" -> {
          StringBuilder text = new StringBuilder();
          for (JsonNode s : item.path("summary")) text.append(s.path("text").asText());
          String encrypted = Json.textOrNull(item.get("encrypted_content"));
          if (!text.isEmpty()) content.add(new ContentBlock.Thinking(text.toString(), encrypted));
          else if (encrypted != null) content.add(new ContentBlock.RedactedThinking(encrypted));
        }
        default -> content.add(new ContentBlock.Unknown(item));
      }
    }
    Usage usage = ResponsesUsage.decode(root.get("usage"));
    return new ChatResponse(Json.textOrNull(root.get("id")), Json.textOrNull(root.get("model")),
        root.path("created_at").asLong(0), content, finish(root, toolCalls), null, usage);
  }

  static FinishReason finish(JsonNode response, boolean toolCalls) {
    String status = response.path("status").asText();
    if ("incomplete".equals(status)) {
      return "content_filter".equals(response.path("incomplete_details").path("reason").asText())
          ? FinishReason.CONTENT_FILTER : FinishReason.LENGTH;
    }
    if ("failed".equals(status)) return FinishReason.ERROR;
    return toolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
  }
}
