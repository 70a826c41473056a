package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds OpenAI Chat Completions / Embeddings / Models payloads as the API reference shows them. Ids and
 * timestamps are fixed so payloads are deterministic (golden-file friendly).
 */
public final class OpenAiWire {
  public static final String ID = "chatcmpl-fake0001";
  public static final long CREATED = 1_700_000_000L;
  public static final String REQUEST_ID = "req_fake0001";
  public static final String FINGERPRINT = "fp_fake0001";
  /** The stream terminator event. */
  public static final String DONE = "data: [DONE]\n\n";

  private OpenAiWire() {}

  // ---- non-streaming -------------------------------------------------------------------------------------------

  /** A chat.completion with one text choice, finish_reason "stop". */
  public static ObjectNode chatCompletion(String model, String text, Tokens tokens) {
    ObjectNode message = Json.object().put("role", "assistant").put("content", text);
    message.putNull("refusal");
    message.putArray("annotations");
    return completion(model, message, "stop", tokens);
  }

  /** A chat.completion whose assistant message holds (parallel) tool calls, finish_reason "tool_calls". */
  public static ObjectNode chatCompletionToolCalls(String model, List<ToolCall> calls, Tokens tokens) {
    ObjectNode message = Json.object().put("role", "assistant");
    message.putNull("content");
    ArrayNode toolCalls = message.putArray("tool_calls");
    for (ToolCall call : calls) {
      ObjectNode tc = toolCalls.addObject().put("id", call.id()).put("type", "function");
      tc.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
    }
    message.putNull("refusal");
    message.putArray("annotations");
    return completion(model, message, "tool_calls", tokens);
  }

  private static ObjectNode completion(String model, ObjectNode message, String finishReason, Tokens tokens) {
    ObjectNode root = header(model, "chat.completion");
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.set("message", message);
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    root.set("usage", usage(tokens));
    root.put("service_tier", "default");
    root.put("system_fingerprint", FINGERPRINT);
    return root;
  }

  /**
   * A choice's {@code logprobs} object for one token: its UTF-8 first byte, and as top log probabilities the token
   * itself and {@code alternative} (2 lower), as OpenAI answers {@code logprobs: true, top_logprobs: 2}.
   */
  public static ObjectNode logprobs(String token, double logprob, String alternative) {
    ObjectNode lp = Json.object();
    ObjectNode t = lp.putArray("content").addObject().put("token", token).put("logprob", logprob);
    t.putArray("bytes").add(token.codePointAt(0));
    ArrayNode top = t.putArray("top_logprobs");
    top.addObject().put("token", token).put("logprob", logprob).putNull("bytes");
    top.addObject().put("token", alternative).put("logprob", logprob - 2).putNull("bytes");
    lp.putNull("refusal");
    return lp;
  }

  /** The usage object, details included. */
  public static ObjectNode usage(Tokens tokens) {
    ObjectNode usage = Json.object().put("prompt_tokens", tokens.input()).put("completion_tokens", tokens.output())
        .put("total_tokens", tokens.total());
    usage.putObject("prompt_tokens_details").put("cached_tokens", tokens.cached()).put("audio_tokens", 0);
    usage.putObject("completion_tokens_details").put("reasoning_tokens", tokens.reasoning()).put("audio_tokens", 0)
        .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
    return usage;
  }

  // ---- streaming -----------------------------------------------------------------------------------------------

  /**
   * A text stream: role chunk, one chunk per delta, finish chunk, then (when {@code tokens} is non-null, as with
   * {@code stream_options.include_usage}) a usage chunk with empty choices, then {@code data: [DONE]}.
   */
  public static List<String> streamText(String model, List<String> deltas, Tokens tokens) {
    boolean withUsage = tokens != null;
    List<String> events = new ArrayList<>(deltas.size() + 4);
    ObjectNode role = Json.object().put("role", "assistant").put("content", "");
    role.putNull("refusal");
    events.add(event(chunk(model, role, null, withUsage)));
    for (String delta : deltas) events.add(event(chunk(model, Json.object().put("content", delta), null, withUsage)));
    finish(events, model, "stop", tokens);
    return events;
  }

