package dev.switchboard.testkit;

import static dev.switchboard.testkit.FakeHttp.post;
import static dev.switchboard.testkit.FakeHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.provider.Protocol;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DashScope text-generation fake: formats, streaming switched by header, errors and keys. */
class DashScopeFakeTest {
  private FakeUpstream fake;

  @BeforeEach void start() { fake = new FakeUpstream().start(); }

  @AfterEach void stop() { fake.close(); }

  private String url() { return fake.baseUrl(Protocol.DASHSCOPE) + DashScopeWire.GENERATION_PATH; }

  private static JsonNode json(String text) { return Json.parse(text, "response"); }

  /** The data lines of an SSE body, parsed. */
  private static List<JsonNode> data(String sse) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : sse.split("\n")) if (line.startsWith("data:")) out.add(json(line.substring(5)));
    return out;
  }

  @Test void base_url_is_the_api_v1_root_and_requests_are_recorded() {
    assertThat(fake.baseUrl(Protocol.DASHSCOPE)).isEqualTo(fake.origin() + "/api/v1");
    send(post(url(), "{\"model\":\"qwen-plus\",\"input\":{\"prompt\":\"hi\"}}", "Authorization", "Bearer sk-ds"));
    ReceivedRequest r = fake.lastRequest();
    assertThat(r.endpoint()).isEqualTo(Endpoint.DASHSCOPE_GENERATION);
    assertThat(r.model()).isEqualTo("qwen-plus");
    assertThat(r.apiKey()).isEqualTo("sk-ds");
  }

  @Test void answers_in_the_requested_result_format() {
    JsonNode text = json(send(post(url(), "{\"model\":\"qwen-plus\",\"input\":{\"prompt\":\"hi\"}}")).body());
    assertThat(text.at("/output/text").asText()).isEqualTo("Hello from dashscope fake");
    assertThat(text.at("/usage/input_tokens").asInt()).isEqualTo(11);
    JsonNode message = json(send(post(url(),
        "{\"model\":\"qwen-plus\",\"input\":{\"prompt\":\"hi\"},\"parameters\":{\"result_format\":\"message\"}}")).body());
    assertThat(message.at("/output/choices/0/message/content").asText()).isEqualTo("Hello from dashscope fake");
    assertThat(message.path("request_id").asText()).isEqualTo(DashScopeWire.REQUEST_ID);
  }

  @Test void streams_when_the_sse_header_is_set_incremental_or_cumulative() {
    String body = "{\"model\":\"qwen-plus\",\"input\":{\"prompt\":\"hi\"},\"parameters\":{\"result_format\":\"message\"%s}}";
    HttpResponse<String> cumulative = send(post(url(), body.formatted(""), "X-DashScope-SSE", "enable"));
    assertThat(cumulative.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    assertThat(cumulative.body()).startsWith("id:1\nevent:result\n:HTTP_STATUS/200\ndata:");
    List<JsonNode> events = data(cumulative.body());
    assertThat(events.getLast().at("/output/choices/0/message/content").asText()).isEqualTo("Hello from dashscope fake");
    assertThat(events.getLast().at("/output/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(events.getFirst().at("/output/choices/0/finish_reason").asText()).isEqualTo("null");
    List<JsonNode> deltas = data(send(post(url(), body.formatted(",\"incremental_output\":true"), "X-DashScope-SSE", "enable")).body());
    StringBuilder sb = new StringBuilder();
    for (JsonNode e : deltas) sb.append(e.at("/output/choices/0/message/content").asText());
    assertThat(sb.toString()).isEqualTo("Hello from dashscope fake");
  }

  @Test void errors_and_wrong_keys_use_dashscope_codes() {
    HttpResponse<String> throttled = send(post(url(), "{\"model\":\"status-429\",\"input\":{\"prompt\":\"hi\"}}"));
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(json(throttled.body()).path("code").asText()).isEqualTo("Throttling.RateQuota");
    fake.validKeys("good");
    HttpResponse<String> wrong = send(post(url(), "{\"model\":\"qwen\",\"input\":{\"prompt\":\"hi\"}}", "Authorization", "Bearer bad"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(json(wrong.body()).path("code").asText()).isEqualTo("InvalidApiKey");
  }

  @Test void stream_builders_produce_tool_calls_thinking_and_error_events() {
    List<JsonNode> tools = data(String.join("", DashScopeWire.streamToolCalls(
        List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")), 6, Tokens.of(20, 9))));
    assertThat(tools.getFirst().at("/output/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
    assertThat(tools.getLast().at("/output/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    List<JsonNode> thinking = data(String.join("", DashScopeWire.streamThinking(List.of("hmm"), List.of("Hi"), Tokens.of(5, 3))));
    assertThat(thinking.getFirst().at("/output/choices/0/message/reasoning_content").asText()).isEqualTo("hmm");
    assertThat(DashScopeWire.errorEvent(3, 500, "InternalError", "boom")).startsWith("id:3\nevent:error\n:HTTP_STATUS/500\ndata:");
  }
}
