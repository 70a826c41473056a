package dev.switchboard.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testkit.AnthropicWire;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.ReceivedRequest;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.Tokens;
import dev.switchboard.testkit.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * An Anthropic upstream: {@code POST /v1/messages}. JSON mode reaches it either as the client's own
 * {@code output_config.format} (Anthropic client, pass-through) or as the gateway's forced {@code json_response}
 * tool (any other client), and the answer follows what arrived.
 */
record AnthropicUpstream() implements UpstreamDriver {
  static final String JSON_TOOL = "json_response";

  @Override public String wire() { return "anthropic"; }

  @Override public String provider() { return "canth"; }

  @Override public String model() { return "claude-conf"; }

  @Override public List<Endpoint> endpoints() { return List.of(Endpoint.ANTHROPIC_MESSAGES); }

  @Override public List<ToolCall> calls() { return Scenario.ANTHROPIC_CALLS; }

  @Override
  public Reply reply(Feature feature, boolean stream, ReceivedRequest request) {
    String m = model();
    return switch (feature) {
      case TEXT, MULTI_TURN, TOOL_RESULTS, IMAGES, WIRE_ONLY_INPUT -> text(stream, Scenario.REPLY_DELTAS, "end_turn", Scenario.TOKENS);
      case USAGE_CACHED -> text(stream, Scenario.REPLY_DELTAS, "end_turn", Scenario.CACHED_TOKENS);
      case STOP_REASON -> text(stream, List.of("1, 2", ", 3"), "max_tokens", Scenario.TOKENS);
      case JSON_MODE -> {
        if (!usesJsonTool(request.bodyJson())) yield text(stream, List.of("{\"answer\":", "\"42\"}"), "end_turn", Scenario.TOKENS);
        List<ToolCall> json = List.of(new ToolCall("toolu_01Json", JSON_TOOL, Scenario.JSON_ANSWER));
        yield stream ? Reply.sse(AnthropicWire.streamToolUse(m, null, json, 5, Scenario.TOKENS))
            : Reply.json(AnthropicWire.messageToolUse(m, null, json, Scenario.TOKENS));
      }
      case PARALLEL_TOOLS_STREAM -> stream
          ? Reply.sse(AnthropicWire.streamToolUse(m, null, calls(), 4, Scenario.TOKENS))
          : Reply.json(AnthropicWire.messageToolUse(m, null, calls(), Scenario.TOKENS));
      case REASONING -> Scenario.goldenReply("anthropic", stream);
      case ERROR_BEFORE_FIRST_BYTE -> Reply.json(400, AnthropicWire.error("invalid_request_error", Scenario.REJECTED));
      case ERROR_AFTER_FIRST_BYTE -> {
        if (!stream) yield Reply.json(AnthropicWire.message(m, Scenario.REPLY, Scenario.TOKENS)).cutAfter(0);
        List<String> events = new ArrayList<>(AnthropicWire.streamText(m, List.of(Scenario.PARTIAL), Scenario.TOKENS)
            .subList(0, 4));
        events.add(AnthropicWire.errorEvent("overloaded_error", Scenario.MID_STREAM));
        yield Reply.sse(events);
      }
    };
  }

  private Reply text(boolean stream, List<String> deltas, String stopReason, Tokens tokens) {
    if (!stream) {
      ObjectNode body = AnthropicWire.message(model(), String.join("", deltas), tokens);
      body.put("stop_reason", stopReason);
      return Reply.json(body);
    }
    return Reply.sse(AnthropicWire.streamText(model(), deltas, tokens).stream()
        .map(e -> e.replace("\"stop_reason\":\"end_turn\"", "\"stop_reason\":\"" + stopReason + "\"")).toList());
  }

  private static boolean usesJsonTool(JsonNode body) {
    for (JsonNode t : body.path("tools")) if (JSON_TOOL.equals(t.path("name").asText())) return true;
    return false;
  }

