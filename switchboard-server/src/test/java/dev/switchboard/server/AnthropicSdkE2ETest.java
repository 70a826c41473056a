package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageContentParam;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testkit.AnthropicWire;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.GeminiWire;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.ReceivedRequest;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.Tokens;
import dev.switchboard.testkit.ToolCall;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official anthropic-java SDK against the gateway's /v1/messages front door, over each upstream wire. The SDK
 * authenticates with {@code Authorization: Bearer} (authToken); the x-api-key style is checked with raw HTTP.
 */
class AnthropicSdkE2ETest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static GatewayFixture fx;
  static AnthropicClient client;

  @BeforeAll
  static void start() {
    fx = new GatewayFixture();
    client = sdk(GatewayFixture.CLIENT_KEY);
  }

  static AnthropicClient sdk(String key) {
    return AnthropicOkHttpClient.builder().baseUrl(fx.baseUrl()).authToken(key).maxRetries(0)
        .timeout(Duration.ofSeconds(20)).build();
  }

  @AfterAll
  static void stop() { fx.close(); }

  @BeforeEach
  void resetFake() { fx.fake.reset(); }

  private static MessageCreateParams.Builder ask(String model, String text) {
    return MessageCreateParams.builder().model(model).maxTokens(256).system("Be brief.").addUserMessage(text);
  }

  private static Tool weatherTool() {
    return Tool.builder().name("get_weather").description("Weather for a city")
        .inputSchema(Tool.InputSchema.builder()
            .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .required(List.of("city")).build())
        .build();
  }

  private static Message stream(MessageCreateParams params) {
    MessageAccumulator acc = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(params)) {
      s.stream().forEach(acc::accumulate);
    }
    return acc.message();
  }

  private static String text(Message m) {
    StringBuilder sb = new StringBuilder();
    for (ContentBlock b : m.content()) if (b.isText()) sb.append(b.asText().text());
    return sb.toString();
  }

  private static List<String> toolInputs(Message m) {
    return m.content().stream().filter(ContentBlock::isToolUse)
        .map(b -> b.asToolUse()._input().toString()).toList();
  }

  @Test
  void text_through_openai_upstream_with_bearer_auth() {
    Message m = client.messages().create(ask("oai/gpt-test", "hi").build());
    assertThat(text(m)).contains("Hello from openai fake");
    assertThat(m.stopReason()).contains(StopReason.END_TURN);
    assertThat(m.usage().inputTokens()).isEqualTo(11);
    assertThat(m.usage().outputTokens()).isEqualTo(4);
    JsonNode up = fx.fake.lastRequest().bodyJson();
    assertThat(up.path("messages").get(0).path("role").asText()).isEqualTo("system");
    assertThat(up.path("max_tokens").asInt()).isEqualTo(256);
  }

  @Test
  void streaming_text_through_each_wire_accumulates_text_and_usage() {
    for (String model : List.of("oai/gpt-test", "anth/claude-test", "gem/gemini-test")) {
      Message m = stream(ask(model, "hi").build());
      assertThat(text(m)).as(model).contains("fake");
      assertThat(m.usage().outputTokens()).as(model).isPositive();
      assertThat(m.stopReason()).as(model).contains(StopReason.END_TURN);
    }
  }

  @Test
  void streaming_with_tools_against_openai_upstream_gives_tool_use_blocks() {
    List<ToolCall> calls = List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
        new ToolCall("call_2", "get_weather", "{\"city\":\"Tokyo\"}"));
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(OpenAiWire.streamToolCalls("gpt-test", calls, 4, Tokens.of(20, 10))));
    Message m = stream(ask("oai/gpt-test", "weather?").addTool(weatherTool()).build());
    assertThat(toolInputs(m)).containsExactly("{city=Paris}", "{city=Tokyo}"); // JsonValue's rendering
    assertThat(m.content().get(1).asToolUse().id()).isEqualTo("call_2");
    assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
    assertThat(m.usage().inputTokens()).isEqualTo(20);
    JsonNode tools = fx.fake.lastRequest().bodyJson().path("tools");
    assertThat(tools.get(0).path("function").path("name").asText()).isEqualTo("get_weather");
  }

  /**
   * OpenAI-compatible upstreams may announce parallel calls together and then interleave their fragments; the SDK
   * reads a tool's input at its block's stop, so each block must be whole before the next starts.
   */
  @Test
  void streaming_interleaved_parallel_tool_calls_from_openai_upstream_gives_each_its_whole_input() {
    String head = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,";
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(List.of(
        head + """
            "delta":{"role":"assistant","tool_calls":[\
            {"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":"}},\
            {"index":1,"id":"call_b","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":"}}]},\
            "finish_reason":null}]}

            """,
        head + """
            "delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"Paris\\"}"}},\
            {"index":1,"function":{"arguments":"\\"Tokyo\\"}"}}]},"finish_reason":null}]}

            """,
        head + """
            "delta":{},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":20,"completion_tokens":10,"total_tokens":30}}

            """,
        OpenAiWire.DONE)));
    Message m = stream(ask("oai/gpt-test", "weather in Paris and Tokyo?").addTool(weatherTool()).build());
    assertThat(toolInputs(m)).containsExactly("{city=Paris}", "{city=Tokyo}");
    assertThat(m.content()).extracting(b -> b.asToolUse().id()).containsExactly("call_a", "call_b");
    assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
    assertThat(m.usage().inputTokens()).isEqualTo(20);
    assertThat(m.usage().outputTokens()).isEqualTo(10);
  }

  @Test
  void streaming_with_tools_against_gemini_upstream_gives_tool_use_blocks() {
    List<ToolCall> calls = List.of(new ToolCall("g1", "get_weather", "{\"city\":\"Rome\"}"));
    fx.fake.enqueue(Endpoint.GEMINI_STREAM, Reply.sse(GeminiWire.streamFunctionCalls("gemini-test", calls, Tokens.of(9, 3))));
    Message m = stream(ask("gem/gemini-test", "weather?").addTool(weatherTool()).build());
    assertThat(toolInputs(m)).containsExactly("{city=Rome}");
    assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
  }

  @Test
  void tool_result_round_trip_reaches_gemini_with_the_function_name() {
    List<ToolCall> calls = List.of(new ToolCall("call_9", "get_weather", "{\"city\":\"Rome\"}"));
    fx.fake.enqueue(Endpoint.GEMINI_GENERATE, Reply.json(GeminiWire.generateContentFunctionCalls("gemini-test", calls,
        Tokens.of(9, 3))));
    Message first = client.messages().create(ask("gem/gemini-test", "weather in Rome?").addTool(weatherTool()).build());
    ContentBlock call = first.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow();
    Message second = client.messages().create(ask("gem/gemini-test", "weather in Rome?").addTool(weatherTool())
        .addMessage(first.toParam())
        .addUserMessage(MessageContentParam.ofContentBlockParams(List.of(ContentBlockParam.ofToolResult(
            ToolResultBlockParam.builder().toolUseId(call.asToolUse().id()).content("{\"temp\":21}").build()))))
        .build());
    assertThat(text(second)).contains("Hello from gemini fake");
    JsonNode contents = fx.fake.lastRequest().bodyJson().path("contents");
    JsonNode last = contents.get(contents.size() - 1);
    assertThat(last.path("parts").get(0).path("functionResponse").path("name").asText()).isEqualTo("get_weather");
  }

  @Test
  void thinking_reaches_the_client_with_signature_through_openai_style_reasoning_and_anthropic_stream() {
    String signature = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds...";
    fx.fake.enqueue(Endpoint.ANTHROPIC_MESSAGES, Reply.sse(List.of(
        AnthropicWire.messageStart("claude-test", Tokens.of(40, 0)),
        AnthropicWire.event("content_block_start", node("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}")),
        AnthropicWire.event("content_block_delta", node("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"GCD is 21\"}}")),
        AnthropicWire.event("content_block_delta", node("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"" + signature + "\"}}")),
        AnthropicWire.blockStop(0),
        AnthropicWire.event("content_block_start", node("{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgB\"}}")),
        AnthropicWire.blockStop(1),
        AnthropicWire.event("content_block_start", node("{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")),
        AnthropicWire.textDelta(2, "21"),
        AnthropicWire.blockStop(2),
        AnthropicWire.messageDelta("end_turn", 30),
        AnthropicWire.messageStop())));
    Message m = stream(ask("anth/claude-test", "gcd?").enabledThinking(1024).maxTokens(4096).build());
    assertThat(m.content()).hasSize(3);
    assertThat(m.content().get(0).asThinking().thinking()).isEqualTo("GCD is 21");
    assertThat(m.content().get(0).asThinking().signature()).isEqualTo(signature);
    // Same wire: the upstream's redacted_thinking block reaches the client too (the stream is relayed as sent).
    assertThat(m.content().get(1).isRedactedThinking()).isTrue();
    assertThat(text(m)).isEqualTo("21");
    assertThat(fx.fake.lastRequest().bodyJson().path("thinking").path("budget_tokens").asInt()).isEqualTo(1024);
  }

  @Test
  void anthropic_client_to_anthropic_upstream_passes_cache_control_and_signatures_through_both_ways() throws Exception {
    String request = """
        {"model":"anth/claude-test","max_tokens":2048,
         "system":[{"type":"text","text":"Long shared context","cache_control":{"type":"ephemeral","ttl":"1h"}}],
         "tools":[{"name":"get_weather","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral"}}],
         "thinking":{"type":"enabled","budget_tokens":1024},
         "future_field":{"keep":true},
         "messages":[
           {"role":"user","content":[{"type":"text","text":"gcd?","cache_control":{"type":"ephemeral"}}]},
           {"role":"assistant","content":[{"type":"thinking","thinking":"Euclid","signature":"sig-abc=="},
             {"type":"redacted_thinking","data":"EmwKAhgB"},{"type":"text","text":"21"}]},
           {"role":"user","content":"and now?"}]}""";
    String answer = """
        {"id":"msg_pass","type":"message","role":"assistant","model":"claude-test",
         "content":[{"type":"thinking","thinking":"again","signature":"sig-xyz=="},
                    {"type":"text","text":"7","citations":null}],
         "stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":5,"cache_creation_input_tokens":0,"cache_read_input_tokens":3000,"output_tokens":9,
                  "cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"service_tier":"standard"}}""";
    fx.fake.enqueue(Endpoint.ANTHROPIC_MESSAGES, Reply.json(node(answer)));
    HttpResponse<String> resp = raw("/v1/messages", request, Map.of("x-api-key", GatewayFixture.CLIENT_KEY,
        "anthropic-version", "2023-06-01", "anthropic-beta", "extended-cache-ttl-2025-04-11"));
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(node(resp.body())).isEqualTo(node(answer));
    ReceivedRequest up = fx.fake.lastRequest();
    assertThat(up.bodyJson()).isEqualTo(node(request.replace("\"anth/claude-test\"", "\"claude-test\"")));
    assertThat(up.header("anthropic-beta")).isEqualTo("extended-cache-ttl-2025-04-11");
    assertThat(up.header("x-api-key")).isEqualTo(GatewayFixture.ANTH_KEY);
  }

  @Test
  void anthropic_only_block_to_a_non_anthropic_model_is_a_clear_400() {
    String request = """
        {"model":"oai/gpt-test","max_tokens":100,"messages":[{"role":"user","content":[
          {"type":"document","source":{"type":"text","media_type":"text/plain","data":"doc"}},{"type":"text","text":"sum up"}]}]}""";
    HttpResponse<String> resp = raw("/v1/messages", request, Map.of("x-api-key", GatewayFixture.CLIENT_KEY,
        "anthropic-version", "2023-06-01"));
    assertThat(resp.statusCode()).isEqualTo(400);
    JsonNode body = node(resp.body());
    assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(body.at("/error/message").asText()).contains("messages.0.content.0 (document)").contains("oai");
    assertThat(fx.fake.requests()).isEmpty();
  }

  @Test
  void x_api_key_with_version_2023_06_01_works_over_raw_http() {
    HttpResponse<String> resp = raw("/v1/messages",
        "{\"model\":\"anth/claude-test\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        Map.of("x-api-key", GatewayFixture.CLIENT_KEY, "anthropic-version", "2023-06-01"));
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(node(resp.body()).at("/content/0/text").asText()).contains("Hello from anthropic fake");
  }

  @Test
  void count_tokens_estimates_input_tokens() {
    long small = client.messages().countTokens(MessageCountTokensParams.builder().model("oai/gpt-test")
        .addUserMessage("Hello, Claude").build()).inputTokens();
    long large = client.messages().countTokens(MessageCountTokensParams.builder().model("oai/gpt-test")
        .system("You are a careful mathematician who explains every step.")
        .addUserMessage("Hello, Claude. What is the greatest common divisor of 1071 and 462?").build()).inputTokens();
    assertThat(small).isPositive();
    assertThat(large).isGreaterThan(small + 10);
    assertThat(fx.fake.requests()).isEmpty();
  }

  @Test
  void bad_key_is_an_unauthorized_exception_from_the_401() {
    AnthropicClient wrong = sdk("sk-not-a-gateway-key");
    assertThatThrownBy(() -> wrong.messages().create(ask("oai/gpt-test", "hi").build()))
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void bad_request_is_a_bad_request_exception_naming_the_field() {
    assertThatThrownBy(() -> client.messages().create(ask("oai/gpt-test", "hi").enabledThinking(100).build()))
        .isInstanceOfSatisfying(BadRequestException.class,
            e -> assertThat(e.getMessage()).contains("thinking.budget_tokens"));
  }

  @Test
  void upstream_error_mid_stream_becomes_an_anthropic_error_event() {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(OpenAiWire.streamText("gpt-test", List.of("Here", " is"), null)).cutAfter(2));
    assertThatThrownBy(() -> stream(ask("oai/gpt-test", "hi").build())).isInstanceOf(RuntimeException.class)
        .hasMessageContaining("Upstream stream");
  }

  private static JsonNode node(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpResponse<String> raw(String path, String body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.baseUrl() + path)).timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
