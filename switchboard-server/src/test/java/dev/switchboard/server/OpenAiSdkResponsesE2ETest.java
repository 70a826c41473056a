package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseIncludable;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.WebSearchTool;
import dev.switchboard.testkit.AnthropicWire;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.GeminiWire;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.ReceivedRequest;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.ResponsesWire;
import dev.switchboard.testkit.Tokens;
import dev.switchboard.testkit.ToolCall;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official openai-java SDK's Responses API against the gateway: translated to chat wires, and passed through. */
class OpenAiSdkResponsesE2ETest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static GatewayFixture fx;
  static OpenAIClient client;

  @BeforeAll
  static void start() {
    fx = new GatewayFixture();
    client = fx.openAi();
  }

  @AfterAll
  static void stop() { fx.close(); }

  @BeforeEach
  void resetFake() { fx.fake.reset(); }

  private static FunctionTool weatherTool() {
    return FunctionTool.builder().name("get_weather").description("Weather for a city").strict(false)
        .parameters(FunctionTool.Parameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .putAdditionalProperty("required", JsonValue.from(List.of("city")))
            .build())
        .build();
  }

  private static String text(Response r) {
    StringBuilder sb = new StringBuilder();
    for (ResponseOutputItem item : r.output()) {
      if (item.isMessage()) item.asMessage().content().forEach(c -> sb.append(c.asOutputText().text()));
    }
    return sb.toString();
  }

  private static List<ResponseFunctionToolCall> calls(Response r) {
    List<ResponseFunctionToolCall> out = new ArrayList<>();
    for (ResponseOutputItem item : r.output()) if (item.isFunctionCall()) out.add(item.asFunctionCall());
    return out;
  }

  private static Response stream(ResponseCreateParams params) {
    ResponseAccumulator acc = ResponseAccumulator.create();
    try (StreamResponse<ResponseStreamEvent> s = client.responses().createStreaming(params)) {
      s.stream().forEach(acc::accumulate);
    }
    return acc.response();
  }

  @Test
  void text_through_an_openai_upstream_is_translated_to_a_chat_completion() {
    Response r = client.responses().create(ResponseCreateParams.builder().model("oai/gpt-test")
        .instructions("Be brief.").input("hi").maxOutputTokens(100L).build());
    assertThat(text(r)).isEqualTo("Hello from openai fake");
    assertThat(r.id()).startsWith("resp_");
    assertThat(r.usage()).hasValueSatisfying(u -> {
      assertThat(u.inputTokens()).isEqualTo(11);
      assertThat(u.outputTokens()).isEqualTo(4);
      assertThat(u.totalTokens()).isEqualTo(15);
    });
    ReceivedRequest up = fx.fake.lastRequest();
    assertThat(up.path()).isEqualTo("/v1/chat/completions");
    JsonNode body = up.bodyJson();
    assertThat(body.path("model").asText()).isEqualTo("gpt-test");
    assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(body.at("/messages/0/content").asText()).isEqualTo("Be brief.");
    assertThat(body.at("/messages/1/content").asText()).isEqualTo("hi");
  }

  @Test
  void logprobs_asked_for_reach_a_chat_upstream_and_come_back_on_the_output_text() {
    ObjectNode answer = OpenAiWire.chatCompletion("gpt-test", "Hi", Tokens.of(9, 1));
    ((ObjectNode) answer.path("choices").get(0)).set("logprobs", OpenAiWire.logprobs("Hi", -0.25, "Hello"));
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(200, answer));
    Response r = client.responses().create(ResponseCreateParams.builder().model("oai/gpt-test").input("hi")
        .addInclude(ResponseIncludable.MESSAGE_OUTPUT_TEXT_LOGPROBS).topLogprobs(2L).build());
    JsonNode up = fx.fake.lastRequest().bodyJson();
    assertThat(up.path("logprobs").asBoolean()).isTrue();
    assertThat(up.path("top_logprobs").asInt()).isEqualTo(2);
    var logprobs = r.output().get(0).asMessage().content().get(0).asOutputText().logprobs().orElseThrow();
    assertThat(logprobs).singleElement().satisfies(t -> {
      assertThat(t.token()).isEqualTo("Hi");
      assertThat(t.logprob()).isEqualTo(-0.25);
      assertThat(t.topLogprobs()).extracting(ResponseOutputText.Logprob.TopLogprob::token).containsExactly("Hi", "Hello");
    });
  }

  @Test
  void a_search_models_chat_citations_come_back_as_url_citation_annotations() {
    ObjectNode answer = OpenAiWire.chatCompletion("gpt-test", "Parks reopen.", Tokens.of(8, 3));
    ObjectNode citation = ((ObjectNode) answer.path("choices").get(0).path("message")).putArray("annotations")
        .addObject().put("type", "url_citation");
    citation.putObject("url_citation").put("start_index", 0).put("end_index", 13).put("title", "News")
        .put("url", "https://example.com/news");
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(200, answer));
    Response r = client.responses().create(ResponseCreateParams.builder().model("oai/gpt-test").input("news?").build());
    var annotations = r.output().get(0).asMessage().content().get(0).asOutputText().annotations();
    assertThat(annotations).singleElement().satisfies(a -> {
      assertThat(a.isUrlCitation()).isTrue();
      assertThat(a.asUrlCitation().url()).isEqualTo("https://example.com/news");
      assertThat(a.asUrlCitation().title()).isEqualTo("News");
      assertThat(a.asUrlCitation().endIndex()).isEqualTo(13);
    });
  }

  @Test
  void streaming_through_an_openai_upstream_accumulates_text_and_usage() {
    Response r = stream(ResponseCreateParams.builder().model("oai/gpt-test").input("hi").build());
    assertThat(text(r)).isEqualTo("Hello from openai fake");
    assertThat(r.usage()).hasValueSatisfying(u -> assertThat(u.outputTokens()).isEqualTo(4));
    JsonNode body = fx.fake.lastRequest().bodyJson();
    assertThat(fx.fake.lastRequest().path()).isEqualTo("/v1/chat/completions");
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
  }

  @Test
  void streamed_tool_calls_from_an_anthropic_upstream_become_function_call_items() {
    List<ToolCall> calls = List.of(new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}"),
        new ToolCall("toolu_2", "get_weather", "{\"city\":\"Tokyo\"}"));
    fx.fake.enqueue(Endpoint.ANTHROPIC_MESSAGES,
        Reply.sse(AnthropicWire.streamToolUse("claude-test", "Checking.", calls, 5, Tokens.of(30, 12))));
    Response r = stream(ResponseCreateParams.builder().model("anth/claude-test").input("Weather in Paris and Tokyo?")
        .addTool(weatherTool()).build());
    assertThat(text(r)).isEqualTo("Checking.");
    assertThat(calls(r)).extracting(ResponseFunctionToolCall::callId).containsExactly("toolu_1", "toolu_2");
    assertThat(calls(r)).extracting(ResponseFunctionToolCall::arguments)
        .containsExactly("{\"city\":\"Paris\"}", "{\"city\":\"Tokyo\"}");
    assertThat(r.usage()).hasValueSatisfying(u -> assertThat(u.inputTokens()).isEqualTo(30));
    JsonNode body = fx.fake.lastRequest().bodyJson();
    assertThat(fx.fake.lastRequest().path()).isEqualTo("/v1/messages");
    assertThat(body.at("/tools/0/name").asText()).isEqualTo("get_weather");
    assertThat(body.at("/tools/0/input_schema/required/0").asText()).isEqualTo("city");
  }

  @Test
  void function_call_output_items_reach_an_anthropic_upstream_as_tool_use_and_tool_result() {
    List<ResponseInputItem> input = List.of(
        ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder().role(EasyInputMessage.Role.USER)
            .content("Weather in Paris?").build()),
        ResponseInputItem.ofFunctionCall(ResponseFunctionToolCall.builder().callId("toolu_9").name("get_weather")
            .arguments("{\"city\":\"Paris\"}").build()),
        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder().callId("toolu_9")
            .output("{\"temp\":21}").build()));
    Response r = client.responses().create(ResponseCreateParams.builder().model("anth/claude-test")
        .inputOfResponse(input).addTool(weatherTool()).build());
    assertThat(text(r)).isEqualTo("Hello from anthropic fake");
    JsonNode messages = fx.fake.lastRequest().bodyJson().path("messages");
    assertThat(messages.at("/1/role").asText()).isEqualTo("assistant");
    assertThat(messages.at("/1/content/0/type").asText()).isEqualTo("tool_use");
    assertThat(messages.at("/1/content/0/id").asText()).isEqualTo("toolu_9");
    assertThat(messages.at("/1/content/0/input/city").asText()).isEqualTo("Paris");
    assertThat(messages.at("/2/role").asText()).isEqualTo("user");
    assertThat(messages.at("/2/content/0/type").asText()).isEqualTo("tool_result");
    assertThat(messages.at("/2/content/0/tool_use_id").asText()).isEqualTo("toolu_9");
  }

  @Test
  void a_model_serving_the_responses_api_gets_the_body_as_is_with_built_in_tools() {
    Response r = client.responses().create(ResponseCreateParams.builder().model("oai/gpt-resp").input("news?")
        .addTool(WebSearchTool.builder().type(WebSearchTool.Type.WEB_SEARCH).build()).build());
    assertThat(text(r)).isEqualTo("Hello from openai fake");
    assertThat(r.id()).isEqualTo(ResponsesWire.ID);
    ReceivedRequest up = fx.fake.lastRequest();
    assertThat(up.path()).isEqualTo("/v1/responses");
    assertThat(up.apiKey()).isIn(GatewayFixture.OAI_K1, GatewayFixture.OAI_K2);
    assertThat(up.bodyJson().path("model").asText()).isEqualTo("gpt-resp");
    assertThat(up.bodyJson().at("/tools/0/type").asText()).isEqualTo("web_search");
    assertThat(up.bodyJson().path("input").asText()).isEqualTo("news?");
  }

  @Test
  void a_pass_through_stream_relays_the_upstream_events_and_is_metered() throws Exception {
    Response r = stream(ResponseCreateParams.builder().model("oai/gpt-resp").input("hi").build());
    assertThat(text(r)).isEqualTo("Hello from openai fake");
    assertThat(r.id()).isEqualTo(ResponsesWire.ID);
    assertThat(r.usage()).hasValueSatisfying(u -> assertThat(u.inputTokens()).isEqualTo(11));
    assertThat(fx.fake.lastRequest().path()).isEqualTo("/v1/responses");
    assertThat(fx.fake.lastRequest().bodyJson().path("stream").asBoolean()).isTrue();
  }

  @Test
  void previous_response_id_for_a_chat_only_model_is_a_400_naming_the_field() throws Exception {
    HttpResponse<String> resp = fx.post("/v1/responses", "application/json",
        "{\"model\":\"oai/gpt-test\",\"input\":\"and then?\",\"previous_response_id\":\"resp_1\"}", GatewayFixture.CLIENT_KEY);
    assertThat(resp.statusCode()).isEqualTo(400);
    JsonNode err = JSON.readTree(resp.body()).path("error");
    assertThat(err.path("param").asText()).isEqualTo("previous_response_id");
    assertThat(err.path("message").asText()).contains("Responses API").contains("store: false");
    assertThat(fx.fake.requests()).isEmpty();
  }

  @Test
  void an_item_reference_for_a_chat_only_model_is_a_400_saying_how_to_send_the_items() throws Exception {
    // What the Vercel AI SDK's openai provider sends for an earlier answer with its default store: true.
    HttpResponse<String> resp = fx.post("/v1/responses", "application/json", """
        {"model":"oai/gpt-test","input":[{"role":"user","content":"hi"},{"type":"item_reference","id":"msg_1"},
         {"role":"user","content":"and then?"}]}""", GatewayFixture.CLIENT_KEY);
    assertThat(resp.statusCode()).isEqualTo(400);
    JsonNode err = JSON.readTree(resp.body()).path("error");
    assertThat(err.path("param").asText()).startsWith("input[1]");
    assertThat(err.path("message").asText()).contains("item_reference").contains("store: false")
        .contains("/v1/chat/completions");
    assertThat(fx.fake.requests()).isEmpty();
  }

  @Test
  void built_in_tools_for_an_anthropic_model_are_a_400_naming_the_tool() throws Exception {
    HttpResponse<String> resp = fx.post("/v1/responses", "application/json",
        "{\"model\":\"anth/claude-test\",\"input\":\"x\",\"tools\":[{\"type\":\"file_search\",\"vector_store_ids\":[\"vs_1\"]}]}",
        GatewayFixture.CLIENT_KEY);
    assertThat(resp.statusCode()).isEqualTo(400);
    JsonNode err = JSON.readTree(resp.body()).path("error");
    assertThat(err.path("param").asText()).isEqualTo("tools[0]");
    assertThat(err.path("message").asText()).contains("file_search");
  }

  @Test
  void an_upstream_error_mid_stream_becomes_an_error_event_not_a_completed_response() {
    fx.fake.enqueue(Endpoint.OPENAI_RESPONSES, Reply.sse(List.of(
        ResponsesWire.streamText("gpt-resp", List.of("Hel", "lo"), Tokens.of(3, 2)).subList(0, 5).toArray(String[]::new)))
        .cutAfter(5));
    List<String> kinds = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> s = client.responses().createStreaming(
        ResponseCreateParams.builder().model("oai/gpt-resp").input("hi").build())) {
      s.stream().forEach(e -> kinds.add(e.isError() ? "error" : e.isFailed() ? "failed" : e.isCompleted() ? "completed"
          : e.isOutputTextDelta() ? "delta" : "other"));
    }
    assertThat(kinds).contains("delta").endsWith("error", "failed").doesNotContain("completed");
  }

  @Test
  void a_gemini_thought_signature_survives_a_responses_tool_loop() throws Exception {
    // Codex / the AI SDK (store: false) send the reasoning item back with the next turn; Gemini 3 needs the
    // signature on its function call again (a made-up one only bypasses the check and loses the context).
    var part = dev.switchboard.testkit.GeminiWire.functionCallPart(
        new dev.switchboard.testkit.ToolCall("c1", "get_weather", "{\"city\":\"Paris\"}"));
    part.put("thoughtSignature", "REAL-SIG-123");
    fx.fake.enqueue(dev.switchboard.testkit.Endpoint.GEMINI_GENERATE, dev.switchboard.testkit.Reply.json(
        dev.switchboard.testkit.GeminiWire.response("gemini-3-pro-preview", java.util.List.of(part), "STOP",
            dev.switchboard.testkit.GeminiWire.usageMetadata(dev.switchboard.testkit.Tokens.of(5, 3)))));
    String tools = "[{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\","
        + "\"properties\":{\"city\":{\"type\":\"string\"}}}}]";
    HttpResponse<String> first = fx.post("/v1/responses", "application/json",
        "{\"model\":\"gem/gemini-test\",\"store\":false,\"include\":[\"reasoning.encrypted_content\"],"
            + "\"input\":\"Weather in Paris?\",\"tools\":" + tools + "}", GatewayFixture.CLIENT_KEY);
    assertThat(first.statusCode()).isEqualTo(200);
    JsonNode output = JSON.readTree(first.body()).path("output");
    var input = JSON.createArrayNode();
    input.addObject().put("role", "user").put("content", "Weather in Paris?");
    input.addAll((com.fasterxml.jackson.databind.node.ArrayNode) output);
    input.addObject().put("type", "function_call_output").put("call_id", output.findValue("call_id").asText())
        .put("output", "{\"temp\":21}");
    fx.post("/v1/responses", "application/json", "{\"model\":\"gem/gemini-test\",\"store\":false,\"input\":"
        + input + ",\"tools\":" + tools + "}", GatewayFixture.CLIENT_KEY);
    JsonNode modelTurn = fx.fake.lastRequest().bodyJson().path("contents").get(1);
    assertThat(modelTurn.path("role").asText()).isEqualTo("model");
    assertThat(modelTurn.at("/parts/0/functionCall/name").asText()).isEqualTo("get_weather");
    assertThat(modelTurn.at("/parts/0/thoughtSignature").asText()).isEqualTo("REAL-SIG-123");
  }

  /** Gemini's MALFORMED_FUNCTION_CALL finish (no content): an upstream error, not a completed response. */
  private static ObjectNode geminiMalformedCall(Tokens tokens) {
    ObjectNode body = GeminiWire.response("gemini-test", List.of(), "MALFORMED_FUNCTION_CALL",
        GeminiWire.usageMetadata(tokens));
    ((ObjectNode) body.path("candidates").get(0)).remove("content");
    return body;
  }

  @Test
  void an_upstream_error_finish_is_an_upstream_error_not_a_completed_response() {
    // The gateway takes it for a failed attempt (another key or candidate may answer); here none is left.
    fx.fake.enqueue(Endpoint.GEMINI_GENERATE, Reply.json(geminiMalformedCall(Tokens.of(5, 0))));
    assertThatThrownBy(() -> client.responses().create(ResponseCreateParams.builder().model("gem/gemini-test")
        .input("hi").build()))
        .isInstanceOf(com.openai.errors.InternalServerException.class)
        .hasMessageContaining("stopped with an error");
  }

  @Test
  void a_streamed_upstream_error_finish_ends_with_an_error_event_then_response_failed() {
    fx.fake.enqueue(Endpoint.GEMINI_STREAM, Reply.sse(List.of(
        GeminiWire.event(GeminiWire.response("gemini-test", List.of(GeminiWire.textPart("Let me")), null,
            GeminiWire.usageMetadata(Tokens.of(5, 2)))),
        GeminiWire.event(geminiMalformedCall(Tokens.of(5, 2))))));
    ResponseAccumulator acc = ResponseAccumulator.create();
    List<String> kinds = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> s = client.responses().createStreaming(
        ResponseCreateParams.builder().model("gem/gemini-test").input("hi").build())) {
      s.stream().forEach(e -> {
        acc.accumulate(e);
        kinds.add(e.isError() ? "error" : e.isFailed() ? "failed" : e.isCompleted() ? "completed"
            : e.isOutputItemDone() ? "item_done" : "other");
      });
    }
    // After the first bytes it is too late to fall back: the stream fails as any broken stream does.
    assertThat(kinds).endsWith("error", "failed").doesNotContain("completed");
    Response r = acc.response();
    assertThat(r.status()).contains(ResponseStatus.FAILED);
    assertThat(r.error()).hasValueSatisfying(e -> assertThat(e.message()).contains("stopped with an error"));
    assertThat(text(r)).isEqualTo("Let me");
    assertThat(r.output().getFirst().asMessage().status()).isEqualTo(ResponseOutputMessage.Status.INCOMPLETE);
  }

  @Test
  void a_streamed_answer_cut_by_max_tokens_marks_the_call_being_written_incomplete() {
    List<ToolCall> calls = List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
        new ToolCall("call_2", "get_weather", "{\"city\":\"To"));
    List<String> events = new ArrayList<>(OpenAiWire.streamToolCalls("gpt-test", calls, 8, Tokens.of(20, 16)));
    events.replaceAll(e -> e.replace("\"finish_reason\":\"tool_calls\"", "\"finish_reason\":\"length\""));
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(events));
    Response r = stream(ResponseCreateParams.builder().model("oai/gpt-test").input("Weather in Paris and Tokyo?")
        .addTool(weatherTool()).build());
    assertThat(r.status()).contains(ResponseStatus.INCOMPLETE);
    assertThat(r.incompleteDetails()).flatMap(Response.IncompleteDetails::reason)
        .contains(Response.IncompleteDetails.Reason.MAX_OUTPUT_TOKENS);
    assertThat(calls(r)).extracting(c -> c.status().orElseThrow())
        .containsExactly(ResponseFunctionToolCall.Status.COMPLETED, ResponseFunctionToolCall.Status.INCOMPLETE);
    assertThat(calls(r).getLast().arguments()).isEqualTo("{\"city\":\"To");
  }

  @Test
  void a_call_fragment_after_text_in_a_chat_stream_reaches_the_still_open_call() {
    // Some OpenAI-compatible servers send content (here a space) between one call's argument fragments.
    ObjectNode open = JSON.createObjectNode().put("index", 0).put("id", "call_1").put("type", "function");
    open.putObject("function").put("name", "get_weather").put("arguments", "{\"city\":");
    ObjectNode first = JSON.createObjectNode().put("role", "assistant");
    first.putArray("tool_calls").add(open);
    ObjectNode rest = JSON.createObjectNode();
    rest.putArray("tool_calls").addObject().put("index", 0).putObject("function").put("arguments", "\"Paris\"}");
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(List.of(
        OpenAiWire.event(OpenAiWire.chunk("gpt-test", first, null, false)),
        OpenAiWire.event(OpenAiWire.chunk("gpt-test", JSON.createObjectNode().put("content", " "), null, false)),
        OpenAiWire.event(OpenAiWire.chunk("gpt-test", rest, null, false)),
        OpenAiWire.event(OpenAiWire.chunk("gpt-test", JSON.createObjectNode(), "tool_calls", false)),
        OpenAiWire.DONE)));
    // With snapshots the SDK also builds the items from the events (by output_index): the last one before
    // response.completed shows it took the interleaved events.
    ResponseAccumulator acc = ResponseAccumulator.createWithSnapshots();
    List<Response> built = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> s = client.responses().createStreaming(ResponseCreateParams.builder()
        .model("oai/gpt-test").input("Weather in Paris?").addTool(weatherTool()).build())) {
      s.stream().forEach(e -> {
        if (e.isCompleted()) built.add(acc.snapshot().orElseThrow());
        acc.accumulate(e);
      });
    }
    assertThat(acc.response().status()).contains(ResponseStatus.COMPLETED);
    assertThat(built).hasSize(1);
    for (Response r : List.of(acc.response(), built.getFirst())) {
      assertThat(calls(r)).singleElement().satisfies(c -> {
        assertThat(c.callId()).isEqualTo("call_1");
        assertThat(c.arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(c.status()).contains(ResponseFunctionToolCall.Status.COMPLETED);
      });
      assertThat(text(r)).isEqualTo(" ");
    }
  }
}
