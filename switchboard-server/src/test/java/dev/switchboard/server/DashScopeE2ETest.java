package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.switchboard.provider.Protocol;
import dev.switchboard.testkit.DashScopeWire;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.ReceivedRequest;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.Tokens;
import dev.switchboard.testkit.ToolCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DashScope front door over raw HTTP (there is no official DashScope Java SDK on the classpath) against each
 * upstream wire, DashScope as an upstream for OpenAI SDK clients, and DashScope -> DashScope pass-through. The
 * DashScope upstream is its own fake ({@code dsc}), added to the fixture's providers.
 */
class DashScopeE2ETest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String PATH = "/api/v1/services/aigc/text-generation/generation";
  static final String DSC_KEY = "sk-dashscope-upstream-555555";
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static FakeUpstream ds;
  static GatewayFixture fx;

  @BeforeAll
  static void start() {
    ds = new FakeUpstream().start();
    fx = new GatewayFixture("""
          - name: dsc
            protocol: dashscope
            base-url: %s
            include-preset-models: false
            keys:
              - {name: d1, secret: "%s"}
            models:
              - {id: qwen-test, capabilities: [tools, json, streaming, reasoning]}
        """.formatted(ds.baseUrl(Protocol.DASHSCOPE), DSC_KEY));
  }

  @AfterAll
  static void stop() {
    fx.close();
    ds.close();
  }

  @BeforeEach
  void resetFakes() {
    fx.fake.reset();
    ds.reset();
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  static HttpResponse<String> call(String path, String body, boolean sse, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.baseUrl() + path)).timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) b.header("authorization", "Bearer " + key);
    if (sse) b.header("X-DashScope-SSE", "enable");
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> generate(String body, boolean sse) { return call(PATH, body, sse, GatewayFixture.CLIENT_KEY); }

  static String body(String model, String parameters) {
    return "{\"model\":\"" + model + "\",\"input\":{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
        + "{\"role\":\"user\",\"content\":\"hi\"}]},\"parameters\":{" + parameters + "}}";
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The events of an SSE body: [event name, parsed data]. */
  record Event(String name, JsonNode data) {}

  static List<Event> events(String sse) {
    List<Event> out = new ArrayList<>();
    String name = null;
    for (String line : sse.split("\n")) {
      if (line.startsWith("event:")) name = line.substring(6).strip();
      else if (line.startsWith("data:")) out.add(new Event(name, json(line.substring(5).strip())));
    }
    return out;
  }

  static String content(List<Event> events) {
    StringBuilder sb = new StringBuilder();
    for (Event e : events) sb.append(e.data().at("/output/choices/0/message/content").asText(""));
    return sb.toString();
  }

  // ---- DashScope client -> other wires ---------------------------------------------------------------------------

  @Test
  void prompt_in_text_format_through_openai_upstream() {
    HttpResponse<String> r = generate("{\"model\":\"oai/gpt-test\",\"input\":{\"prompt\":\"hi\"},"
        + "\"parameters\":{\"max_tokens\":50,\"temperature\":0.3}}", false);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode out = json(r.body());
    assertThat(out.at("/output/text").asText()).isEqualTo("Hello from openai fake");
    assertThat(out.at("/output/finish_reason").asText()).isEqualTo("stop");
    assertThat(out.at("/usage/input_tokens").asInt()).isEqualTo(11);
    assertThat(out.at("/usage/output_tokens").asInt()).isEqualTo(4);
    assertThat(out.at("/usage/total_tokens").asInt()).isEqualTo(15);
    assertThat(out.path("request_id").asText()).isNotEmpty();
    JsonNode up = fx.fake.lastRequest().bodyJson();
    assertThat(up.at("/messages/0/content").asText()).isEqualTo("hi");
    assertThat(up.path("max_tokens").asInt()).isEqualTo(50);
    assertThat(up.path("temperature").asDouble()).isEqualTo(0.3);
  }

  @Test
  void messages_in_message_format_through_anthropic_upstream_on_both_paths() {
    for (String path : List.of(PATH, "/v1/services/aigc/text-generation/generation")) {
      HttpResponse<String> r = call(path, body("anth/claude-test", "\"result_format\":\"message\""), false,
          GatewayFixture.CLIENT_KEY);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      JsonNode out = json(r.body());
      assertThat(out.at("/output/choices/0/message/content").asText()).isEqualTo("Hello from anthropic fake");
      assertThat(out.at("/output/choices/0/message/role").asText()).isEqualTo("assistant");
      assertThat(out.at("/usage/input_tokens").asInt()).isEqualTo(11);
      assertThat(fx.fake.lastRequest().bodyJson().path("system").toString()).contains("Be brief.");
    }
  }

  @Test
  void incremental_stream_through_openai_upstream() {
    HttpResponse<String> r = generate(body("oai/gpt-test", "\"result_format\":\"message\",\"incremental_output\":true"), true);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    assertThat(r.body()).startsWith("id:1\nevent:result\n:HTTP_STATUS/200\ndata:");
    List<Event> events = events(r.body());
    assertThat(events).allMatch(e -> e.name().equals("result"));
    assertThat(content(events)).isEqualTo("Hello from openai fake");
    JsonNode last = events.getLast().data();
    assertThat(last.at("/output/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(last.at("/usage/output_tokens").asInt()).isEqualTo(4);
    assertThat(fx.fake.lastRequest().bodyJson().path("stream").asBoolean()).isTrue();
  }

  @Test
  void cumulative_text_stream_through_anthropic_upstream() {
    List<Event> events = events(generate(body("anth/claude-test", ""), true).body());
    List<String> texts = events.stream().map(e -> e.data().at("/output/text").asText()).toList();
    assertThat(texts.getLast()).isEqualTo("Hello from anthropic fake");
    for (int i = 1; i < texts.size(); i++) assertThat(texts.get(i)).startsWith(texts.get(i - 1));
    assertThat(events.getLast().data().at("/output/finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void streamed_parallel_tool_calls_reach_the_dashscope_client() {
    List<ToolCall> calls = List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
        new ToolCall("call_2", "get_weather", "{\"city\":\"Tokyo\"}"));
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(OpenAiWire.streamToolCalls("gpt-test", calls, 4, Tokens.of(20, 10))));
    String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
        + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}],\"incremental_output\":true";
    List<Event> events = events(generate(body("oai/gpt-test", tools), true).body());
    StringBuilder[] args = {new StringBuilder(), new StringBuilder()};
    List<String> ids = new ArrayList<>();
    for (Event e : events) {
      for (JsonNode c : e.data().at("/output/choices/0/message/tool_calls")) {
        args[c.path("index").asInt()].append(c.at("/function/arguments").asText());
        if (!c.path("id").asText().isEmpty()) ids.add(c.path("id").asText());
      }
    }
    assertThat(ids).containsExactly("call_1", "call_2");
    assertThat(args[0].toString()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(args[1].toString()).isEqualTo("{\"city\":\"Tokyo\"}");
    assertThat(events.getLast().data().at("/output/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(fx.fake.lastRequest().bodyJson().at("/tools/0/function/name").asText()).isEqualTo("get_weather");
  }

  // ---- DashScope -> DashScope pass-through ----------------------------------------------------------------------

  @Test
  void dashscope_to_dashscope_passes_the_body_through_unchanged() {
    String client = body("dsc/qwen-test", "\"result_format\":\"message\",\"enable_search\":true,\"repetition_penalty\":1.05");
    HttpResponse<String> r = generate(client, false);
    assertThat(r.statusCode()).isEqualTo(200);
    ReceivedRequest up = ds.lastRequest();
    ObjectNode expected = (ObjectNode) json(client);
    expected.put("model", "qwen-test");
    assertThat(up.bodyJson()).isEqualTo(expected);
    assertThat(up.header("authorization")).isEqualTo("Bearer " + DSC_KEY);
    assertThat(json(r.body())).isEqualTo(DashScopeWire.generation("Hello from dashscope fake", FakeUpstream.DEFAULT_USAGE));
  }

  @Test
  void dashscope_to_dashscope_stream_is_relayed_as_the_upstream_sent_it() {
    HttpResponse<String> r = generate(body("dsc/qwen-test", "\"result_format\":\"message\""), true);
    assertThat(ds.lastRequest().header("X-DashScope-SSE")).isEqualTo("enable");
    List<Event> events = events(r.body());
    List<String> texts = events.stream().map(e -> e.data().at("/output/choices/0/message/content").asText()).toList();
    assertThat(texts).containsExactly("Hello", "Hello from", "Hello from dashscope", "Hello from dashscope fake");
    assertThat(events.getLast().data().path("request_id").asText()).isEqualTo(DashScopeWire.REQUEST_ID);
  }

  @Test
  void a_dashscope_only_parameter_to_another_wire_is_a_clear_400() {
    HttpResponse<String> r = generate(body("oai/gpt-test", "\"enable_search\":true"), false);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode err = json(r.body());
    assertThat(err.path("code").asText()).isEqualTo("InvalidParameter");
    assertThat(err.path("message").asText()).contains("parameters.enable_search").contains("only DashScope upstreams");
    assertThat(fx.fake.requests()).isEmpty();
  }

  // ---- OpenAI SDK client -> DashScope upstream ------------------------------------------------------------------

  @Test
  void openai_sdk_client_against_dashscope_upstream() {
    ChatCompletion c = fx.openAi().chat().completions().create(ChatCompletionCreateParams.builder()
        .model("dsc/qwen-test").addSystemMessage("Be brief.").addUserMessage("hi").maxCompletionTokens(64).build());
    assertThat(c.choices().get(0).message().content()).contains("Hello from dashscope fake");
    assertThat(c.usage().orElseThrow().promptTokens()).isEqualTo(11);
    JsonNode up = ds.lastRequest().bodyJson();
    assertThat(up.path("model").asText()).isEqualTo("qwen-test");
    assertThat(up.at("/input/messages/0/role").asText()).isEqualTo("system");
    assertThat(up.at("/parameters/result_format").asText()).isEqualTo("message");
    assertThat(up.at("/parameters/max_tokens").asInt()).isEqualTo(64);
  }

  @Test
  void openai_sdk_stream_against_dashscope_upstream_with_thinking() {
    ds.enqueue(Endpoint.DASHSCOPE_GENERATION, Reply.sse(DashScopeWire.streamThinking(List.of("Let me", " think."),
        List.of("Hel", "lo"), new Tokens(9, 6, 0, 0, 3))));
    StringBuilder text = new StringBuilder();
    long[] usage = {0};
    try (StreamResponse<ChatCompletionChunk> s = fx.openAi().chat().completions().createStreaming(
        ChatCompletionCreateParams.builder().model("dsc/qwen-test").addUserMessage("hi")
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
      s.stream().forEach(ch -> {
        ch.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
        ch.usage().ifPresent(u -> usage[0] = u.completionTokens());
      });
    }
    assertThat(text.toString()).isEqualTo("Hello");
    assertThat(usage[0]).isEqualTo(6);
    ReceivedRequest up = ds.lastRequest();
    assertThat(up.header("X-DashScope-SSE")).isEqualTo("enable");
    assertThat(up.bodyJson().at("/parameters/incremental_output").asBoolean()).isTrue();
  }

  // ---- errors --------------------------------------------------------------------------------------------------

  @Test
  void errors_come_back_in_dashscope_shape() {
    HttpResponse<String> noKey = call(PATH, body("oai/gpt-test", ""), false, "sk-wrong");
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(json(noKey.body()).path("code").asText()).isEqualTo("InvalidApiKey");
    HttpResponse<String> unknown = generate(body("no-such-model", ""), false);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown.body()).path("code").asText()).isEqualTo("ModelNotFound");
    HttpResponse<String> bad = generate("{\"model\":\"oai/gpt-test\",\"input\":{}}", false);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad.body()).path("message").asText()).contains("input.messages or input.prompt");
    HttpResponse<String> rejected = generate(body("dsc/status-400", ""), false);
    assertThat(rejected.statusCode()).isEqualTo(400);
    assertThat(json(rejected.body()).path("code").asText()).isEqualTo("InvalidParameter");
    assertThat(json(rejected.body()).path("message").asText()).contains("Required parameter(s) missing or invalid");
  }

  @Test
  void an_upstream_cut_after_the_first_event_ends_with_an_error_event() {
    List<Event> events = events(generate(body("oai/cut-after-3", "\"incremental_output\":true"), true).body());
    assertThat(events.getFirst().name()).isEqualTo("result");
    assertThat(events.getLast().name()).isEqualTo("error");
    assertThat(events.getLast().data().path("code").asText()).isEqualTo("InternalError");
    assertThat(events).noneMatch(e -> "stop".equals(e.data().at("/output/finish_reason").asText()));
  }

  @Test
  void a_dashscope_error_event_mid_stream_becomes_the_openai_clients_error_event() {
    ObjectNode first = DashScopeWire.result(MAPPER.createObjectNode().put("role", "assistant").put("content", "Hel"),
        "null", Tokens.of(9, 1));
    ds.enqueue(Endpoint.DASHSCOPE_GENERATION, Reply.sse(List.of(DashScopeWire.event(1, first),
        DashScopeWire.errorEvent(2, 400, "DataInspectionFailed", "Output data may contain inappropriate content."))));
    HttpResponse<String> r = fx.post("/v1/chat/completions", "application/json",
        "{\"model\":\"dsc/qwen-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        GatewayFixture.CLIENT_KEY);
    assertThat(r.body()).contains("\"content\":\"Hel\"").contains("Output data may contain inappropriate content.")
        .doesNotContain("[DONE]");
  }
}
