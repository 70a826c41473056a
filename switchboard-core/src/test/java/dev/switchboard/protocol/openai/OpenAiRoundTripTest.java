package dev.switchboard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.protocol.anthropic.AnthropicCodec;
import java.util.Comparator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Same-wire pass-through: an OpenAI client request, decoded and re-encoded for an OpenAI upstream, keeps its meaning. */
class OpenAiRoundTripTest {
  private static final OpenAiChatCodec CODEC = OpenAiChatCodec.INSTANCE;

  /** Numbers compare by value (a client's {@code 1} and our {@code 1.0} are the same temperature). */
  private static final Comparator<JsonNode> NUMERIC = (a, b) -> {
    if (a.equals(b)) return 0;
    if (a.isNumber() && b.isNumber()) return Double.compare(a.doubleValue(), b.doubleValue());
    return 1;
  };

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"text.request.json", "system_sampling_stop.request.json", "image.request.json",
      "tools_round_trip.request.json", "parallel_tools.request.json", "json_object.request.json",
      "json_schema.request.json", "stream_reasoning_extra.request.json", "audio_names.request.json"})
  void decoding_then_encoding_keeps_the_semantic_content(String golden) {
    JsonNode original = OpenAiGolden.json(golden);
    ChatRequest canonical = CODEC.decodeRequest(OpenAiGolden.bytes(golden));
    boolean completionTokens = original.has("max_completion_tokens");
    JsonNode upstream = OpenAiGolden.tree(CODEC.encodeRequest(canonical, original.get("model").textValue(), completionTokens));

    JsonNode expected = normalise(original);
    assertThat(normalise(upstream).equals(NUMERIC, expected))
        .as("upstream body %s%nshould mean the same as %s", upstream.toPrettyString(), expected.toPrettyString())
        .isTrue();
  }

  /** No upstream wire is sent OpenAI's allowed-tools choice: the tool list is cut to the allowed tools instead. */
  @org.junit.jupiter.api.Test
  void allowed_tools_go_upstream_as_the_allowed_tools_alone_with_the_choice_mode() {
    ChatRequest r = CODEC.decodeRequest(OpenAiGolden.utf8("""
        {"model":"m","messages":[{"role":"user","content":"hi"}],
         "tools":[{"type":"function","function":{"name":"a"}},{"type":"function","function":{"name":"b"}}],
         "tool_choice":{"type":"allowed_tools","allowed_tools":{"mode":"required",
           "tools":[{"type":"function","function":{"name":"b"}}]}}}"""));
    JsonNode openai = OpenAiGolden.tree(CODEC.encodeRequest(r, "m", false));
    assertThat(openai.findValuesAsText("name")).containsExactly("b");
    assertThat(openai.get("tool_choice").asText()).isEqualTo("required");

    JsonNode anthropic = AnthropicCodec.encodeRequest(r, "claude", null);
    assertThat(anthropic.path("tools").findValuesAsText("name")).containsExactly("b");
    assertThat(anthropic.at("/tool_choice/type").asText()).isEqualTo("any");
  }

  @org.junit.jupiter.api.Test
  void the_comparison_notices_a_lost_field_or_a_changed_number() {
    JsonNode original = normalise(OpenAiGolden.json("system_sampling_stop.request.json"));
    ObjectNode lost = original.deepCopy();
    lost.remove("seed");
    ObjectNode changed = original.deepCopy();
    changed.put("temperature", 0.8);
    ObjectNode intSpelling = original.deepCopy();
    intSpelling.put("max_tokens", 300.0);
    assertThat(lost.equals(NUMERIC, original)).isFalse();
    assertThat(changed.equals(NUMERIC, original)).isFalse();
    assertThat(intSpelling.equals(NUMERIC, original)).isTrue();
  }

  /**
   * Rewrites the spellings the wire treats as equal into one: developer = system, an array of text parts = the joined
   * string, a stop string = a one-element array, n=1 = absent, max_tokens is ignored when max_completion_tokens is set.
   */
  private static JsonNode normalise(JsonNode body) {
    ObjectNode b = body.deepCopy();
    b.remove("n");
    if (b.has("max_completion_tokens")) b.remove("max_tokens");
    if (b.path("stop").isTextual()) b.putArray("stop").add(body.get("stop").textValue());
    if (b.path("stream").asBoolean(false)) b.putObject("stream_options").put("include_usage", true);
    for (JsonNode m : b.withArray("messages")) {
      ObjectNode msg = (ObjectNode) m;
      if ("developer".equals(msg.path("role").asText())) msg.put("role", "system");
      JsonNode c = msg.get("content");
      if (c != null && c.isArray() && allText(c)) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : c) sb.append(part.get("text").textValue());
        msg.set("content", TextNode.valueOf(sb.toString()));
      }
      if ((msg.has("tool_calls") || msg.has("audio")) && !msg.has("content")) {
        msg.set("content", JsonNodeFactory.instance.nullNode());
      }
    }
    return b;
  }

  private static boolean allText(JsonNode parts) {
    for (JsonNode p : parts) if (!"text".equals(p.path("type").asText())) return false;
    return true;
  }
}
