package dev.switchboard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.FinishReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A Gemini GenerateContentResponse (non-streaming) to a canonical {@link ChatResponse}. */
public final class GeminiResponseDecoder {
  private GeminiResponseDecoder() {}

  /** {@code fallbackModel} names the model when the body has no modelVersion. */
  public static ChatResponse decode(byte[] body, String fallbackModel) {
    JsonNode root;
    try {
      root = GeminiJson.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("Gemini response is not valid JSON", e);
    }
    if (root == null || !root.isObject()) throw new IllegalArgumentException("Gemini response is not a JSON object");
    return decode(root, fallbackModel);
  }

  static ChatResponse decode(JsonNode root, String fallbackModel) {
    JsonNode candidate = root.path("candidates").path(0);
    List<ContentBlock> content = new ArrayList<>();
    int toolCalls = 0;
    String callNonce = GeminiJson.newCallNonce();
    for (JsonNode part : GeminiParts.of(candidate)) {
      String signature = GeminiParts.signature(part);
      // The signature belongs to this part; an empty Thinking block just before it carries it through canonical form.
      if (signature != null) content.add(new ContentBlock.Thinking("", signature));
      JsonNode call = part.get("functionCall");
      if (call != null) {
        content.add(new ContentBlock.ToolUse(GeminiParts.callId(call, callNonce, toolCalls),
            GeminiJson.text(call, "name"), GeminiParts.arguments(call)));
        toolCalls++;
      } else if (part.has("text")) {
        String text = part.get("text").asText();
        if (GeminiParts.isThought(part)) content.add(new ContentBlock.Thinking(text, null));
        else if (!text.isEmpty() || signature == null) content.add(new ContentBlock.Text(text));
      } else {
        content.add(new ContentBlock.Unknown(part));
      }
    }
    FinishReason finish;
    if (candidate.isMissingNode()) {
      // No candidate at all: the prompt itself was blocked (promptFeedback.blockReason) or nothing came back.
      finish = root.path("promptFeedback").has("blockReason") ? FinishReason.CONTENT_FILTER : FinishReason.ERROR;
    } else {
      finish = GeminiFinishReasons.of(GeminiJson.text(candidate, "finishReason"), toolCalls > 0);
    }
    String id = GeminiJson.text(root, "responseId");
    String model = GeminiJson.text(root, "modelVersion");
    return new ChatResponse(id != null ? id : GeminiJson.generatedResponseId(), model != null ? model : fallbackModel,
        System.currentTimeMillis() / 1000, content, finish, null, GeminiUsage.of(root.get("usageMetadata")),
        candidate.isObject() ? GeminiLogprobs.decode(candidate) : null);
  }
}
