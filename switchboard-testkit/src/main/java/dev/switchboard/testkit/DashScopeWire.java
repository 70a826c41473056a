package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds DashScope text-generation payloads (Alibaba Cloud Model Studio's native API) as its API reference shows
 * them: {@code {output, usage, request_id}} bodies in message or text format, SSE events ({@code id:},
 * {@code event:result}, {@code :HTTP_STATUS/200}, {@code data:}) incremental or cumulative, and
 * {@code {code, message, request_id}} errors.
 */
public final class DashScopeWire {
  public static final String REQUEST_ID = "5f7a2c1e-fake-9b1d-8c3e-000000000001";
  /** The path under the base URL ({@code …/api/v1}). */
  public static final String GENERATION_PATH = "/services/aigc/text-generation/generation";

  private DashScopeWire() {}

  // ---- non-streaming -------------------------------------------------------------------------------------------

  /** result_format "message": one choice with an assistant message, finish_reason "stop". */
  public static ObjectNode generation(String text, Tokens tokens) {
    ObjectNode root = Json.object();
    ObjectNode choice = root.putObject("output").putArray("choices").addObject();
    choice.put("finish_reason", "stop");
    choice.putObject("message").put("role", "assistant").put("content", text);
    root.set("usage", usage(tokens));
    root.put("request_id", REQUEST_ID);
    return root;
  }

  /** result_format "text": {@code output.text} and {@code output.finish_reason}. */
  public static ObjectNode generationText(String text, Tokens tokens) {
    ObjectNode root = Json.object();
    root.putObject("output").put("finish_reason", "stop").put("text", text);
    root.set("usage", usage(tokens));
    root.put("request_id", REQUEST_ID);
    return root;
  }

  /** Tool calls (message format, content "", finish_reason "tool_calls"). */
  public static ObjectNode generationToolCalls(List<ToolCall> calls, Tokens tokens) {
    ObjectNode root = Json.object();
    ObjectNode choice = root.putObject("output").putArray("choices").addObject();
    choice.put("finish_reason", "tool_calls");
    ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", "");
    ArrayNode list = message.putArray("tool_calls");
    for (int i = 0; i < calls.size(); i++) {
      ToolCall c = calls.get(i);
      ObjectNode call = list.addObject().put("index", i).put("id", c.id()).put("type", "function");
      call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
    }
    root.set("usage", usage(tokens));
    root.put("request_id", REQUEST_ID);
    return root;
  }

  /** input/output/total tokens, plus the cached and reasoning details when non-zero. */
  public static ObjectNode usage(Tokens tokens) {
    ObjectNode u = Json.object().put("input_tokens", tokens.input()).put("output_tokens", tokens.output())
        .put("total_tokens", tokens.total());
    if (tokens.cached() > 0) u.putObject("prompt_tokens_details").put("cached_tokens", tokens.cached());
    if (tokens.reasoning() > 0) u.putObject("output_tokens_details").put("reasoning_tokens", tokens.reasoning());
    return u;
  }

  // ---- streaming -----------------------------------------------------------------------------------------------

  /**
   * A text stream in message format, one event per delta; the last one carries finish_reason "stop". With
   * {@code incremental} false each event repeats the text so far, as DashScope does by default. Every event
   * carries the usage so far (input tokens, output tokens counted per event).
   */
  public static List<String> streamText(List<String> deltas, Tokens tokens, boolean incremental) {
    List<String> events = new ArrayList<>(deltas.size());
    StringBuilder sofar = new StringBuilder();
    for (int i = 0; i < deltas.size(); i++) {
      sofar.append(deltas.get(i));
      boolean last = i == deltas.size() - 1;
      ObjectNode message = Json.object().put("role", "assistant")
          .put("content", incremental ? deltas.get(i) : sofar.toString());
      int out = last ? tokens.output() : Math.min(i + 1, tokens.output());
      events.add(event(i + 1, result(message, last ? "stop" : "null",
          new Tokens(tokens.input(), out, tokens.cached(), 0, Math.min(tokens.reasoning(), out)))));
    }
    return events;
  }

  /** A text stream in text format ({@code output.text}), incremental or cumulative. */
  public static List<String> streamPlainText(List<String> deltas, Tokens tokens, boolean incremental) {
    List<String> events = new ArrayList<>(deltas.size());
    StringBuilder sofar = new StringBuilder();
    for (int i = 0; i < deltas.size(); i++) {
      sofar.append(deltas.get(i));
      boolean last = i == deltas.size() - 1;
      ObjectNode root = Json.object();
      root.putObject("output").put("finish_reason", last ? "stop" : "null")
          .put("text", incremental ? deltas.get(i) : sofar.toString());
      root.set("usage", usage(last ? tokens : Tokens.of(tokens.input(), Math.min(i + 1, tokens.output()))));
      root.put("request_id", REQUEST_ID);
      events.add(event(i + 1, root));
    }
    return events;
  }

  /** Thinking (reasoning_content deltas) then answer deltas, incremental; the last event finishes. */
  public static List<String> streamThinking(List<String> thoughts, List<String> deltas, Tokens tokens) {
    List<String> events = new ArrayList<>();
    int n = 0;
    for (String t : thoughts) {
      ObjectNode message = Json.object().put("role", "assistant").put("content", "").put("reasoning_content", t);
      events.add(event(++n, result(message, "null", null)));
    }
    for (int i = 0; i < deltas.size(); i++) {
      boolean last = i == deltas.size() - 1;
      ObjectNode message = Json.object().put("role", "assistant").put("content", deltas.get(i)).put("reasoning_content", "");
      events.add(event(++n, result(message, last ? "stop" : "null", last ? tokens : null)));
    }
    return events;
  }

  /**
   * Tool calls streamed incrementally: per call a first event with index, id and name, then argument fragments of
   * {@code fragmentChars}; a last event with finish_reason "tool_calls" and the usage.
   */
  public static List<String> streamToolCalls(List<ToolCall> calls, int fragmentChars, Tokens tokens) {
    if (fragmentChars < 1) throw new IllegalArgumentException("fragmentChars must be >= 1");
    List<String> events = new ArrayList<>();
    int n = 0;
    for (int i = 0; i < calls.size(); i++) {
      ToolCall c = calls.get(i);
      events.add(event(++n, result(toolMessage(i, c.id(), c.name(), ""), "null", null)));
      String args = c.argumentsJson();
      for (int from = 0; from < args.length(); from += fragmentChars) {
        String fragment = args.substring(from, Math.min(args.length(), from + fragmentChars));
        events.add(event(++n, result(toolMessage(i, "", null, fragment), "null", null)));
      }
    }
    events.add(event(++n, result(Json.object().put("role", "assistant").put("content", ""), "tool_calls", tokens)));
    return events;
  }

  private static ObjectNode toolMessage(int index, String id, String name, String arguments) {
    ObjectNode message = Json.object().put("role", "assistant").put("content", "");
    ObjectNode call = message.putArray("tool_calls").addObject().put("index", index).put("id", id).put("type", "function");
    ObjectNode fn = call.putObject("function");
    if (name != null) fn.put("name", name);
    fn.put("arguments", arguments);
    return message;
  }

  /** {@code {"output":{"choices":[{"message":…,"finish_reason":…}]},"usage":…,"request_id":…}}; usage may be null. */
  public static ObjectNode result(ObjectNode message, String finishReason, Tokens tokens) {
    ObjectNode root = Json.object();
    ObjectNode choice = root.putObject("output").putArray("choices").addObject();
    choice.set("message", message);
    choice.put("finish_reason", finishReason);
    if (tokens != null) root.set("usage", usage(tokens));
    root.put("request_id", REQUEST_ID);
    return root;
  }

  /** {@code id:N}, {@code event:result}, {@code :HTTP_STATUS/200}, {@code data:<json>}. */
  public static String event(int id, JsonNode payload) {
    return "id:" + id + "\nevent:result\n:HTTP_STATUS/200\ndata:" + Json.write(payload) + "\n\n";
  }

  /** A mid-stream error event, e.g. {@code errorEvent(7, 500, "InternalError", "Internal server error!")}. */
  public static String errorEvent(int id, int status, String code, String message) {
    return "id:" + id + "\nevent:error\n:HTTP_STATUS/" + status + "\ndata:" + Json.write(error(code, message)) + "\n\n";
  }

  // ---- errors --------------------------------------------------------------------------------------------------

  /** {@code {"code","message","request_id"}}. */
  public static ObjectNode error(String code, String message) {
    return Json.object().put("code", code).put("message", message).put("request_id", REQUEST_ID);
  }

  /** A representative error body for an HTTP status, with DashScope's code and message for it. */
  public static ObjectNode errorFor(int status, String model) {
    return switch (status) {
      case 401 -> error("InvalidApiKey", "Invalid API-key provided.");
      case 403 -> error("AccessDenied", "Access denied.");
      case 404 -> error("ModelNotFound", "Model not exist: " + model);
      case 429 -> error("Throttling.RateQuota", "Requests rate limit exceeded, please try again later.");
      case 400 -> error("InvalidParameter", "Required parameter(s) missing or invalid, please check the request parameters.");
      default -> status >= 500 ? error("InternalError", "An internal error has occured, please try again later.")
          : error("InvalidParameter", "Request failed with status " + status);
    };
  }
}
