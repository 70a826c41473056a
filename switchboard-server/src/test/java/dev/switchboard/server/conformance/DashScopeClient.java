package dev.switchboard.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;

/**
 * DashScope text generation: {@code POST /api/v1/services/aigc/text-generation/generation}, Bearer auth, message
 * result format; streams switched on by {@code X-DashScope-SSE: enable} with incremental output (the golden
 * requests set it), so each {@code event:result} carries a delta. A DashScope stream has no end marker: it ended
 * properly when an event carries a real finish_reason.
 */
record DashScopeClient() implements ClientDriver {
  @Override public String wire() { return "dashscope"; }

  @Override
  public HttpRequest request(String url, String key, Feature feature, boolean stream, String model) {
    ObjectNode body = Scenario.clientRequest(wire(), feature, model);
    HttpRequest.Builder b = ClientDriver.post(url + "/api/v1/services/aigc/text-generation/generation", body.toString())
        .header("authorization", "Bearer " + key);
    if (stream) b.header("X-DashScope-SSE", "enable");
    return b.build();
  }

  @Override
  public void parseJson(String text, Observation o) {
    JsonNode root = Scenario.json(text);
    if (root.hasNonNull("code") && !root.has("output")) {
      o.errorType = root.get("code").asText();
      o.errorMessage = root.path("message").asText(null);
      return;
    }
    event(root, o, false);
  }

  @Override
  public void parseSse(String text, Observation o) {
    for (Sse e : Sse.parse(text)) {
      JsonNode d = e.json();
      if ("error".equals(e.event())) {
        o.errorEvent = true;
        o.errorType = d.path("code").asText(null);
        o.errorMessage = d.path("message").asText(null);
        continue;
      }
      event(d, o, true);
    }
  }

  private static void event(JsonNode root, Observation o, boolean stream) {
    JsonNode choice = root.at("/output/choices/0");
    JsonNode msg = choice.path("message");
    o.text.append(msg.path("content").asText(""));
    o.thinking.append(msg.path("reasoning_content").asText(""));
    int i = 0;
    for (JsonNode c : msg.path("tool_calls")) {
      Observation.Call call = stream ? o.call(c.path("index").asInt(i)) : o.call(o.calls.size());
      String id = c.path("id").asText("");
      if (!id.isEmpty()) call.id = id;
      if (c.at("/function/name").isTextual() && !c.at("/function/name").asText().isEmpty()) {
        call.name = c.at("/function/name").asText();
      }
      call.arguments.append(c.at("/function/arguments").asText(""));
      i++;
    }
    String finish = choice.path("finish_reason").asText(null);
    if (finish != null && !"null".equals(finish)) {
      o.finish = finish;
      o.endedProperly = true;
    }
    JsonNode u = root.path("usage");
    if (!u.isMissingNode() && !u.isNull()) {
      o.inputTokens = ClientDriver.intOrNull(u.get("input_tokens"));
      o.outputTokens = ClientDriver.intOrNull(u.get("output_tokens"));
      o.cachedTokens = ClientDriver.intOrNull(u.at("/prompt_tokens_details/cached_tokens"));
    }
  }
}
