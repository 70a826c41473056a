package dev.switchboard.protocol.openai;

import static dev.switchboard.protocol.openai.OpenAiJson.arrayAt;
import static dev.switchboard.protocol.openai.OpenAiJson.textAt;
import static dev.switchboard.protocol.openai.OpenAiJson.wrongType;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ContentBlock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic's signed reasoning for OpenAI clients, in OpenRouter's {@code reasoning_details} convention, which clients
 * replay on the assistant message (OpenRouter's AI SDK provider, so OpenCode; Roo and Kilo Code): without it the next
 * turn of a tool loop cannot send the signed thinking block back, and Anthropic then needs thinking turned off.
 * <ul>
 *   <li>a thinking block: {@code {"type":"reasoning.text","text":…,"signature":…,"format":"anthropic-claude-v1","index":i}}
 *   <li>a redacted one: {@code {"type":"reasoning.encrypted","data":…,"format":"anthropic-claude-v1","index":i}}
 * </ul>
 * Only Anthropic's blocks go out: a Thinking block with text and a signature ({@link #signed}), and RedactedThinking.
 * Gemini's signatures ride on text-less blocks and leave as their call's {@code extra_content}
 * ({@link OpenAiThoughtSignatures}); OpenAI-wire reasoning has none. In streams the text goes out in fragments of
 * entry {@code i} (a client rebuilds it from them, not from {@code reasoning_content}), then the signature in one
 * delta of the same index, as OpenRouter streams Claude.
 */
final class OpenAiReasoningDetails {
  static final String FIELD = "reasoning_details";
  static final String FORMAT = "anthropic-claude-v1";
  private static final String TEXT = "reasoning.text";
  private static final String ENCRYPTED = "reasoning.encrypted";

  private OpenAiReasoningDetails() {}

  /** Anthropic's signed thinking: text and a signature (a text-less signed block is Gemini's carrier, or unusable). */
  static boolean signed(ContentBlock.Thinking t) {
    return t.text() != null && !t.text().isEmpty() && t.signature() != null && !t.signature().isEmpty();
  }

  /** The {@code reasoning_details} of an answer's message, when it has Anthropic reasoning to give. */
  static void write(JsonGenerator g, List<ContentBlock> content) throws IOException {
    int index = 0;
    for (ContentBlock b : content) {
      if (b instanceof ContentBlock.Thinking t && signed(t)) {
        if (index == 0) g.writeArrayFieldStart(FIELD);
        entry(g, TEXT, index++, "text", t.text(), "signature", t.signature());
      } else if (b instanceof ContentBlock.RedactedThinking r) {
        if (index == 0) g.writeArrayFieldStart(FIELD);
        entry(g, ENCRYPTED, index++, "data", r.data(), null, null);
      }
    }
    if (index > 0) g.writeEndArray();
  }

  /**
   * A stream's piece of thinking text for entry {@code index}. Without a format: clients keep the first one they see
   * (OpenRouter's AI SDK provider), and whether the text is Anthropic's shows only when its signature comes.
   */
  static void writeText(JsonGenerator g, String text, int index) throws IOException {
    g.writeArrayFieldStart(FIELD);
    g.writeStartObject();
    g.writeStringField("type", TEXT);
    g.writeStringField("text", text);
    g.writeNumberField("index", index);
    g.writeEndObject();
    g.writeEndArray();
  }

  /** A stream's signature of the thinking text of entry {@code index}, which that entry ends. */
  static void writeSignature(JsonGenerator g, String signature, int index) throws IOException {
    g.writeArrayFieldStart(FIELD);
    entry(g, TEXT, index, "signature", signature, null, null);
    g.writeEndArray();
  }

  /** A stream's redacted thinking block, whole, as entry {@code index}. */
  static void writeEncrypted(JsonGenerator g, String data, int index) throws IOException {
    g.writeArrayFieldStart(FIELD);
    entry(g, ENCRYPTED, index, "data", data, null, null);
    g.writeEndArray();
  }

  private static void entry(JsonGenerator g, String type, int index, String field, String value, String field2,
      String value2) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", type);
    g.writeStringField(field, value);
    if (field2 != null) g.writeStringField(field2, value2);
    g.writeStringField("format", FORMAT);
    g.writeNumberField("index", index);
    g.writeEndObject();
  }

  /**
   * The Anthropic reasoning of an assistant message's {@code reasoning_details}, in order: a signed
   * {@code reasoning.text} becomes a Thinking block known to sign its text, a {@code reasoning.encrypted} one a
   * RedactedThinking block. Only entries in Anthropic's format (or none: the convention's default) count; other
   * formats (OpenAI's, Gemini's), summaries, text that lost its signature and unknown types are left out, as no
   * upstream here takes them back. Values of the wrong type are a 400 naming the field.
   */
  static List<ContentBlock> read(JsonNode message, String path) {
    JsonNode details = arrayAt(message, FIELD, path, "." + FIELD, false);
    if (details == null || details.isEmpty()) return List.of();
    List<ContentBlock> out = new ArrayList<>(details.size());
    for (int i = 0; i < details.size(); i++) {
      String p = path + "." + FIELD + "[" + i + "]";
      JsonNode d = details.get(i);
      if (!d.isObject()) throw wrongType(p, "an object", d);
      String type = textAt(d, "type", p, ".type", true);
      String format = textAt(d, "format", p, ".format", false);
      boolean anthropic = format == null || format.equals(FORMAT);
      switch (type) {
        case TEXT -> {
          String text = textAt(d, "text", p, ".text", false);
          String signature = textAt(d, "signature", p, ".signature", false);
          ContentBlock.Thinking t = new ContentBlock.Thinking(text, signature, true);
          if (anthropic && signed(t)) out.add(t);
        }
        case ENCRYPTED -> {
          String data = textAt(d, "data", p, ".data", false);
          if (anthropic && data != null && !data.isEmpty()) out.add(new ContentBlock.RedactedThinking(data));
        }
        default -> { }
      }
    }
    return out;
  }
}
