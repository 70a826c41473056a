package dev.switchboard.testkit;

import static dev.switchboard.testkit.FakeHttp.post;
import static dev.switchboard.testkit.FakeHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake's OpenAI Responses API route and the {@link ResponsesWire} payloads. */
class FakeResponsesTest {
  private FakeUpstream fake;

  @BeforeEach void start() { fake = new FakeUpstream().start(); }

  @AfterEach void stop() { fake.close(); }

  @Test void post_v1_responses_answers_a_response_object_with_usage() {
    HttpResponse<String> r = send(post(fake.baseUrl() + "/responses", "{\"model\":\"m\",\"input\":\"hi\"}"));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = ResponsesWire.parse(r.body());
    assertThat(body.get("object").asText()).isEqualTo("response");
    assertThat(body.at("/output/0/content/0/text").asText()).isEqualTo("Hello from openai fake");
    assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(11);
    assertThat(fake.lastRequest().endpoint()).isEqualTo(Endpoint.OPENAI_RESPONSES);
  }

  @Test void a_streamed_response_numbers_its_events_and_ends_with_response_completed() {
    HttpResponse<String> r = send(post(fake.baseUrl() + "/responses", "{\"model\":\"m\",\"input\":\"hi\",\"stream\":true}"));
    List<JsonNode> events = new ArrayList<>();
    for (String line : r.body().split("\n")) if (line.startsWith("data: ")) events.add(ResponsesWire.parse(line.substring(6)));
    for (int i = 0; i < events.size(); i++) assertThat(events.get(i).get("sequence_number").asInt()).isEqualTo(i);
    assertThat(events.getFirst().get("type").asText()).isEqualTo("response.created");
    assertThat(events.getLast().get("type").asText()).isEqualTo("response.completed");
    assertThat(events.getLast().at("/response/usage/output_tokens").asInt()).isEqualTo(4);
    StringBuilder text = new StringBuilder();
    for (JsonNode e : events) if (e.get("type").asText().equals("response.output_text.delta")) text.append(e.get("delta").asText());
    assertThat(text.toString()).isEqualTo("Hello from openai fake");
  }

  @Test void function_call_streams_carry_fragmented_arguments_per_item() {
    List<String> events = ResponsesWire.streamFunctionCalls("m", List.of(new ToolCall("call_1", "f", "{\"a\":1}"),
        new ToolCall("call_2", "f", "{\"b\":2}")), 3, Tokens.of(5, 5));
    assertThat(events).filteredOn(e -> e.startsWith("event: response.function_call_arguments.delta")).hasSize(6);
    assertThat(events.getLast()).contains("\"call_id\":\"call_2\"");
    JsonNode failed = ResponsesWire.parse(ResponsesWire.streamFailed("m", "boom").getLast().split("data: ")[1].strip());
    assertThat(failed.at("/response/error/message").asText()).isEqualTo("boom");
  }
}
