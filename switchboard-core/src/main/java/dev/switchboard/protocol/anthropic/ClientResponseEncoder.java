package dev.switchboard.protocol.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import java.io.IOException;

/** Canonical answer -> Messages API response body for an Anthropic client. */
final class ClientResponseEncoder {
  private ClientResponseEncoder() {}

  static byte[] encode(ChatResponse r) {
    return ClientWire.write(512, g -> {
      g.writeStartObject();
      g.writeStringField("id", ClientWire.messageId(r.id()));
      g.writeStringField("type", "message");
      g.writeStringField("role", "assistant");
      g.writeStringField("model", r.model());
      g.writeArrayFieldStart("content");
      for (ContentBlock b : r.content()) block(g, b);
      g.writeEndArray();
      g.writeStringField("stop_reason", ClientWire.stopReason(r.finishReason(), r.stopSequence()));
      if (r.stopSequence() != null) g.writeStringField("stop_sequence", r.stopSequence()); else g.writeNullField("stop_sequence");
      ClientWire.usage(g, r.usage(), true, ClientWire.nz(r.usage().outputTokens()));
      g.writeEndObject();
    });
  }

  private static void block(JsonGenerator g, ContentBlock b) throws IOException {
    switch (b) {
      case ContentBlock.Text t -> {
        if (t.text().isEmpty()) return;
        g.writeStartObject();
        g.writeStringField("type", "text");
        g.writeStringField("text", t.text());
        g.writeEndObject();
      }
      case ContentBlock.Thinking th -> {
        g.writeStartObject();
        g.writeStringField("type", "thinking");
        g.writeStringField("thinking", th.text());
        // Anthropic SDKs require the field; reasoning from other wires has no signature to give.
        g.writeStringField("signature", th.signature() == null ? "" : th.signature());
        g.writeEndObject();
      }
      case ContentBlock.RedactedThinking rt -> {
        g.writeStartObject();
        g.writeStringField("type", "redacted_thinking");
        g.writeStringField("data", rt.data());
        g.writeEndObject();
      }
      case ContentBlock.ToolUse tu -> {
        g.writeStartObject();
        g.writeStringField("type", "tool_use");
        g.writeStringField("id", tu.id());
        g.writeStringField("name", tu.name());
        g.writeFieldName("input");
        ClientWire.tree(g, toolInput(tu.arguments()));
        g.writeEndObject();
      }
      case ContentBlock.Image img -> {
        g.writeStartObject();
        g.writeStringField("type", "image");
        g.writeObjectFieldStart("source");
        if (img.isInline()) {
          g.writeStringField("type", "base64");
          g.writeStringField("media_type", img.mediaType());
          g.writeStringField("data", img.base64Data());
        } else {
          g.writeStringField("type", "url");
          g.writeStringField("url", img.url());
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      case ContentBlock.Unknown u -> ClientWire.tree(g, u.raw());
      case ContentBlock.ToolResult ignored -> { } // answers never carry tool results
    }
  }

  /** Tool arguments as an object; upstreams that produced broken JSON still give the client a valid message. */
  static JsonNode toolInput(String arguments) {
    if (arguments == null || arguments.isBlank()) return AnthropicCodec.MAPPER.createObjectNode();
    try {
      JsonNode parsed = AnthropicCodec.MAPPER.readTree(arguments);
      if (parsed != null && parsed.isObject()) return parsed;
    } catch (IOException notJson) {
      // fall through: keep the raw text where the client can see it
    }
    return AnthropicCodec.MAPPER.createObjectNode().put("_raw_arguments", arguments);
  }
}
