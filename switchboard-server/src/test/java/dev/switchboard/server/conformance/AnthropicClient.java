package dev.switchboard.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;

/**
 * Anthropic Messages: {@code POST /v1/messages} with {@code x-api-key} and {@code anthropic-version: 2023-06-01}
 * (curl's style), named SSE events from message_start to message_stop.
 */
record AnthropicClient() implements ClientDriver {
  @Override public String wire() { return "anthropic"; }

  @Override
  public HttpRequest request(String url, String key, Feature feature, boolean stream, String model) {
    ObjectNode body = Scenario.clientRequest(wire(), feature, model);
    if (stream) body.put("stream", true);
    return ClientDriver.post(url + "/v1/messages", body.toString()).header("x-api-key", key)
        .header("anthropic-version", "2023-06-01").build();
  }

  @Override
  public void parseJson(String text, Observation o) {
    JsonNode root = Scenario.json(text);
    if ("error".equals(root.path("type").asText())) {
      error(root.get("error"), o);
      return;
    }
    for (JsonNode b : root.path("content")) {
      switch (b.path("type").asText()) {
        case "text" -> o.text.append(b.path("text").asText());
        case "thinking" -> o.thinking.append(b.path("thinking").asText());
        case "tool_use" -> {
          Observation.Call call = new Observation.Call(b.path("id").asText(null), b.path("name").asText(null));
          call.arguments.append(b.path("input").toString());
          o.calls.add(call);
        }
        default -> { }
      }
    }
    o.finish = finish(root.path("stop_reason").asText(null));
    usage(root.path("usage"), o);
  }

  @Override
  public void parseSse(String text, Observation o) {
    // Tool-use blocks by content index: the stream addresses blocks, not calls.
    java.util.Map<Integer, Observation.Call> byBlock = new java.util.HashMap<>();
    for (Sse e : Sse.parse(text)) {
      JsonNode d = e.json();
      switch (d.path("type").asText()) {
        case "message_start" -> usage(d.at("/message/usage"), o);
        case "content_block_start" -> {
          JsonNode b = d.path("content_block");
          if ("tool_use".equals(b.path("type").asText())) {
            Observation.Call call = new Observation.Call(b.path("id").asText(null), b.path("name").asText(null));
            o.calls.add(call);
            byBlock.put(d.path("index").asInt(), call);
          }
        }
        case "content_block_delta" -> {
          JsonNode delta = d.path("delta");
          switch (delta.path("type").asText()) {
            case "text_delta" -> o.text.append(delta.path("text").asText());
            case "thinking_delta" -> o.thinking.append(delta.path("thinking").asText());
            case "input_json_delta" -> byBlock.get(d.path("index").asInt()).arguments
                .append(delta.path("partial_json").asText());
            default -> { }
          }
        }
        case "message_delta" -> {
          o.finish = finish(d.at("/delta/stop_reason").asText(null));
          usage(d.path("usage"), o);
        }
        case "message_stop" -> o.endedProperly = true;
        case "error" -> {
          o.errorEvent = true;
          error(d.path("error"), o);
        }
        default -> { }
      }
    }
    // A tool_use block opened with "input": {} and streamed nothing has empty arguments: that is {}.
    for (Observation.Call c : o.calls) if (c.arguments.isEmpty()) c.arguments.append("{}");
  }

  private static String finish(String stopReason) {
    if (stopReason == null) return null;
    return switch (stopReason) {
      case "end_turn", "stop_sequence" -> "stop";
      case "max_tokens" -> "length";
      case "tool_use" -> "tool_calls";
      default -> stopReason;
    };
  }

  /** Anthropic's input_tokens excludes cache reads and writes: add them back for OpenAI's convention. */
  private static void usage(JsonNode u, Observation o) {
    if (u.isMissingNode() || u.isNull()) return;
    if (u.has("input_tokens")) {
      o.inputTokens = u.get("input_tokens").asInt() + u.path("cache_read_input_tokens").asInt(0)
          + u.path("cache_creation_input_tokens").asInt(0);
      o.cachedTokens = ClientDriver.intOrNull(u.get("cache_read_input_tokens"));
    }
    if (u.has("output_tokens")) o.outputTokens = u.get("output_tokens").asInt();
  }

  private static void error(JsonNode err, Observation o) {
    o.errorType = err.path("type").asText(null);
    o.errorMessage = err.path("message").asText(null);
  }
}
