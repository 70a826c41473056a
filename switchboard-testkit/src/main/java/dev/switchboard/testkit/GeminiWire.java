package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds Gemini API payloads (GenerateContentResponse, SSE chunks, google.rpc error bodies, batchEmbedContents)
 * as the API reference shows them.
 */
public final class GeminiWire {
  public static final String RESPONSE_ID = "fake-response-0001";

  private GeminiWire() {}

  /** A GenerateContentResponse with one text candidate, finishReason STOP. */
  public static ObjectNode generateContent(String model, String text, Tokens tokens) {
    return response(model, List.of(textPart(text)), "STOP", usageMetadata(tokens));
  }

  /** A GenerateContentResponse whose candidate holds one functionCall part per call (args as an object). */
  public static ObjectNode generateContentFunctionCalls(String model, List<ToolCall> calls, Tokens tokens) {
    List<ObjectNode> parts = new ArrayList<>(calls.size());
    for (ToolCall call : calls) parts.add(functionCallPart(call));
    return response(model, parts, "STOP", usageMetadata(tokens));
  }

  /**
   * A text stream: one chunk per delta, each a full GenerateContentResponse; every chunk carries the prompt
   * usage and the last one also carries finishReason and the complete usage.
   */
  public static List<String> streamText(String model, List<String> deltas, Tokens tokens) {
    List<String> events = new ArrayList<>(deltas.size());
    ObjectNode partialUsage = Json.object().put("promptTokenCount", tokens.input())
        .put("totalTokenCount", tokens.input());
    for (int i = 0; i < deltas.size(); i++) {
      boolean last = i == deltas.size() - 1;
      events.add(event(response(model, List.of(textPart(deltas.get(i))), last ? "STOP" : null,
          last ? usageMetadata(tokens) : partialUsage.deepCopy())));
    }
    return events;
  }

  /** The same chunks as {@link #streamText} as the JSON array Gemini streams when {@code alt=sse} is absent. */
  public static ArrayNode streamArray(String model, List<String> deltas, Tokens tokens) {
    ArrayNode array = Json.array();
    for (String event : streamText(model, deltas, tokens)) {
      array.add(Json.parse(event.substring("data: ".length()).strip(), "stream chunk"));
    }
    return array;
  }

  /** A function-call stream: Gemini sends each call whole (never fragmented), all in one final chunk. */
  public static List<String> streamFunctionCalls(String model, List<ToolCall> calls, Tokens tokens) {
    return List.of(event(generateContentFunctionCalls(model, calls, tokens)));
  }

  /** One GenerateContentResponse; a null finishReason is left out, as in mid-stream chunks. */
  public static ObjectNode response(String model, List<ObjectNode> parts, String finishReason, ObjectNode usage) {
    ObjectNode root = Json.object();
    ObjectNode candidate = root.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.putArray("parts").addAll(parts);
    content.put("role", "model");
    if (finishReason != null) candidate.put("finishReason", finishReason);
    candidate.put("index", 0);
    root.set("usageMetadata", usage);
    root.put("modelVersion", model);
    root.put("responseId", RESPONSE_ID);
    return root;
  }

  public static ObjectNode textPart(String text) { return Json.object().put("text", text); }

  public static ObjectNode functionCallPart(ToolCall call) {
    ObjectNode part = Json.object();
    part.putObject("functionCall").put("name", call.name())
        .set("args", Json.parse(call.argumentsJson(), "arguments of tool call " + call.id()));
    return part;
  }

  /**
   * usageMetadata. Gemini's candidatesTokenCount excludes thinking tokens (thoughtsTokenCount) while
   * promptTokenCount includes cached ones (cachedContentTokenCount); zero optional counts are omitted, as Gemini does.
   */
  public static ObjectNode usageMetadata(Tokens tokens) {
    ObjectNode usage = Json.object().put("promptTokenCount", tokens.input())
        .put("candidatesTokenCount", tokens.output() - tokens.reasoning())
        .put("totalTokenCount", tokens.total());
    if (tokens.cached() > 0) usage.put("cachedContentTokenCount", tokens.cached());
    if (tokens.reasoning() > 0) usage.put("thoughtsTokenCount", tokens.reasoning());
    usage.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", tokens.input());
    return usage;
  }

  /** An SSE event as Gemini frames it with {@code alt=sse} (CRLF line ends, no [DONE] terminator). */
  public static String event(JsonNode payload) { return "data: " + Json.write(payload) + "\r\n\r\n"; }

  // ---- errors --------------------------------------------------------------------------------------------------

  /** The google.rpc.Status error body {@code {"error":{"code","message","status"}}}. */
  public static ObjectNode error(int code, String message, String status) {
    ObjectNode root = Json.object();
    root.putObject("error").put("code", code).put("message", message).put("status", status);
    return root;
  }

  /**
   * The body Gemini sends for a wrong API key. Note the HTTP status is 400 INVALID_ARGUMENT (not 401) with
   * reason API_KEY_INVALID in the details.
   */
  public static ObjectNode invalidApiKey() {
    String message = "API key not valid. Please pass a valid API key.";
    ObjectNode root = error(400, message, "INVALID_ARGUMENT");
    ArrayNode details = ((ObjectNode) root.get("error")).putArray("details");
    ObjectNode info = details.addObject().put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
        .put("reason", "API_KEY_INVALID").put("domain", "googleapis.com");
    info.putObject("metadata").put("service", "generativelanguage.googleapis.com");
    details.addObject().put("@type", "type.googleapis.com/google.rpc.LocalizedMessage").put("locale", "en-US")
        .put("message", message);
    return root;
  }

  /** The canonical google.rpc status name for an HTTP status. */
  public static String statusName(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 409 -> "ABORTED";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 499 -> "CANCELLED";
      case 501 -> "UNIMPLEMENTED";
      case 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> httpStatus >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
    };
  }

  /** A representative error body for an HTTP status. */
  public static ObjectNode errorFor(int httpStatus, String model) {
    String message = switch (httpStatus) {
      case 404 -> "models/" + model + " is not found for API version v1beta, or is not supported for "
          + "generateContent. Call ListModels to see the list of available models and their supported methods.";
      case 429 -> "You exceeded your current quota, please check your plan and billing details.";
      case 503 -> "The model is overloaded. Please try again later.";
      case 500 -> "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting";
      default -> "Request failed with status " + httpStatus + ".";
    };
    return error(httpStatus, message, statusName(httpStatus));
  }

  // ---- embeddings ----------------------------------------------------------------------------------------------

  /** A batchEmbedContents response: {@code {"embeddings":[{"values":[...]}]}}. */
  public static ObjectNode batchEmbedContents(List<float[]> vectors) {
    ObjectNode root = Json.object();
    ArrayNode embeddings = root.putArray("embeddings");
    for (float[] vector : vectors) {
      ArrayNode values = embeddings.addObject().putArray("values");
      for (float v : vector) values.add(v);
    }
    return root;
  }
}
