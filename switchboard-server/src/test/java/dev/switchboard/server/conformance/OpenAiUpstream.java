package dev.switchboard.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.ReceivedRequest;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.ToolCall;
import java.util.ArrayList;
import java.util.List;

/** An OpenAI-compatible upstream: {@code POST /v1/chat/completions}. */
record OpenAiUpstream() implements UpstreamDriver {
  @Override public String wire() { return "openai"; }

  @Override public String provider() { return "coai"; }

  @Override public String model() { return "gpt-conf"; }

  @Override public List<Endpoint> endpoints() { return List.of(Endpoint.OPENAI_CHAT); }

  @Override public List<ToolCall> calls() { return Scenario.CALLS; }

  @Override
  public Reply reply(Feature feature, boolean stream, ReceivedRequest request) {
    String m = model();
    return switch (feature) {
      case TEXT, MULTI_TURN, TOOL_RESULTS, IMAGES, WIRE_ONLY_INPUT -> text(stream, Scenario.REPLY_DELTAS, "stop", Scenario.TOKENS);
      case USAGE_CACHED -> text(stream, Scenario.REPLY_DELTAS, "stop", Scenario.CACHED_TOKENS);
      case JSON_MODE -> text(stream, List.of("{\"answer\":", "\"42\"}"), "stop", Scenario.TOKENS);
      case STOP_REASON -> text(stream, List.of("1, 2", ", 3"), "length", Scenario.TOKENS);
      case PARALLEL_TOOLS_STREAM -> stream
          ? Reply.sse(OpenAiWire.streamToolCalls(m, calls(), 4, Scenario.TOKENS))
          : Reply.json(OpenAiWire.chatCompletionToolCalls(m, calls(), Scenario.TOKENS));
      case REASONING -> Scenario.goldenReply("openai", stream);
      case ERROR_BEFORE_FIRST_BYTE -> Reply.json(400, OpenAiWire.error(Scenario.REJECTED, "invalid_request_error", null, null));
      case ERROR_AFTER_FIRST_BYTE -> {
        if (!stream) yield Reply.json(OpenAiWire.chatCompletion(m, Scenario.REPLY, Scenario.TOKENS)).cutAfter(0);
        List<String> events = new ArrayList<>(OpenAiWire.streamText(m, List.of(Scenario.PARTIAL), Scenario.TOKENS)
            .subList(0, 2));
        events.add(OpenAiWire.event(OpenAiWire.error(Scenario.MID_STREAM, "server_error", null, null)));
        yield Reply.sse(events);
      }
    };
  }

  private Reply text(boolean stream, List<String> deltas, String finish, dev.switchboard.testkit.Tokens tokens) {
    if (!stream) {
      var body = OpenAiWire.chatCompletion(model(), String.join("", deltas), tokens);
      ((com.fasterxml.jackson.databind.node.ObjectNode) body.at("/choices/0")).put("finish_reason", finish);
      return Reply.json(body);
    }
    List<String> events = OpenAiWire.streamText(model(), deltas, tokens);
    return Reply.sse(events.stream().map(e -> e.replace("\"finish_reason\":\"stop\"", "\"finish_reason\":\"" + finish + "\""))
        .toList());
  }

  @Override
  public void checkReceived(Feature feature, boolean stream, ReceivedRequest request, ClientDriver client) {
    assertThat(request.endpoint()).isEqualTo(Endpoint.OPENAI_CHAT);
    JsonNode b = request.bodyJson();
    assertThat(b.path("model").asText()).isEqualTo(model());
    assertThat(b.path("stream").asBoolean(false)).as("stream").isEqualTo(stream);
    Received.turns(this, feature, b);
    JsonNode messages = b.path("messages");
    switch (feature) {
      case PARALLEL_TOOLS_STREAM -> {
        assertThat(b.at("/tools/0/type").asText()).isEqualTo("function");
        assertThat(b.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(b.at("/tools/0/function/parameters/properties/city/type").asText()).isEqualTo("string");
      }
      case TOOL_RESULTS -> {
        JsonNode assistant = find(messages, "assistant");
        assertThat(assistant.at("/tool_calls/0/id").asText()).isEqualTo("call_paris");
        assertThat(assistant.at("/tool_calls/1/id").asText()).isEqualTo("call_tokyo");
        assertThat(assistant.at("/tool_calls/1/function/name").asText()).isEqualTo("get_weather");
        Received.sameJson(assistant.at("/tool_calls/1/function/arguments").asText(), "{\"city\":\"Tokyo\"}", "arguments");
        List<String> results = new ArrayList<>();
        for (JsonNode m : messages) {
          if ("tool".equals(m.path("role").asText())) results.add(m.path("tool_call_id").asText() + "=" + Received.text(m.get("content")));
        }
        assertThat(results).containsExactly("call_paris=" + Scenario.TOOL_RESULT_PARIS, "call_tokyo=" + Scenario.TOOL_RESULT_TOKYO);
      }
      case IMAGES -> {
        JsonNode parts = messages.get(messages.size() - 1).path("content");
        String url = null;
        for (JsonNode p : parts) if ("image_url".equals(p.path("type").asText())) url = p.at("/image_url/url").asText();
        assertThat(url).isEqualTo("data:image/png;base64," + Scenario.IMAGE_BASE64);
        assertThat(Received.text(parts)).isEqualTo("What is in this image?");
      }
      case JSON_MODE -> {
        assertThat(b.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(b.at("/response_format/json_schema/schema")).isEqualTo(Scenario.JSON_SCHEMA);
      }
      case REASONING -> assertThat(b.path("reasoning_effort").asText()).isIn("minimal", "low", "medium", "high");
      case STOP_REASON -> {
        JsonNode max = b.has("max_completion_tokens") ? b.get("max_completion_tokens") : b.path("max_tokens");
        assertThat(max.asInt()).as("max tokens").isEqualTo(Scenario.STOP_MAX_TOKENS);
        if (client.sendsStopSequences()) assertThat(Received.strings(b.path("stop"))).containsExactly(Scenario.STOP_SEQUENCE);
      }
      case USAGE_CACHED -> {
        if (stream) assertThat(b.at("/stream_options/include_usage").asBoolean()).as("include_usage").isTrue();
      }
      default -> { }
    }
  }

  private static JsonNode find(JsonNode messages, String role) {
    for (JsonNode m : messages) if (role.equals(m.path("role").asText())) return m;
    throw new AssertionError("no " + role + " message in " + messages);
  }

  @Override
  public List<Turn> turns(JsonNode body) {
    List<Turn> out = new ArrayList<>();
    for (JsonNode m : body.path("messages")) {
      String role = m.path("role").asText();
      if (role.equals("developer")) role = "system";
      out.add(new Turn(role, Received.text(m.get("content"))));
    }
    return out;
  }
}
