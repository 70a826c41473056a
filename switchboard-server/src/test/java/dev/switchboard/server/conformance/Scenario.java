package dev.switchboard.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testkit.Tokens;
import dev.switchboard.testkit.ToolCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What every upstream answers and every client must see, whatever the pair: the same text, tool calls, thinking
 * and token counts, so one set of expectations covers all sixteen pairs.
 */
final class Scenario {
  static final ObjectMapper MAPPER = new ObjectMapper();

  static final String SYSTEM = "You are a terse assistant.";
  static final String USER = "Say hello.";
  static final List<String> REPLY_DELTAS = List.of("Hello from ", "conformance.");
  static final String REPLY = "Hello from conformance.";
  static final Tokens TOKENS = Tokens.of(11, 4);
  /** 20 prompt tokens of which 6 were cache reads (OpenAI's convention: input includes cached). */
  static final Tokens CACHED_TOKENS = new Tokens(20, 4, 6, 0, 0);

  static final List<ToolCall> CALLS = List.of(new ToolCall("call_paris", "get_weather", "{\"city\":\"Paris\"}"),
      new ToolCall("call_tokyo", "get_weather", "{\"city\":\"Tokyo\"}"));
  /** Anthropic tool_use ids must look like Anthropic's; the same calls with its id style. */
  static final List<ToolCall> ANTHROPIC_CALLS = List.of(
      new ToolCall("toolu_01Paris", "get_weather", "{\"city\":\"Paris\"}"),
      new ToolCall("toolu_01Tokyo", "get_weather", "{\"city\":\"Tokyo\"}"));
  static final String TOOL_RESULT_PARIS = "18C, sunny";
  static final String TOOL_RESULT_TOKYO = "25C, cloudy";

  static final String JSON_ANSWER = "{\"answer\":\"42\"}";
  static final JsonNode JSON_SCHEMA = json("{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\"}},"
      + "\"required\":[\"answer\"],\"additionalProperties\":false}");

  /** The reasoning golden replies (golden/conformance/upstream/<wire>/reasoning.*) all carry these. */
  static final String THINKING = "9.8 has more tenths than 9.11.";
  static final String ANSWER = "9.8 is larger.";

  static final String STOPPED_TEXT = "1, 2, 3";
  static final int STOP_MAX_TOKENS = 16;
  static final String STOP_SEQUENCE = "END";

  static final String IMAGE_BASE64 =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

  /** The upstream's own words in its 400: they must reach the client. */
  static final String REJECTED = "conformance: the upstream rejected this request";
  static final String MID_STREAM = "conformance: the upstream failed mid-stream";
  /** Text sent before the mid-stream failure. */
  static final String PARTIAL = "Hello from ";

  private Scenario() {}

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A golden file under golden/conformance/. */
  static String golden(String path) {
    String resource = "/golden/conformance/" + path;
    try (InputStream in = Scenario.class.getResourceAsStream(resource)) {
      if (in == null) throw new AssertionError("golden file not found: " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The golden reasoning answer of an upstream wire: its JSON body, or its SSE events one per chunk. */
  static dev.switchboard.testkit.Reply goldenReply(String wire, boolean stream) {
    if (!stream) return dev.switchboard.testkit.Reply.text(200, "application/json", golden("upstream/" + wire + "/reasoning.json"));
    return dev.switchboard.testkit.Reply.sse(List.of(golden("upstream/" + wire + "/reasoning.sse").split("(?<=\\r?\\n\\r?\\n)")));
  }

  /** The golden client request of a wire for a feature, with the routed model filled in. */
  static ObjectNode clientRequest(String wire, Feature feature, String model) {
    ObjectNode body = (ObjectNode) json(golden("client/" + wire + "/" + feature.request + ".json"));
    body.put("model", model);
    return body;
  }
}
