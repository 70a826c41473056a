package dev.switchboard.protocol.openai;

import static dev.switchboard.protocol.openai.OpenAiJson.textOrSkip;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.WireExtras;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chat.completion body from an OpenAI-compatible upstream into the canonical response.
 *
 * <p>Read with Jackson's streaming parser rather than as a tree: this runs once per non-streaming request, and the
 * tree (a map per object, a node per value) was allocated only to be walked once. Tool calls and usage, which keep
 * their structure (raw usage is billed from), are read as trees. Fields without a canonical slot (system_fingerprint,
 * service_tier, a message's annotations or audio...) are kept as {@link WireExtras} for OpenAI clients.
 */
final class OpenAiResponseDecoder {
  private OpenAiResponseDecoder() {}

  /** What the body holds, collected in any field order. */
  private static final class Fields {
    String id;
    String model;
    long created;
    String reasoningContent;
    String reasoning;
    String content;
    String refusal;
    JsonNode toolCalls;
    String finishReason;
    JsonNode usage;
    JsonNode logprobs;
    Map<String, JsonNode> extraResponse;
    Map<String, JsonNode> extraMessage;
    boolean choices;
    JsonNode error;
  }

  static ChatResponse decode(byte[] body) { return decode(body, 0, body.length); }

  static ChatResponse decode(byte[] body, int offset, int length) {
    Fields f = new Fields();
    try (JsonParser p = OpenAiJson.FACTORY.createParser(body, offset, length)) {
      p.setCodec(OpenAiJson.MAPPER);
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("upstream answer is not a JSON object");
      }
      readBody(p, f);
    } catch (IOException e) {
      throw new UncheckedIOException("upstream answered with invalid JSON", e);
    }
    // A 2xx body that is no chat.completion (OpenRouter's {"error":...} with 200, no choices) is no answer: the
    // attempt failed and the next one is tried, rather than an empty success reaching the client.
    if (f.error != null && !f.error.isNull()) throw new IllegalArgumentException("upstream answered 2xx with an error");
    if (!f.choices) throw new IllegalArgumentException("upstream answer has no choices");
    List<ContentBlock> content = new ArrayList<>(2);
    String reasoning = f.reasoningContent != null ? f.reasoningContent : f.reasoning; // OpenRouter / Groq name
    if (reasoning != null && !reasoning.isEmpty()) content.add(new ContentBlock.Thinking(reasoning, null));
    if (f.content != null && !f.content.isEmpty()) content.add(new ContentBlock.Text(f.content));
    if (f.refusal != null && !f.refusal.isEmpty()) content.add(new ContentBlock.Text(f.refusal, true));
    if (f.toolCalls != null && f.toolCalls.isArray()) {
      for (JsonNode call : f.toolCalls) {
        JsonNode fn = call.path("function");
        JsonNode args = fn.get("arguments");
        String argText = args == null || args.isNull() ? "{}" : args.isTextual() ? args.textValue() : args.toString();
        content.add(new ContentBlock.ToolUse(textOrNull(call.get("id")), textOrNull(fn.get("name")), argText));
      }
    }
    return new ChatResponse(f.id, f.model, f.created, content, OpenAiFinishReasons.decode(f.finishReason), null,
        OpenAiUsage.decode(f.usage), OpenAiLogprobs.decode(f.logprobs),
        f.extraResponse == null && f.extraMessage == null ? null
            : new WireExtras(OpenAiChatCodec.WIRE, f.extraResponse, f.extraMessage));
  }

  private static void readBody(JsonParser p, Fields f) throws IOException {
    OpenAiJson.readFields(p, (name, value) -> {
      switch (name) {
        case "id" -> f.id = textOrSkip(p, value);
        case "model" -> f.model = textOrSkip(p, value);
        case "created" -> {
          f.created = p.getValueAsLong(0); // as JsonNode.asLong(0): numbers, numeric strings, else 0
          p.skipChildren();
        }
        case "error" -> f.error = p.readValueAsTree();
        case "choices" -> {
          f.choices = value == JsonToken.START_ARRAY;
          OpenAiJson.readFirstObject(p, value, (field, v) -> {
            switch (field) {
              case "message" -> OpenAiJson.readObject(p, v, (m, mv) -> readMessage(p, f, m, mv));
              case "finish_reason" -> f.finishReason = textOrSkip(p, v);
              case "logprobs" -> f.logprobs = OpenAiJson.treeIfObject(p, v);
              default -> p.skipChildren();
            }
          });
        }
        case "usage" -> f.usage = OpenAiJson.treeIfObject(p, value);
        case "object" -> p.skipChildren(); // always written as "chat.completion"
        default -> f.extraResponse = extra(p, f.extraResponse, name, value);
      }
    });
  }

  private static void readMessage(JsonParser p, Fields f, String name, JsonToken value) throws IOException {
    switch (name) {
      case "reasoning_content" -> f.reasoningContent = textOrSkip(p, value);
      case "reasoning" -> f.reasoning = textOrSkip(p, value);
      case "content" -> f.content = textOrSkip(p, value);
      case "refusal" -> f.refusal = textOrSkip(p, value);
      case "tool_calls" -> f.toolCalls = p.readValueAsTree();
      case "role" -> p.skipChildren(); // always "assistant"
      default -> f.extraMessage = extra(p, f.extraMessage, name, value);
    }
  }

  /**
   * Keeps a field without a canonical slot. A null is dropped: it says nothing a client would miss, and upstreams send
   * null for fields the spec does not allow to be null (the API reference's own example has
   * {@code "system_fingerprint": null}).
   */
  private static Map<String, JsonNode> extra(JsonParser p, Map<String, JsonNode> into, String name, JsonToken value)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) return into;
    Map<String, JsonNode> out = into == null ? new LinkedHashMap<>() : into;
    out.put(name, OpenAiJson.valueTree(p, value));
    return out;
  }

  static String textOrNull(JsonNode n) {
    return n == null || !n.isTextual() ? null : n.textValue();
  }
}
