package dev.switchboard.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.conformance.UpstreamDriver.Turn;
import java.util.ArrayList;
import java.util.List;

/** Checks on a received request shared by every upstream wire. */
final class Received {
  private Received() {}

  static final List<Turn> TEXT_TURNS = List.of(new Turn("system", Scenario.SYSTEM), new Turn("user", Scenario.USER));
  static final List<Turn> MULTI_TURNS = List.of(new Turn("system", Scenario.SYSTEM),
      new Turn("user", "My name is Ada."), new Turn("assistant", "Hello Ada."), new Turn("user", "What is my name?"));

  /** The system prompt and the conversation reached the upstream, in order, in its roles. */
  static void turns(UpstreamDriver up, Feature feature, JsonNode body) {
    List<Turn> turns = up.turns(body);
    switch (feature) {
      case MULTI_TURN -> assertThat(turns).as("turns").isEqualTo(MULTI_TURNS);
      case TEXT, USAGE_CACHED, ERROR_BEFORE_FIRST_BYTE, ERROR_AFTER_FIRST_BYTE ->
          assertThat(turns).as("turns").isEqualTo(TEXT_TURNS);
      default -> assertThat(turns).as("turns").isNotEmpty().first().isEqualTo(TEXT_TURNS.getFirst());
    }
  }

  /** A JSON-text argument equals the expected JSON as a tree. */
  static void sameJson(String actual, String expected, String what) {
    assertThat(Scenario.json(actual)).as(what).isEqualTo(Scenario.json(expected));
  }

  /** The text of a string or of an array of text parts (any of the wires' part shapes). */
  static String text(JsonNode content) {
    if (content == null || content.isNull() || content.isMissingNode()) return "";
    if (content.isTextual()) return content.asText();
    StringBuilder sb = new StringBuilder();
    for (JsonNode p : content) {
      if (p.isTextual()) sb.append(p.asText());
      else if (p.has("text") && !p.path("thought").asBoolean(false)
          && (!p.has("type") || "text".equals(p.path("type").asText()))) sb.append(p.get("text").asText());
    }
    return sb.toString();
  }

  /** Compact JSON text of a node. */
  static String write(JsonNode node) { return node.toString(); }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array.isTextual()) out.add(array.asText());
    for (JsonNode s : array) out.add(s.asText());
    return out;
  }
}
