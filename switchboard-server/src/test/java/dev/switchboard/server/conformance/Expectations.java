package dev.switchboard.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.ToolCall;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the client must see for each feature, the same for every pair (the upstream answers are equivalent). */
final class Expectations {
  private Expectations() {}

  static void check(Feature feature, boolean stream, Observation o, UpstreamDriver up) {
    switch (feature) {
      case ERROR_BEFORE_FIRST_BYTE -> {
        // Nothing was sent yet: the upstream's 400 comes back as a 400 in the client's own error shape.
        assertThat(o.status).as("status").isEqualTo(400);
        assertThat(o.streamed).as("an error answer, not a stream").isFalse();
        assertThat(o.errorMessage).as("error message").contains(Scenario.REJECTED);
        return;
      }
      case ERROR_AFTER_FIRST_BYTE -> {
        if (stream) {
          // Already committed: the client's wire error event, never a made-up success end.
          assertThat(o.status).as("status").isEqualTo(200);
          assertThat(o.streamed).as("streamed").isTrue();
          assertThat(o.text.toString()).as("text before the failure").isEqualTo(Scenario.PARTIAL);
          assertThat(o.errorEvent).as("error event").isTrue();
          assertThat(o.errorMessage).as("error message").isNotBlank();
          assertThat(o.endedProperly).as("success end after the error").isFalse();
        } else {
          assertThat(o.status).as("status of a cut upstream body").isBetween(500, 599);
          assertThat(o.errorMessage).as("error message").isNotBlank();
          assertThat(o.text.toString()).as("no partial text").isEmpty();
        }
        return;
      }
      default -> { }
    }
    assertThat(o.status).as("status").isEqualTo(200);
    assertThat(o.errorType).as("error").isNull();
    assertThat(o.errorEvent).as("error event").isFalse();
    assertThat(o.streamed).as("answered as a stream").isEqualTo(stream);
    if (stream) assertThat(o.endedProperly).as("stream ended with the wire's success end").isTrue();
    switch (feature) {
      case TEXT, MULTI_TURN, TOOL_RESULTS, IMAGES, WIRE_ONLY_INPUT -> {
        assertThat(o.text.toString()).as("text").isEqualTo(Scenario.REPLY);
        assertThat(o.thinking.toString()).as("thinking").isEmpty();
        assertThat(o.calls).as("tool calls").isEmpty();
        assertThat(o.finish).as("finish").isEqualTo("stop");
        assertThat(o.inputTokens).as("input tokens").isEqualTo(Scenario.TOKENS.input());
        assertThat(o.outputTokens).as("output tokens").isEqualTo(Scenario.TOKENS.output());
      }
      case USAGE_CACHED -> {
        assertThat(o.text.toString()).as("text").isEqualTo(Scenario.REPLY);
        assertThat(o.inputTokens).as("input tokens, cached included").isEqualTo(Scenario.CACHED_TOKENS.input());
        assertThat(o.cachedTokens).as("cached tokens").isEqualTo(Scenario.CACHED_TOKENS.cached());
        assertThat(o.outputTokens).as("output tokens").isEqualTo(Scenario.CACHED_TOKENS.output());
      }
      case JSON_MODE -> {
        assertThat(o.calls).as("no tool call leaks out of the JSON emulation").isEmpty();
        assertThat(Scenario.json(o.text.toString())).as("JSON answer").isEqualTo(Scenario.json(Scenario.JSON_ANSWER));
        assertThat(o.finish).as("finish").isEqualTo("stop");
      }
      case REASONING -> {
        assertThat(o.thinking.toString()).as("thinking, apart from the answer").isEqualTo(Scenario.THINKING);
        assertThat(o.text.toString()).as("answer, without the thinking").isEqualTo(Scenario.ANSWER);
        assertThat(o.finish).as("finish").isEqualTo("stop");
        assertThat(o.outputTokens).as("output tokens, reasoning included").isEqualTo(40);
      }
      case STOP_REASON -> {
        assertThat(o.text.toString()).as("text").isEqualTo(Scenario.STOPPED_TEXT);
        assertThat(o.finish).as("finish").isEqualTo("length");
      }
      case PARALLEL_TOOLS_STREAM -> {
        List<ToolCall> expected = up.calls();
        assertThat(o.calls).as("tool calls").hasSize(expected.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < expected.size(); i++) {
          Observation.Call c = o.calls.get(i);
          assertThat(c.name).as("call " + i + " name").isEqualTo(expected.get(i).name());
          Received.sameJson(c.arguments.toString(), expected.get(i).argumentsJson(), "call " + i + " arguments");
          assertThat(c.id).as("call " + i + " id").isNotBlank();
          if (!expected.get(i).id().isEmpty()) assertThat(c.id).as("call " + i + " id").isEqualTo(expected.get(i).id());
          ids.add(c.id);
        }
        assertThat(ids).as("distinct call ids").hasSize(expected.size());
        assertThat(o.finish).as("finish").isEqualTo("tool_calls");
        assertThat(o.inputTokens).as("input tokens").isEqualTo(Scenario.TOKENS.input());
      }
      case ERROR_BEFORE_FIRST_BYTE, ERROR_AFTER_FIRST_BYTE -> throw new IllegalStateException("handled above");
    }
  }
}
