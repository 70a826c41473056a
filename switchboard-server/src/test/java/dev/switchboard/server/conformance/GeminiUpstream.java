package dev.switchboard.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.GeminiWire;
import dev.switchboard.testkit.ReceivedRequest;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.Tokens;
import dev.switchboard.testkit.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * A Gemini upstream: {@code :generateContent}, and {@code :streamGenerateContent?alt=sse} for streams. Gemini's
 * function calls carry no ids (the gateway makes them up) and arrive whole, never fragmented.
 */
record GeminiUpstream() implements UpstreamDriver {
  @Override public String wire() { return "gemini"; }

  @Override public String provider() { return "cgem"; }

  @Override public String model() { return "gemini-conf"; }

  @Override public List<Endpoint> endpoints() { return List.of(Endpoint.GEMINI_GENERATE, Endpoint.GEMINI_STREAM); }

  @Override public List<ToolCall> calls() {
    return Scenario.CALLS.stream().map(c -> new ToolCall("", c.name(), c.argumentsJson())).toList();
  }

  @Override
  public Reply reply(Feature feature, boolean stream, ReceivedRequest request) {
    String m = model();
    return switch (feature) {
      case TEXT, MULTI_TURN, TOOL_RESULTS, IMAGES, WIRE_ONLY_INPUT -> text(stream, Scenario.REPLY_DELTAS, "STOP", Scenario.TOKENS);
      case USAGE_CACHED -> text(stream, Scenario.REPLY_DELTAS, "STOP", Scenario.CACHED_TOKENS);
      case JSON_MODE -> text(stream, List.of("{\"answer\":", "\"42\"}"), "STOP", Scenario.TOKENS);
      case STOP_REASON -> text(stream, List.of("1, 2", ", 3"), "MAX_TOKENS", Scenario.TOKENS);
      case PARALLEL_TOOLS_STREAM -> stream
          ? Reply.sse(GeminiWire.streamFunctionCalls(m, calls(), Scenario.TOKENS))
          : Reply.json(GeminiWire.generateContentFunctionCalls(m, calls(), Scenario.TOKENS));
      case REASONING -> Scenario.goldenReply("gemini", stream);
      case ERROR_BEFORE_FIRST_BYTE -> Reply.json(400, GeminiWire.error(400, Scenario.REJECTED, "INVALID_ARGUMENT"));
      case ERROR_AFTER_FIRST_BYTE -> {
        if (!stream) yield Reply.json(GeminiWire.generateContent(m, Scenario.REPLY, Scenario.TOKENS)).cutAfter(0);
        List<String> events = new ArrayList<>(GeminiWire.streamText(m, List.of(Scenario.PARTIAL, "x"), Scenario.TOKENS)
            .subList(0, 1));
        events.add(GeminiWire.event(GeminiWire.error(500, Scenario.MID_STREAM, "INTERNAL")));
        yield Reply.sse(events);
      }
    };
  }

  private Reply text(boolean stream, List<String> deltas, String finish, Tokens tokens) {
    if (!stream) {
      ObjectNode body = GeminiWire.generateContent(model(), String.join("", deltas), tokens);
      ((ObjectNode) body.at("/candidates/0")).put("finishReason", finish);
      return Reply.json(body);
    }
    return Reply.sse(GeminiWire.streamText(model(), deltas, tokens).stream()
        .map(e -> e.replace("\"finishReason\":\"STOP\"", "\"finishReason\":\"" + finish + "\"")).toList());
  }

  @Override
  public void checkReceived(Feature feature, boolean stream, ReceivedRequest request, ClientDriver client) {
    assertThat(request.endpoint()).isEqualTo(stream ? Endpoint.GEMINI_STREAM : Endpoint.GEMINI_GENERATE);
    if (stream) assertThat(request.queryParam("alt")).isEqualTo("sse");
    assertThat(request.model()).isEqualTo(model());
    JsonNode b = request.bodyJson();
    Received.turns(this, feature, b);
    JsonNode contents = b.path("contents");
    JsonNode config = b.path("generationConfig");
    switch (feature) {
      case PARALLEL_TOOLS_STREAM -> {
        JsonNode fn = b.at("/tools/0/functionDeclarations/0");
        assertThat(fn.path("name").asText()).isEqualTo("get_weather");
        JsonNode params = fn.has("parametersJsonSchema") ? fn.get("parametersJsonSchema") : fn.path("parameters");
        assertThat(params.at("/properties/city/type").asText()).isEqualToIgnoringCase("string");
      }
      case TOOL_RESULTS -> {
        List<String> calls = new ArrayList<>();
        List<String> responses = new ArrayList<>();
        for (JsonNode turn : contents) {
          for (JsonNode part : turn.path("parts")) {
            if (part.has("functionCall")) {
              assertThat(turn.path("role").asText()).isEqualTo("model");
              calls.add(part.at("/functionCall/name").asText() + " " + Received.write(part.at("/functionCall/args")));
            }
            if (part.has("functionResponse")) {
              assertThat(turn.path("role").asText()).isEqualTo("user");
              responses.add(part.at("/functionResponse/name").asText() + "=" + Received.write(part.at("/functionResponse/response")));
            }
          }
        }
        assertThat(calls).containsExactly("get_weather {\"city\":\"Paris\"}", "get_weather {\"city\":\"Tokyo\"}");
        assertThat(responses).hasSize(2);
        assertThat(responses.get(0)).startsWith("get_weather=").contains(Scenario.TOOL_RESULT_PARIS);
        assertThat(responses.get(1)).startsWith("get_weather=").contains(Scenario.TOOL_RESULT_TOKYO);
      }
      case IMAGES -> {
        JsonNode inline = null;
        for (JsonNode part : contents.get(contents.size() - 1).path("parts")) {
          if (part.has("inlineData")) inline = part.get("inlineData");
        }
        assertThat(inline).as("inlineData part").isNotNull();
        assertThat(inline.path("mimeType").asText()).isEqualTo("image/png");
        assertThat(inline.path("data").asText()).isEqualTo(Scenario.IMAGE_BASE64);
      }
      case JSON_MODE -> {
        assertThat(config.path("responseMimeType").asText()).isEqualTo("application/json");
        JsonNode schema = config.has("responseJsonSchema") ? config.get("responseJsonSchema") : config.path("responseSchema");
        assertThat(schema.at("/properties/answer/type").asText()).isEqualToIgnoringCase("string");
      }
      case REASONING -> {
        assertThat(config.at("/thinkingConfig/includeThoughts").asBoolean()).as("includeThoughts").isTrue();
        assertThat(config.at("/thinkingConfig/thinkingBudget").asInt()).as("thinkingBudget").isPositive();
      }
      case STOP_REASON -> {
        assertThat(config.path("maxOutputTokens").asInt()).isEqualTo(Scenario.STOP_MAX_TOKENS);
        if (client.sendsStopSequences()) {
          assertThat(Received.strings(config.path("stopSequences"))).containsExactly(Scenario.STOP_SEQUENCE);
        }
      }
      default -> { }
    }
  }

  @Override
  public List<Turn> turns(JsonNode body) {
    List<Turn> out = new ArrayList<>();
    JsonNode system = body.path("systemInstruction").path("parts");
    if (!Received.text(system).isEmpty()) out.add(new Turn("system", Received.text(system)));
    for (JsonNode c : body.path("contents")) {
      String role = c.path("role").asText();
      out.add(new Turn("model".equals(role) ? "assistant" : role, Received.text(c.path("parts"))));
    }
    return out;
  }
}
