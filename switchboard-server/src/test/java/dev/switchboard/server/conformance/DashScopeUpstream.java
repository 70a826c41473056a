package dev.switchboard.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testkit.DashScopeWire;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.ReceivedRequest;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.Tokens;
import dev.switchboard.testkit.ToolCall;
import java.util.ArrayList;
import java.util.List;

/** A DashScope upstream: text generation in message format, incremental SSE when {@code X-DashScope-SSE: enable}. */
record DashScopeUpstream() implements UpstreamDriver {
  @Override public String wire() { return "dashscope"; }

  @Override public String provider() { return "cdsc"; }

  @Override public String model() { return "qwen-conf"; }

  @Override public List<Endpoint> endpoints() { return List.of(Endpoint.DASHSCOPE_GENERATION); }

  @Override public List<ToolCall> calls() { return Scenario.CALLS; }

  @Override
  public Reply reply(Feature feature, boolean stream, ReceivedRequest request) {
    return switch (feature) {
      case TEXT, MULTI_TURN, TOOL_RESULTS, IMAGES, WIRE_ONLY_INPUT -> text(stream, Scenario.REPLY_DELTAS, "stop", Scenario.TOKENS);
      case USAGE_CACHED -> text(stream, Scenario.REPLY_DELTAS, "stop", Scenario.CACHED_TOKENS);
      case JSON_MODE -> text(stream, List.of("{\"answer\":", "\"42\"}"), "stop", Scenario.TOKENS);
      case STOP_REASON -> text(stream, List.of("1, 2", ", 3"), "length", Scenario.TOKENS);
      case PARALLEL_TOOLS_STREAM -> stream
          ? Reply.sse(DashScopeWire.streamToolCalls(calls(), 4, Scenario.TOKENS))
          : Reply.json(DashScopeWire.generationToolCalls(calls(), Scenario.TOKENS));
      case REASONING -> Scenario.goldenReply("dashscope", stream);
      case ERROR_BEFORE_FIRST_BYTE -> Reply.json(400, DashScopeWire.error("InvalidParameter", Scenario.REJECTED));
      case ERROR_AFTER_FIRST_BYTE -> {
        if (!stream) yield Reply.json(DashScopeWire.generation(Scenario.REPLY, Scenario.TOKENS)).cutAfter(0);
        List<String> events = new ArrayList<>(DashScopeWire.streamText(List.of(Scenario.PARTIAL, "x"), Scenario.TOKENS, true)
            .subList(0, 1));
        events.add(DashScopeWire.errorEvent(2, 500, "InternalError", Scenario.MID_STREAM));
        yield Reply.sse(events);
      }
    };
  }

  private static Reply text(boolean stream, List<String> deltas, String finish, Tokens tokens) {
    if (!stream) {
      ObjectNode body = DashScopeWire.generation(String.join("", deltas), tokens);
      ((ObjectNode) body.at("/output/choices/0")).put("finish_reason", finish);
      return Reply.json(body);
    }
    return Reply.sse(DashScopeWire.streamText(deltas, tokens, true).stream()
        .map(e -> e.replace("\"finish_reason\":\"stop\"", "\"finish_reason\":\"" + finish + "\"")).toList());
  }

  @Override
  public void checkReceived(Feature feature, boolean stream, ReceivedRequest request, ClientDriver client) {
    assertThat(request.endpoint()).isEqualTo(Endpoint.DASHSCOPE_GENERATION);
    JsonNode b = request.bodyJson();
    JsonNode p = b.path("parameters");
    assertThat(b.path("model").asText()).isEqualTo(model());
    assertThat("enable".equalsIgnoreCase(request.header("X-DashScope-SSE"))).as("X-DashScope-SSE").isEqualTo(stream);
    if (stream) assertThat(p.path("incremental_output").asBoolean()).as("incremental_output").isTrue();
    assertThat(p.path("result_format").asText()).isEqualTo("message");
    Received.turns(this, feature, b);
    JsonNode messages = b.at("/input/messages");
    switch (feature) {
      case PARALLEL_TOOLS_STREAM -> {
        assertThat(p.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(p.at("/tools/0/function/parameters/properties/city/type").asText()).isEqualTo("string");
      }
      case TOOL_RESULTS -> {
        List<String> calls = new ArrayList<>();
        List<String> results = new ArrayList<>();
        for (JsonNode m : messages) {
          for (JsonNode c : m.path("tool_calls")) {
            calls.add(c.path("id").asText() + " " + c.at("/function/name").asText() + " "
                + Received.write(Scenario.json(c.at("/function/arguments").asText())));
          }
          if ("tool".equals(m.path("role").asText())) {
            results.add(m.path("tool_call_id").asText() + "=" + Received.text(m.get("content")));
          }
        }
        assertThat(calls).containsExactly("call_paris get_weather {\"city\":\"Paris\"}",
            "call_tokyo get_weather {\"city\":\"Tokyo\"}");
        assertThat(results).containsExactly("call_paris=" + Scenario.TOOL_RESULT_PARIS,
            "call_tokyo=" + Scenario.TOOL_RESULT_TOKYO);
      }
      case IMAGES -> {
        String image = null;
        for (JsonNode part : messages.get(messages.size() - 1).path("content")) {
          if (part.has("image")) image = part.get("image").asText();
        }
        assertThat(image).isEqualTo("data:image/png;base64," + Scenario.IMAGE_BASE64);
      }
      case JSON_MODE -> {
        assertThat(p.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(p.at("/response_format/json_schema/schema")).isEqualTo(Scenario.JSON_SCHEMA);
      }
      case WIRE_ONLY_INPUT -> assertThat(p.path("enable_search").asBoolean()).as("enable_search, passed through").isTrue();
      case REASONING -> assertThat(p.path("enable_thinking").asBoolean()).as("enable_thinking").isTrue();
      case STOP_REASON -> {
        assertThat(p.path("max_tokens").asInt()).isEqualTo(Scenario.STOP_MAX_TOKENS);
        if (client.sendsStopSequences()) assertThat(Received.strings(p.path("stop"))).containsExactly(Scenario.STOP_SEQUENCE);
      }
      default -> { }
    }
  }

  @Override
  public List<Turn> turns(JsonNode body) {
    List<Turn> out = new ArrayList<>();
    for (JsonNode m : body.at("/input/messages")) out.add(new Turn(m.path("role").asText(), Received.text(m.get("content"))));
    return out;
  }
}