  @Override
  public void checkReceived(Feature feature, boolean stream, ReceivedRequest request, ClientDriver client) {
    assertThat(request.endpoint()).isEqualTo(Endpoint.ANTHROPIC_MESSAGES);
    assertThat(request.header("anthropic-version")).as("anthropic-version").isNotBlank();
    JsonNode b = request.bodyJson();
    assertThat(b.path("model").asText()).isEqualTo(model());
    assertThat(b.path("stream").asBoolean(false)).as("stream").isEqualTo(stream);
    assertThat(b.path("max_tokens").asInt()).as("max_tokens (required by Anthropic)").isPositive();
    Received.turns(this, feature, b);
    JsonNode messages = b.path("messages");
    switch (feature) {
      case PARALLEL_TOOLS_STREAM -> {
        assertThat(b.at("/tools/0/name").asText()).isEqualTo("get_weather");
        assertThat(b.at("/tools/0/input_schema/properties/city/type").asText()).isEqualTo("string");
      }
      case TOOL_RESULTS -> {
        List<String> uses = new ArrayList<>();
        List<String> results = new ArrayList<>();
        for (JsonNode m : messages) {
          for (JsonNode block : m.path("content")) {
            switch (block.path("type").asText()) {
              case "tool_use" -> {
                assertThat(m.path("role").asText()).isEqualTo("assistant");
                uses.add(block.path("id").asText() + " " + block.path("name").asText() + " " + block.path("input"));
              }
              case "tool_result" -> {
                assertThat(m.path("role").asText()).isEqualTo("user");
                results.add(block.path("tool_use_id").asText() + "=" + Received.text(block.get("content")));
              }
              default -> { }
            }
          }
        }
        assertThat(uses).containsExactly("call_paris get_weather {\"city\":\"Paris\"}",
            "call_tokyo get_weather {\"city\":\"Tokyo\"}");
        assertThat(results).containsExactly("call_paris=" + Scenario.TOOL_RESULT_PARIS,
            "call_tokyo=" + Scenario.TOOL_RESULT_TOKYO);
      }
      case IMAGES -> {
        JsonNode image = null;
        for (JsonNode block : messages.get(messages.size() - 1).path("content")) {
          if ("image".equals(block.path("type").asText())) image = block;
        }
        assertThat(image).as("image block").isNotNull();
        assertThat(image.at("/source/type").asText()).isEqualTo("base64");
        assertThat(image.at("/source/media_type").asText()).isEqualTo("image/png");
        assertThat(image.at("/source/data").asText()).isEqualTo(Scenario.IMAGE_BASE64);
      }
      case JSON_MODE -> {
        if (usesJsonTool(b)) {
          JsonNode tool = b.at("/tools/0");
          assertThat(tool.path("name").asText()).isEqualTo(JSON_TOOL);
          assertThat(tool.path("input_schema")).isEqualTo(Scenario.JSON_SCHEMA);
          assertThat(b.at("/tool_choice/name").asText()).isEqualTo(JSON_TOOL);
        } else {
          assertThat(b.at("/output_config/format/schema")).as("output_config.format.schema").isEqualTo(Scenario.JSON_SCHEMA);
        }
      }
      case REASONING -> {
        assertThat(b.at("/thinking/type").asText()).isIn("enabled", "adaptive");
        if ("enabled".equals(b.at("/thinking/type").asText())) {
          assertThat(b.at("/thinking/budget_tokens").asInt()).isBetween(1024, b.path("max_tokens").asInt() - 1);
        }
      }
      case WIRE_ONLY_INPUT -> {
        JsonNode doc = messages.at("/0/content/0");
        assertThat(doc.path("type").asText()).as("document block, passed through").isEqualTo("document");
        assertThat(doc.at("/source/media_type").asText()).isEqualTo("application/pdf");
      }
      case STOP_REASON -> {
        assertThat(b.path("max_tokens").asInt()).isEqualTo(Scenario.STOP_MAX_TOKENS);
        if (client.sendsStopSequences()) {
          assertThat(Received.strings(b.path("stop_sequences"))).containsExactly(Scenario.STOP_SEQUENCE);
        }
      }
      default -> { }
    }
  }

  @Override
  public List<Turn> turns(JsonNode body) {
    List<Turn> out = new ArrayList<>();
    JsonNode system = body.get("system");
    if (system != null && !Received.text(system).isEmpty()) out.add(new Turn("system", Received.text(system)));
    for (JsonNode m : body.path("messages")) out.add(new Turn(m.path("role").asText(), Received.text(m.get("content"))));
    return out;
  }
}
