package dev.switchboard.protocol.anthropic;

import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ResponseFormat;

/** Whether a request used the forced-tool emulation of {@code response_format: json_schema}. */
final class JsonEmulation {
  private JsonEmulation() {}

  static boolean active(ChatRequest request) {
    return request != null && request.responseFormat() != null
        && request.responseFormat().type() == ResponseFormat.Type.JSON_SCHEMA
        && request.responseFormat().schema() != null;
  }

  static boolean isJsonTool(boolean active, String toolName) {
    return active && AnthropicCodec.JSON_TOOL_NAME.equals(toolName);
  }
}
