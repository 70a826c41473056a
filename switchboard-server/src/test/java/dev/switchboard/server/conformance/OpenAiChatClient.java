package dev.switchboard.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;

/** OpenAI Chat Completions: {@code POST /v1/chat/completions}, Bearer auth, {@code data:} chunks ending in [DONE]. */
record OpenAiChatClient() implements ClientDriver {
  @Override public String wire() { return "openai-chat"; }

  @Override
  public HttpRequest request(String url, String key, Feature feature, boolean stream, String model) {
    ObjectNode body = Scenario.clientRequest(wire(), feature, model);
    if (stream) {
      body.put("stream", true);
      body.putObject("stream_options").put("include_usage", true);
    }
    return ClientDriver.post(url + "/v1/chat/completions", body.toString()).header("authorization", "Bearer " + key)
        .build();
  }

  @Override
  public void parseJson(String text, Observation o) {
    JsonNode root = Scenario.json(text);
    if (root.has("error")) {
      error(root.get("error"), o);
      return;
    }
    JsonNode choice = root.path("choices").path(0);
    JsonNode msg = choice.path("message");
    o.text.append(msg.path("content").asText(""));
    o.thinking.append(msg.path("reasoning_content").asText(""));
    for (JsonNode c : msg.path("tool_calls")) {
      Observation.Call call = new Observation.Call(c.path("id").asText(null), c.at("/function/name").asText(null));
      call.arguments.append(c.at("/function/arguments").asText(""));
      o.calls.add(call);
    }
    o.finish = choice.path("finish_reason").asText(null);
    usage(root.path("usage"), o);
  }

  @Override
  public void parseSse(String text, Observation o) {
    for (Sse e : Sse.parse(text)) {
      if ("[DONE]".equals(e.data())) {
        o.endedProperly = true;
        continue;
      }
      JsonNode chunk = e.json();
      if (chunk.has("error")) {
        o.errorEvent = true;
        error(chunk.get("error"), o);
        continue;
      }
      for (JsonNode choice : chunk.path("choices")) {
        JsonNode delta = choice.path("delta");
        if (delta.hasNonNull("content")) o.text.append(delta.get("content").asText());
        if (delta.hasNonNull("reasoning_content")) o.thinking.append(delta.get("reasoning_content").asText());
        for (JsonNode c : delta.path("tool_calls")) {
          Observation.Call call = o.call(c.path("index").asInt());
          if (c.hasNonNull("id")) call.id = c.get("id").asText();
          if (c.at("/function/name").isTextual()) call.name = c.at("/function/name").asText();
          call.arguments.append(c.at("/function/arguments").asText(""));
        }
        if (choice.hasNonNull("finish_reason")) o.finish = choice.get("finish_reason").asText();
      }
      if (chunk.hasNonNull("usage")) usage(chunk.get("usage"), o);
    }
  }

  private static void usage(JsonNode u, Observation o) {
    if (u.isMissingNode() || u.isNull()) return;
    o.inputTokens = ClientDriver.intOrNull(u.get("prompt_tokens"));
    o.outputTokens = ClientDriver.intOrNull(u.get("completion_tokens"));
    o.cachedTokens = ClientDriver.intOrNull(u.at("/prompt_tokens_details/cached_tokens"));
  }

  private static void error(JsonNode err, Observation o) {
    o.errorType = err.path("type").asText(null);
    o.errorMessage = err.path("message").asText(null);
  }
}
