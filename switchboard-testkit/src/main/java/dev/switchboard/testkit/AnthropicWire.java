package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Builds Anthropic Messages API payloads (message JSON, named SSE events, errors) as the API reference shows them. */
public final class AnthropicWire {
  public static final String ID = "msg_fake0001";
  public static final String REQUEST_ID = "req_fake0001";

  private AnthropicWire() {}

  // ---- non-streaming -------------------------------------------------------------------------------------------

  /** A message with one text block, stop_reason "end_turn". */
  public static ObjectNode message(String model, String text, Tokens tokens) {
    ObjectNode root = messageHeader(model);
    root.putArray("content").addObject().put("type", "text").put("text", text);
    root.put("stop_reason", "end_turn");
    root.putNull("stop_sequence");
    root.set("usage", usage(tokens, tokens.output()));
    return root;
  }

  /** A message with an optional leading text block and one tool_use block per call, stop_reason "tool_use". */
  public static ObjectNode messageToolUse(String model, String text, List<ToolCall> calls, Tokens tokens) {
    ObjectNode root = messageHeader(model);
    ArrayNode content = root.putArray("content");
    if (text != null) content.addObject().put("type", "text").put("text", text);
    for (ToolCall call : calls) {
      ObjectNode block = content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name());
      block.set("input", Json.parse(call.argumentsJson(), "arguments of tool call " + call.id()));
    }
    root.put("stop_reason", "tool_use");
    root.putNull("stop_sequence");
    root.set("usage", usage(tokens, tokens.output()));
    return root;
  }

  private static ObjectNode messageHeader(String model) {
    return Json.object().put("id", ID).put("type", "message").put("role", "assistant").put("model", model);
  }

  /**
   * The usage object. Anthropic's input_tokens excludes cache reads and writes, which are reported separately.
   */
  public static ObjectNode usage(Tokens tokens, int outputTokens) {
    return Json.object().put("input_tokens", tokens.input() - tokens.cached() - tokens.cacheWrite())
        .put("cache_creation_input_tokens", tokens.cacheWrite())
        .put("cache_read_input_tokens", tokens.cached())
        .put("output_tokens", outputTokens)
        .put("service_tier", "standard");
  }

  // ---- streaming -----------------------------------------------------------------------------------------------

  /**
   * A text stream: message_start, content_block_start, ping, one text_delta per delta, content_block_stop,
   * message_delta (stop_reason, output usage), message_stop.
   */
  public static List<String> streamText(String model, List<String> deltas, Tokens tokens) {
    List<String> events = new ArrayList<>(deltas.size() + 6);
    events.add(messageStart(model, tokens));
    events.add(event("content_block_start", blockStart(0, Json.object().put("type", "text").put("text", ""))));
    events.add(ping());
    for (String delta : deltas) events.add(textDelta(0, delta));
    events.add(blockStop(0));
    events.add(messageDelta("end_turn", tokens.output()));
    events.add(messageStop());
    return events;
  }

  /**
   * A tool-use stream: an optional text block, then one tool_use block per call whose input arrives as
   * input_json_delta fragments of {@code fragmentChars}; stop_reason "tool_use".
   */
  public static List<String> streamToolUse(String model, String text, List<ToolCall> calls, int fragmentChars,
                                           Tokens tokens) {
    if (fragmentChars < 1) throw new IllegalArgumentException("fragmentChars must be >= 1");
    List<String> events = new ArrayList<>();
    events.add(messageStart(model, tokens));
    int index = 0;
    if (text != null) {
      events.add(event("content_block_start", blockStart(0, Json.object().put("type", "text").put("text", ""))));
      events.add(textDelta(0, text));
      events.add(blockStop(0));
      index = 1;
    }
    for (ToolCall call : calls) {
      ObjectNode block = Json.object().put("type", "tool_use").put("id", call.id()).put("name", call.name());
      block.putObject("input");
      events.add(event("content_block_start", blockStart(index, block)));
      String args = call.argumentsJson();
      for (int from = 0; from < args.length(); from += fragmentChars) {
        ObjectNode delta = Json.object().put("type", "input_json_delta")
            .put("partial_json", args.substring(from, Math.min(args.length(), from + fragmentChars)));
        events.add(event("content_block_delta", Json.object().put("type", "content_block_delta").put("index", index)
            .set("delta", delta)));
      }
      events.add(blockStop(index));
      index++;
    }
    events.add(messageDelta("tool_use", tokens.output()));
    events.add(messageStop());
    return events;
  }

  /** message_start: the message shell with empty content and the input usage (output_tokens 1, as Anthropic sends). */
  public static String messageStart(String model, Tokens tokens) {
    ObjectNode message = messageHeader(model);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    message.set("usage", usage(tokens, 1));
    return event("message_start", Json.object().put("type", "message_start").set("message", message));
  }

  public static String textDelta(int index, String text) {
    ObjectNode delta = Json.object().put("type", "text_delta").put("text", text);
    return event("content_block_delta", Json.object().put("type", "content_block_delta").put("index", index)
        .set("delta", delta));
  }

  public static String blockStop(int index) {
    return event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", index));
  }

  public static String messageDelta(String stopReason, int outputTokens) {
    ObjectNode root = Json.object().put("type", "message_delta");
    ObjectNode delta = root.putObject("delta").put("stop_reason", stopReason);
    delta.putNull("stop_sequence");
    root.putObject("usage").put("output_tokens", outputTokens);
    return event("message_delta", root);
  }

  public static String messageStop() { return event("message_stop", Json.object().put("type", "message_stop")); }

  public static String ping() { return event("ping", Json.object().put("type", "ping")); }

  /** A mid-stream error event, e.g. {@code errorEvent("overloaded_error", "Overloaded")}. */
  public static String errorEvent(String type, String message) {
    ObjectNode root = Json.object().put("type", "error");
    root.putObject("error").put("type", type).put("message", message);
    return event("error", root);
  }

  /** A named SSE event: {@code event: <name>} then {@code data: <json>}. */
  public static String event(String name, JsonNode payload) {
    return "event: " + name + "\ndata: " + Json.write(payload) + "\n\n";
  }

  private static ObjectNode blockStart(int index, ObjectNode block) {
    ObjectNode root = Json.object().put("type", "content_block_start").put("index", index);
    root.set("content_block", block);
    return root;
  }

  // ---- errors --------------------------------------------------------------------------------------------------

  /** The error body {@code {"type":"error","error":{"type","message"},"request_id"}}. */
  public static ObjectNode error(String type, String message) {
    ObjectNode root = Json.object().put("type", "error");
    root.putObject("error").put("type", type).put("message", message);
    root.put("request_id", REQUEST_ID);
    return root;
  }

  /** The error type Anthropic documents for an HTTP status. */
  public static String errorType(int status) {
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 402 -> "billing_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 504 -> "timeout_error";
      case 529 -> "overloaded_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }

  /** A representative error body for an HTTP status. */
  public static ObjectNode errorFor(int status) {
    String message = switch (status) {
      case 401 -> "invalid x-api-key";
      case 404 -> "model: not found";
      case 429 -> "Number of request tokens has exceeded your per-minute rate limit.";
      case 529 -> "Overloaded";
      default -> status >= 500 ? "Internal server error" : "Request failed with status " + status;
    };
    return error(errorType(status), message);
  }
}
