package dev.switchboard.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * OpenAI Responses: {@code POST /v1/responses}, Bearer auth. Streams are read from their deltas (text, reasoning
 * summary, function-call arguments by output index); the terminal response.completed / response.incomplete event
 * gives the status and usage.
 */
record ResponsesClient() implements ClientDriver {
  @Override public String wire() { return "responses"; }

  @Override public boolean sendsStopSequences() { return false; }

  @Override
  public HttpRequest request(String url, String key, Feature feature, boolean stream, String model) {
    ObjectNode body = Scenario.clientRequest(wire(), feature, model);
    if (stream) body.put("stream", true);
    return ClientDriver.post(url + "/v1/responses", body.toString()).header("authorization", "Bearer " + key).build();
  }

  @Override
  public void parseJson(String text, Observation o) {
    JsonNode root = Scenario.json(text);
    if (root.hasNonNull("error") && !root.has("output")) {
      error(root.get("error"), o);
      return;
    }
    for (JsonNode item : root.path("output")) {
      switch (item.path("type").asText()) {
        case "message" -> {
          for (JsonNode part : item.path("content")) {
            if ("output_text".equals(part.path("type").asText())) o.text.append(part.path("text").asText());
          }
        }
        case "reasoning" -> {
          for (JsonNode s : item.path("summary")) o.thinking.append(s.path("text").asText());
        }
        case "function_call" -> {
          Observation.Call call = new Observation.Call(item.path("call_id").asText(null), item.path("name").asText(null));
          call.arguments.append(item.path("arguments").asText(""));
          o.calls.add(call);
        }
        default -> { }
      }
    }
    terminal(root, o);
  }

  @Override
  public void parseSse(String text, Observation o) {
    Map<Integer, Observation.Call> byOutput = new HashMap<>();
    for (Sse e : Sse.parse(text)) {
      JsonNode d = e.json();
      switch (d.path("type").asText()) {
        case "response.output_text.delta" -> o.text.append(d.path("delta").asText());
        case "response.reasoning_summary_text.delta" -> o.thinking.append(d.path("delta").asText());
        case "response.output_item.added" -> {
          JsonNode item = d.path("item");
          if ("function_call".equals(item.path("type").asText())) {
            Observation.Call call = new Observation.Call(item.path("call_id").asText(null), item.path("name").asText(null));
            o.calls.add(call);
            byOutput.put(d.path("output_index").asInt(), call);
          }
        }
        case "response.function_call_arguments.delta" -> byOutput.get(d.path("output_index").asInt()).arguments
            .append(d.path("delta").asText());
        case "response.completed", "response.incomplete" -> {
          o.endedProperly = true;
          terminal(d.path("response"), o);
        }
        case "error" -> {
          o.errorEvent = true;
          o.errorType = d.path("code").asText(d.path("type").asText(null));
          o.errorMessage = d.path("message").asText(null);
        }
        case "response.failed" -> {
          o.errorEvent = true;
          if (o.errorMessage == null) error(d.at("/response/error"), o);
        }
        default -> { }
      }
    }
  }

  private static void terminal(JsonNode response, Observation o) {
    String status = response.path("status").asText();
    if ("incomplete".equals(status)) {
      o.finish = "max_output_tokens".equals(response.at("/incomplete_details/reason").asText()) ? "length"
          : response.at("/incomplete_details/reason").asText();
    } else if ("completed".equals(status)) {
      o.finish = o.calls.isEmpty() ? "stop" : "tool_calls";
    } else {
      o.finish = status;
    }
    JsonNode u = response.path("usage");
    if (!u.isMissingNode() && !u.isNull()) {
      o.inputTokens = ClientDriver.intOrNull(u.get("input_tokens"));
      o.outputTokens = ClientDriver.intOrNull(u.get("output_tokens"));
      o.cachedTokens = ClientDriver.intOrNull(u.at("/input_tokens_details/cached_tokens"));
    }
  }

  private static void error(JsonNode err, Observation o) {
    o.errorType = err.path("type").asText(err.path("code").asText(null));
    o.errorMessage = err.path("message").asText(null);
  }
}