  /**
   * A tool-call stream as OpenAI sends parallel calls: each call opens with its id, type and name (empty
   * arguments), then its arguments arrive in fragments of {@code fragmentChars}; calls follow one another.
   */
  public static List<String> streamToolCalls(String model, List<ToolCall> calls, int fragmentChars, Tokens tokens) {
    if (fragmentChars < 1) throw new IllegalArgumentException("fragmentChars must be >= 1");
    boolean withUsage = tokens != null;
    List<String> events = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      ToolCall call = calls.get(i);
      ObjectNode open = Json.object().put("index", i).put("id", call.id()).put("type", "function");
      open.putObject("function").put("name", call.name()).put("arguments", "");
      ObjectNode delta = Json.object();
      if (i == 0) {
        delta.put("role", "assistant");
        delta.putNull("content");
      }
      delta.putArray("tool_calls").add(open);
      if (i == 0) delta.putNull("refusal");
      events.add(event(chunk(model, delta, null, withUsage)));
      String args = call.argumentsJson();
      for (int from = 0; from < args.length(); from += fragmentChars) {
        ObjectNode fragment = Json.object().put("index", i);
        fragment.putObject("function").put("arguments", args.substring(from, Math.min(args.length(), from + fragmentChars)));
        ObjectNode fd = Json.object();
        fd.putArray("tool_calls").add(fragment);
        events.add(event(chunk(model, fd, null, withUsage)));
      }
    }
    finish(events, model, "tool_calls", tokens);
    return events;
  }

  private static void finish(List<String> events, String model, String finishReason, Tokens tokens) {
    events.add(event(chunk(model, Json.object(), finishReason, tokens != null)));
    if (tokens != null) events.add(event(usageChunk(model, tokens)));
    events.add(DONE);
  }

  /**
   * One chat.completion.chunk with a single choice. {@code nullUsage} adds {@code "usage": null}, as OpenAI does
   * on every chunk but the last when usage reporting is on.
   */
  public static ObjectNode chunk(String model, ObjectNode delta, String finishReason, boolean nullUsage) {
    ObjectNode root = header(model, "chat.completion.chunk");
    root.put("service_tier", "default");
    root.put("system_fingerprint", FINGERPRINT);
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finishReason == null) choice.putNull("finish_reason");
    else choice.put("finish_reason", finishReason);
    if (nullUsage) root.putNull("usage");
    return root;
  }

  /** The final usage chunk: empty choices, full usage. */
  public static ObjectNode usageChunk(String model, Tokens tokens) {
    ObjectNode root = header(model, "chat.completion.chunk");
    root.put("service_tier", "default");
    root.put("system_fingerprint", FINGERPRINT);
    root.putArray("choices");
    root.set("usage", usage(tokens));
    return root;
  }

  /** An SSE {@code data:} event for a JSON payload. */
  public static String event(JsonNode payload) { return "data: " + Json.write(payload) + "\n\n"; }

  private static ObjectNode header(String model, String object) {
    return Json.object().put("id", ID).put("object", object).put("created", CREATED).put("model", model);
  }

  // ---- errors --------------------------------------------------------------------------------------------------

  /** The error envelope {@code {"error":{"message","type","param","code"}}}; null param/code become JSON null. */
  public static ObjectNode error(String message, String type, String param, String code) {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error").put("message", message).put("type", type);
    if (param == null) error.putNull("param"); else error.put("param", param);
    if (code == null) error.putNull("code"); else error.put("code", code);
    return root;
  }

  /** A representative error body for an HTTP status, as OpenAI sends it. */
  public static ObjectNode errorFor(int status, String model) {
    return switch (status) {
      case 400 -> error("Invalid request sent to the fake (status-400).", "invalid_request_error", null, null);
      case 401 -> error("Incorrect API key provided. You can find your API key at "
          + "https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");
      case 403 -> error("Country, region, or territory not supported", "request_forbidden", null,
          "unsupported_country_region_territory");
      case 404 -> error("The model `" + model + "` does not exist or you do not have access to it.",
          "invalid_request_error", null, "model_not_found");
      case 429 -> error("Rate limit reached for " + model + " on requests per min (RPM): Limit 3, Used 3, "
          + "Requested 1. Please try again in 20s.", "requests", null, "rate_limit_exceeded");
      case 503 -> error("The engine is currently overloaded, please try again later.", "server_error", null, null);
      default -> status >= 500
          ? error("The server had an error while processing your request. Sorry about that!", "server_error", null, null)
          : error("Request failed with status " + status + ".", "invalid_request_error", null, null);
    };
  }

  // ---- embeddings and models ---------------------------------------------------------------------------------

  /** An embeddings list: one {@code embedding} object per vector, in order. */
  public static ObjectNode embeddings(String model, List<float[]> vectors, int promptTokens) {
    ObjectNode root = Json.object().put("object", "list");
    ArrayNode data = root.putArray("data");
    for (int i = 0; i < vectors.size(); i++) {
      ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
      ArrayNode values = item.putArray("embedding");
      for (float v : vectors.get(i)) values.add(v);
    }
    root.put("model", model);
    root.putObject("usage").put("prompt_tokens", promptTokens).put("total_tokens", promptTokens);
    return root;
  }

  /** A models list. */
  public static ObjectNode models(List<String> ids) {
    ObjectNode root = Json.object().put("object", "list");
    ArrayNode data = root.putArray("data");
    for (String id : ids) data.addObject().put("id", id).put("object", "model").put("created", CREATED).put("owned_by", "system");
    return root;
  }
}
