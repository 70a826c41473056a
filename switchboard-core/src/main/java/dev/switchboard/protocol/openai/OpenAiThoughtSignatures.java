package dev.switchboard.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Gemini's thought signature on an OpenAI tool call, in Google's own OpenAI-compatible shape:
 * {@code "extra_content":{"google":{"thought_signature":"..."}}} beside {@code id}/{@code type}/{@code function}.
 * Clients that talk to Google's endpoint (e.g. @ai-sdk/openai-compatible) replay it with the assistant message, and
 * Gemini 3 refuses the next turn of a tool loop without it.
 */
final class OpenAiThoughtSignatures {
  private OpenAiThoughtSignatures() {}

  static void write(JsonGenerator g, String signature) throws IOException {
    g.writeObjectFieldStart("extra_content");
    g.writeObjectFieldStart("google");
    g.writeStringField("thought_signature", signature);
    g.writeEndObject();
    g.writeEndObject();
  }

  /** The signature of a {@code tool_calls[]} element, or null (anything but a non-empty string is ignored). */
  static String read(JsonNode toolCall) {
    JsonNode s = toolCall.path("extra_content").path("google").path("thought_signature");
    return s.isTextual() && !s.textValue().isEmpty() ? s.textValue() : null;
  }
}
