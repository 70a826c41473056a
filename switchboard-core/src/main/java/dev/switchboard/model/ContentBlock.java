package dev.switchboard.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One piece of a message. Closed set so every codec handles every kind (exhaustive switch);
 * {@link Unknown} keeps what a codec could not interpret instead of dropping it.
 */
public sealed interface ContentBlock {

  /**
   * Text of a message. {@code refusal} marks a model's refusal (OpenAI's {@code refusal} field, e.g. instead of a
   * structured output): wires with a slot for it keep it apart from the content, the others show it as text.
   */
  record Text(String text, boolean refusal) implements ContentBlock {
    public Text(String text) { this(text, false); }
  }

  /** An image by URL ({@code data:} URLs are decoded into {@code base64Data} + {@code mediaType} by codecs that need it). */
  record Image(String url, String mediaType, String base64Data, String detail) implements ContentBlock {
    public static Image ofUrl(String url, String detail) {
      if (url.startsWith("data:")) {
        int comma = url.indexOf(',');
        int semi = url.indexOf(';');
        if (comma > 0 && semi > 0 && semi < comma && url.regionMatches(semi, ";base64", 0, 7)) {
          return new Image(url, url.substring(5, semi), url.substring(comma + 1), detail);
        }
      }
      return new Image(url, null, null, detail);
    }

    public static Image ofBase64(String mediaType, String data) {
      return new Image("data:" + mediaType + ";base64," + data, mediaType, data, null);
    }

    public boolean isInline() { return base64Data != null; }
  }

  /** A tool call made by the assistant; {@code arguments} is the JSON text of the arguments object. */
  record ToolUse(String id, String name, String arguments) implements ContentBlock {}

  /** The result of a tool call; {@code name} is filled when the wire carries it (Gemini needs it). */
  record ToolResult(String toolUseId, String name, List<ContentBlock> content, boolean isError) implements ContentBlock {
    public ToolResult { content = List.copyOf(content); }

    public String text() {
      // Most results are one text block: its string as it is, not a copy (tool results are the largest strings of
      // an agent's request).
      if (content.size() == 1 && content.get(0) instanceof Text t) return t.text();
      StringBuilder sb = new StringBuilder();
      for (ContentBlock b : content) if (b instanceof Text t) sb.append(t.text());
      return sb.toString();
    }
  }

  /**
   * Model reasoning. {@code signature} is opaque and must round-trip unchanged. {@code signsText}: the signature is
   * known to sign this block's text (Anthropic's thinking block, e.g. from an OpenAI client's {@code
   * reasoning_details}), so it belongs to no part after it; false when that is not known (Gemini's encoder then takes
   * it for the signature of the next part, which is what a replayed translation of a Gemini stream holds).
   */
  record Thinking(String text, String signature, boolean signsText) implements ContentBlock {
    public Thinking(String text, String signature) { this(text, signature, false); }
  }

  record RedactedThinking(String data) implements ContentBlock {}

  record Unknown(JsonNode raw) implements ContentBlock {}
}
