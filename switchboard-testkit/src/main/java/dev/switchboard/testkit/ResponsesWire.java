package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds OpenAI Responses API payloads (Response object, streaming events with sequence numbers) as the API
 * reference shows them. Ids and timestamps are fixed so payloads are deterministic.
 */
public final class ResponsesWire {
  public static final String ID = "resp_fake0001";
  public static final String MESSAGE_ID = "msg_fake0001";
  public static final long CREATED = 1_741_476_542L;

  private ResponsesWire() {}

  /** A completed Response with one assistant message holding {@code text}. */
  public static ObjectNode response(String model, String text, Tokens tokens) {
    ObjectNode root = response(model, "completed");
    root.withArray("output").add(message(text));
    root.set("usage", usage(tokens));
    return root;
  }

  /** A completed Response whose output is (parallel) function_call items. */
  public static ObjectNode responseFunctionCalls(String model, List<ToolCall> calls, Tokens tokens) {
    ObjectNode root = response(model, "completed");
    ArrayNode output = root.withArray("output");
    for (int i = 0; i < calls.size(); i++) output.add(functionCall(i, calls.get(i), calls.get(i).argumentsJson(), "completed"));
    root.set("usage", usage(tokens));
    return root;
  }

  /** The Response object skeleton with the request echo fields OpenAI returns. */
  public static ObjectNode response(String model, String status) {
    ObjectNode r = Json.object().put("id", ID).put("object", "response").put("created_at", CREATED).put("status", status);
    r.put("background", false);
    r.putNull("error");
    r.putNull("incomplete_details");
    r.putNull("instructions");
    r.putNull("max_output_tokens");
    r.put("model", model);
    r.putArray("output");
    r.put("parallel_tool_calls", true);
    r.putNull("previous_response_id");
    r.putObject("reasoning").putNull("effort").putNull("summary");
    r.put("service_tier", "default");
    r.put("store", true);
    r.put("temperature", 1.0);
    r.putObject("text").putObject("format").put("type", "text");
    r.put("tool_choice", "auto");
    r.putArray("tools");
    r.put("top_p", 1.0);
    r.put("truncation", "disabled");
    r.putNull("usage");
    r.putNull("user");
    r.putObject("metadata");
    return r;
  }

  public static ObjectNode message(String text) {
    ObjectNode m = Json.object().put("type", "message").put("id", MESSAGE_ID).put("status", "completed").put("role", "assistant");
    ObjectNode part = m.putArray("content").addObject().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    part.putArray("logprobs");
    return m;
  }

  private static ObjectNode functionCall(int i, ToolCall call, String arguments, String status) {
    return Json.object().put("type", "function_call").put("id", "fc_fake000" + (i + 1)).put("call_id", call.id())
        .put("name", call.name()).put("arguments", arguments).put("status", status);
  }

  /** The usage object with its details. */
  public static ObjectNode usage(Tokens tokens) {
    ObjectNode u = Json.object().put("input_tokens", tokens.input());
    u.putObject("input_tokens_details").put("cached_tokens", tokens.cached());
    u.put("output_tokens", tokens.output());
    u.putObject("output_tokens_details").put("reasoning_tokens", tokens.reasoning());
    u.put("total_tokens", tokens.total());
    return u;
  }

