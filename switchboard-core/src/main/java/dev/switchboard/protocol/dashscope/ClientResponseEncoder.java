package dev.switchboard.protocol.dashscope;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical answer -> DashScope response: {@code output.text} + {@code finish_reason} in text format, or
 * {@code output.choices[0].message} (content, reasoning_content, tool_calls) in message format; usage and
 * request_id beside it. Reasoning has no slot in the text format, so it is left out there rather than leaked into
 * the text.
 */
final class ClientResponseEncoder {
  private ClientResponseEncoder() {}

  static byte[] encode(ChatResponse r, boolean messageFormat) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    List<ContentBlock.ToolUse> calls = new ArrayList<>(0);
    for (ContentBlock b : r.content()) {
      switch (b) {
        case ContentBlock.Text t -> text.append(t.text());
        case ContentBlock.Thinking t -> reasoning.append(t.text());
        case ContentBlock.ToolUse u -> calls.add(u);
        case ContentBlock.Image i -> { }
        case ContentBlock.ToolResult tr -> { }
        case ContentBlock.RedactedThinking rt -> { }
        case ContentBlock.Unknown u -> { }
      }
    }
    String finish = FinishReasons.encode(r.finishReason());
    return DsJson.write(256 + text.length(), g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("output");
      if (messageFormat) {
        g.writeArrayFieldStart("choices");
        g.writeStartObject();
        g.writeStringField("finish_reason", finish);
        g.writeObjectFieldStart("message");
        message(g, text, reasoning, calls);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
      } else {
        g.writeStringField("text", text.toString());
        g.writeStringField("finish_reason", finish);
      }
      g.writeEndObject();
      DsUsage.write(g, r.usage());
      g.writeStringField("request_id", requestId(r.id()));
      g.writeEndObject();
    });
  }

  /** The fields of an assistant message (role, content, optional reasoning_content and tool_calls). */
  static void message(JsonGenerator g, CharSequence text, CharSequence reasoning, List<ContentBlock.ToolUse> calls)
      throws IOException {
    g.writeStringField("role", "assistant");
    g.writeStringField("content", text.toString());
    if (!reasoning.isEmpty()) g.writeStringField("reasoning_content", reasoning.toString());
    if (calls.isEmpty()) return;
    g.writeArrayFieldStart("tool_calls");
    for (int i = 0; i < calls.size(); i++) {
      ContentBlock.ToolUse c = calls.get(i);
      g.writeStartObject();
      g.writeNumberField("index", i);
      g.writeStringField("id", c.id());
      g.writeStringField("type", "function");
      g.writeObjectFieldStart("function");
      g.writeStringField("name", c.name());
      g.writeStringField("arguments", c.arguments());
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** The upstream's id when there is one (a DashScope request id, an OpenAI chatcmpl id...), else a fresh UUID. */
  static String requestId(String upstreamId) { return upstreamId != null ? upstreamId : DsErrors.requestId(); }
}