  /**
   * A text stream as OpenAI sends it: response.created, response.in_progress, output_item.added,
   * content_part.added, one output_text.delta per delta, output_text.done, content_part.done, output_item.done,
   * response.completed with usage.
   */
  public static List<String> streamText(String model, List<String> deltas, Tokens tokens) {
    List<String> events = new ArrayList<>(deltas.size() + 8);
    int[] seq = {0};
    ObjectNode inProgress = response(model, "in_progress");
    events.add(event("response.created", seq, e -> e.set("response", inProgress)));
    events.add(event("response.in_progress", seq, e -> e.set("response", inProgress)));
    ObjectNode item = Json.object().put("id", MESSAGE_ID).put("type", "message").put("status", "in_progress").put("role", "assistant");
    item.putArray("content");
    events.add(event("response.output_item.added", seq, e -> e.put("output_index", 0).set("item", item)));
    ObjectNode emptyPart = Json.object().put("type", "output_text").put("text", "");
    emptyPart.putArray("annotations");
    events.add(event("response.content_part.added", seq, e -> part(e).set("part", emptyPart)));
    StringBuilder text = new StringBuilder();
    for (String d : deltas) {
      text.append(d);
      events.add(event("response.output_text.delta", seq, e -> part(e).put("delta", d).putArray("logprobs")));
    }
    String full = text.toString();
    events.add(event("response.output_text.done", seq, e -> part(e).put("text", full).putArray("logprobs")));
    ObjectNode fullPart = Json.object().put("type", "output_text").put("text", full);
    fullPart.putArray("annotations");
    events.add(event("response.content_part.done", seq, e -> part(e).set("part", fullPart)));
    events.add(event("response.output_item.done", seq, e -> e.put("output_index", 0).set("item", message(full))));
    ObjectNode done = response(model, "completed");
    done.withArray("output").add(message(full));
    done.set("usage", usage(tokens));
    events.add(event("response.completed", seq, e -> e.set("response", done)));
    return events;
  }

  /** A stream of (parallel) function calls whose arguments arrive in fragments of {@code fragmentChars}. */
  public static List<String> streamFunctionCalls(String model, List<ToolCall> calls, int fragmentChars, Tokens tokens) {
    List<String> events = new ArrayList<>();
    int[] seq = {0};
    ObjectNode inProgress = response(model, "in_progress");
    events.add(event("response.created", seq, e -> e.set("response", inProgress)));
    events.add(event("response.in_progress", seq, e -> e.set("response", inProgress)));
    ObjectNode done = response(model, "completed");
    for (int i = 0; i < calls.size(); i++) {
      ToolCall call = calls.get(i);
      int index = i;
      String itemId = "fc_fake000" + (i + 1);
      events.add(event("response.output_item.added", seq,
          e -> e.put("output_index", index).set("item", functionCall(index, call, "", "in_progress"))));
      String args = call.argumentsJson();
      for (int from = 0; from < args.length(); from += fragmentChars) {
        String fragment = args.substring(from, Math.min(args.length(), from + fragmentChars));
        events.add(event("response.function_call_arguments.delta", seq,
            e -> e.put("item_id", itemId).put("output_index", index).put("delta", fragment)));
      }
      events.add(event("response.function_call_arguments.done", seq,
          e -> e.put("item_id", itemId).put("output_index", index).put("name", call.name()).put("arguments", args)));
      ObjectNode item = functionCall(index, call, args, "completed");
      events.add(event("response.output_item.done", seq, e -> e.put("output_index", index).set("item", item)));
      done.withArray("output").add(item);
    }
    done.set("usage", usage(tokens));
    events.add(event("response.completed", seq, e -> e.set("response", done)));
    return events;
  }

  /** A stream that fails after it started: response.created then response.failed with a server_error. */
  public static List<String> streamFailed(String model, String message) {
    int[] seq = {0};
    List<String> events = new ArrayList<>(3);
    events.add(event("response.created", seq, e -> e.set("response", response(model, "in_progress"))));
    ObjectNode failed = response(model, "failed");
    failed.putObject("error").put("code", "server_error").put("message", message);
    events.add(event("response.failed", seq, e -> e.set("response", failed)));
    return events;
  }

  private static ObjectNode part(ObjectNode e) {
    return e.put("item_id", MESSAGE_ID).put("output_index", 0).put("content_index", 0);
  }

  private interface Fill { void fill(ObjectNode event); }

  /** {@code event: <type>} plus the JSON data with type first and the next sequence_number last. */
  private static String event(String type, int[] seq, Fill fill) {
    ObjectNode e = Json.object().put("type", type);
    fill.fill(e);
    e.put("sequence_number", seq[0]++);
    return "event: " + type + "\ndata: " + Json.write(e) + "\n\n";
  }

  /** For assertions on received bodies. */
  public static JsonNode parse(String json) { return Json.parse(json, "Responses payload"); }
}
