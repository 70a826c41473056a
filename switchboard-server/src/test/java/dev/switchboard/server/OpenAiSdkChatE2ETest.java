package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionTokenLogprob;
import dev.switchboard.testkit.AnthropicWire;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.GeminiWire;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.ReceivedRequest;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.Tokens;
import dev.switchboard.testkit.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official openai-java SDK against the running gateway, over each upstream wire. */
class OpenAiSdkChatE2ETest {
  static GatewayFixture fx;
  static OpenAIClient client;

  @BeforeAll
  static void start() {
    fx = new GatewayFixture();
    client = fx.openAi();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @BeforeEach
  void resetFake() { fx.fake.reset(); }

  private static ChatCompletionCreateParams.Builder ask(String model, String text) {
    return ChatCompletionCreateParams.builder().model(model).addSystemMessage("Be brief.").addUserMessage(text);
  }

  private static FunctionDefinition weatherTool() {
    return FunctionDefinition.builder().name("get_weather").description("Weather for a city")
        .parameters(FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .putAdditionalProperty("required", JsonValue.from(List.of("city")))
            .build())
        .build();
  }

  @Test
  void chat_through_openai_upstream_returns_answer_usage_and_uses_an_upstream_key() {
    ChatCompletion c = client.chat().completions().create(ask("oai/gpt-test", "hi").build());
    assertThat(c.choices().get(0).message().content()).contains("Hello from openai fake");
    assertThat(c.usage()).isPresent();
    assertThat(c.usage().get().promptTokens()).isEqualTo(11);
    ReceivedRequest up = fx.fake.lastRequest();
    assertThat(up.path()).isEqualTo("/v1/chat/completions");
    assertThat(up.apiKey()).isIn(GatewayFixture.OAI_K1, GatewayFixture.OAI_K2);
    assertThat(up.bodyJson().path("model").asText()).isEqualTo("gpt-test");
    assertThat(up.bodyJson().path("messages").get(0).path("role").asText()).isEqualTo("system");
  }

  @Test
  void alias_resolves_to_its_provider() {
    ChatCompletion c = client.chat().completions().create(ask("chatty", "hi").build());
    assertThat(c.choices().get(0).message().content()).contains("Hello from openai fake");
  }

  @Test
  void x_provider_header_picks_the_provider_for_a_shared_model_name() {
    ChatCompletion c = client.chat().completions().create(ask("shared-model", "hi")
        .putAdditionalHeader("X-Provider", "gem").build());
    assertThat(c.choices().get(0).message().content()).contains("Hello from gemini fake");
    assertThat(fx.fake.lastRequest().path()).isEqualTo("/v1beta/models/gemini-test:generateContent");
  }

  @Test
  void chat_through_anthropic_upstream_translates_system_prompt_and_key() {
    ChatCompletion c = client.chat().completions().create(ask("anth/claude-test", "hi").maxCompletionTokens(100).build());
    assertThat(c.choices().get(0).message().content()).contains("Hello from anthropic fake");
    assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    ReceivedRequest up = fx.fake.lastRequest();
    assertThat(up.path()).isEqualTo("/v1/messages");
    assertThat(up.header("x-api-key")).isEqualTo(GatewayFixture.ANTH_KEY);
    assertThat(up.header("anthropic-version")).isNotBlank();
    JsonNode body = up.bodyJson();
    assertThat(body.path("system").toString()).contains("Be brief.");
    assertThat(body.path("max_tokens").asInt()).isEqualTo(100);
    assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
  }

  @Test
  void chat_through_gemini_upstream_translates_system_instruction_and_key() {
    ChatCompletion c = client.chat().completions().create(ask("gem/gemini-test", "hi").temperature(0.2).build());
    assertThat(c.choices().get(0).message().content()).contains("Hello from gemini fake");
    ReceivedRequest up = fx.fake.lastRequest();
    assertThat(up.header("x-goog-api-key")).isEqualTo(GatewayFixture.GEM_KEY);
    assertThat(up.bodyJson().path("systemInstruction").toString()).contains("Be brief.");
    assertThat(up.bodyJson().path("generationConfig").path("temperature").asDouble()).isEqualTo(0.2);
  }

  @Test
  void streaming_through_each_wire_accumulates_text_and_reports_usage() {
    for (String model : List.of("oai/gpt-test", "anth/claude-test", "gem/gemini-test")) {
      ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
      try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(ask(model, "hi")
          .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
        s.stream().forEach(acc::accumulate);
      }
      ChatCompletion c = acc.chatCompletion();
      assertThat(c.choices().get(0).message().content()).as(model).hasValueSatisfying(t -> assertThat(t).contains("fake"));
      assertThat(c.usage()).as(model + " usage").isPresent();
      assertThat(c.usage().get().completionTokens()).as(model).isPositive();
    }
  }

  @Test
  void parallel_tool_calls_stream_from_openai_upstream_with_fragmented_arguments() {
    List<ToolCall> calls = List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
        new ToolCall("call_2", "get_weather", "{\"city\":\"Tokyo\"}"));
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(OpenAiWire.streamToolCalls("gpt-test", calls, 4, Tokens.of(20, 10))));
    ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
        ask("oai/gpt-test", "weather?").addFunctionTool(weatherTool()).build())) {
      s.stream().forEach(acc::accumulate);
    }
    List<ChatCompletionMessageToolCall> got = acc.chatCompletion().choices().get(0).message().toolCalls().orElseThrow();
    assertThat(got).hasSize(2);
    assertThat(got.get(0).asFunction().function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(got.get(1).asFunction().function().arguments()).isEqualTo("{\"city\":\"Tokyo\"}");
    assertThat(got.get(1).asFunction().id()).isEqualTo("call_2");
    JsonNode sentTools = fx.fake.lastRequest().bodyJson().path("tools");
    assertThat(sentTools.get(0).path("function").path("name").asText()).isEqualTo("get_weather");
  }

  @Test
  void tool_calls_stream_from_anthropic_upstream_become_openai_tool_call_deltas() {
    List<ToolCall> calls = List.of(new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}"),
        new ToolCall("toolu_2", "get_weather", "{\"city\":\"Oslo\"}"));
    fx.fake.enqueue(Endpoint.ANTHROPIC_MESSAGES,
        Reply.sse(AnthropicWire.streamToolUse("claude-test", "Checking.", calls, 5, Tokens.of(30, 12))));
    ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
        ask("anth/claude-test", "weather?").addFunctionTool(weatherTool()).build())) {
      s.stream().forEach(acc::accumulate);
    }
    ChatCompletion c = acc.chatCompletion();
    List<ChatCompletionMessageToolCall> got = c.choices().get(0).message().toolCalls().orElseThrow();
    assertThat(got).extracting(t -> t.asFunction().function().arguments())
        .containsExactly("{\"city\":\"Paris\"}", "{\"city\":\"Oslo\"}");
    assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    JsonNode tools = fx.fake.lastRequest().bodyJson().path("tools");
    assertThat(tools.get(0).path("input_schema").path("type").asText()).isEqualTo("object");
  }

  @Test
  void claudes_signed_thinking_reaches_the_sdk_as_reasoning_details_and_goes_back_signed_with_the_message() {
    ObjectNode answer = AnthropicWire.messageToolUse("claude-test", null,
        List.of(new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}")), Tokens.of(30, 12));
    ((ArrayNode) answer.get("content")).insertObject(0).put("type", "thinking")
        .put("thinking", "Paris needs a lookup.").put("signature", "EqQBsig");
    fx.fake.enqueue(Endpoint.ANTHROPIC_MESSAGES, Reply.json(200, answer));
    ChatCompletionCreateParams.Builder ask = ask("anth/claude-test", "weather?").addFunctionTool(weatherTool())
        .reasoningEffort(ReasoningEffort.LOW);
    var message = client.chat().completions().create(ask.build()).choices().get(0).message();
    assertThat(message._additionalProperties().get("reasoning_details").toString())
        .contains("reasoning.text", "Paris needs a lookup.", "EqQBsig", "anthropic-claude-v1");

    // The SDK's toParam() drops fields it does not know: the client passes reasoning_details back itself, as
    // OpenRouter's documentation shows it.
    fx.fake.enqueue(Endpoint.ANTHROPIC_MESSAGES, Reply.json(200, AnthropicWire.message("claude-test", "Sunny.",
        Tokens.of(40, 3))));
    var replayed = message.toParam().toBuilder()
        .putAdditionalProperty("reasoning_details", message._additionalProperties().get("reasoning_details")).build();
    client.chat().completions().create(ask.addMessage(replayed).addMessage(ChatCompletionToolMessageParam.builder()
        .toolCallId("toolu_1").content("{\"sky\":\"clear\"}").build()).build());
    JsonNode sent = fx.fake.lastRequest().bodyJson();
    assertThat(sent.at("/messages/1/content/0")).isEqualTo(JsonNodeFactory.instance.objectNode().put("type", "thinking")
        .put("thinking", "Paris needs a lookup.").put("signature", "EqQBsig"));
    assertThat(sent.at("/thinking/type").asText()).isEqualTo("enabled");
  }

  @Test
  void tool_result_turn_is_translated_for_gemini_with_function_names() {
    List<ToolCall> calls = List.of(new ToolCall("call_9", "get_weather", "{\"city\":\"Rome\"}"));
    fx.fake.enqueue(Endpoint.GEMINI_GENERATE, Reply.json(GeminiWire.generateContentFunctionCalls("gemini-test", calls,
        Tokens.of(9, 3))));
    ChatCompletion first = client.chat().completions().create(ask("gem/gemini-test", "weather in Rome?")
        .addFunctionTool(weatherTool()).build());
    ChatCompletionMessageToolCall call = first.choices().get(0).message().toolCalls().orElseThrow().get(0);
    assertThat(call.asFunction().function().name()).isEqualTo("get_weather");
    ChatCompletion second = client.chat().completions().create(ask("gem/gemini-test", "weather in Rome?")
        .addFunctionTool(weatherTool())
        .addMessage(first.choices().get(0).message())
        .addMessage(com.openai.models.chat.completions.ChatCompletionToolMessageParam.builder()
            .toolCallId(call.asFunction().id()).content("{\"temp\":21}").build())
        .build());
    assertThat(second.choices().get(0).message().content()).isPresent();
    JsonNode contents = fx.fake.lastRequest().bodyJson().path("contents");
    JsonNode last = contents.get(contents.size() - 1);
    assertThat(last.path("parts").get(0).path("functionResponse").path("name").asText()).isEqualTo("get_weather");
  }

  @Test
  void json_mode_and_image_parts_reach_the_upstream() {
    ChatCompletionContentPart text = ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("describe").build());
    ChatCompletionContentPart image = ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
        .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url("data:image/png;base64,iVBORw0KGgo=").build()).build());
    client.chat().completions().create(ChatCompletionCreateParams.builder().model("anth/claude-test")
        .addUserMessageOfArrayOfContentParts(List.of(text, image))
        .responseFormat(ResponseFormatJsonObject.builder().build()).stop("END").build());
    JsonNode body = fx.fake.lastRequest().bodyJson();
    JsonNode img = body.path("messages").get(0).path("content").get(1);
    assertThat(img.path("type").asText()).isEqualTo("image");
    assertThat(img.path("source").path("media_type").asText()).isEqualTo("image/png");
    assertThat(body.path("stop_sequences").get(0).asText()).isEqualTo("END");
    assertThat(body.toString()).containsIgnoringCase("json");
  }

  @Test
  void logprobs_asked_for_reach_the_upstream_and_come_back_in_the_answer_and_the_stream() {
    ObjectNode answer = OpenAiWire.chatCompletion("gpt-test", "Hi", Tokens.of(9, 1));
    ((ObjectNode) answer.path("choices").get(0)).set("logprobs", OpenAiWire.logprobs("Hi", -0.25, "Hello"));
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(200, answer));
    ChatCompletion c = client.chat().completions().create(ask("oai/gpt-test", "hi").logprobs(true).topLogprobs(2).build());
    JsonNode up = fx.fake.lastRequest().bodyJson();
    assertThat(up.path("logprobs").asBoolean()).isTrue();
    assertThat(up.path("top_logprobs").asInt()).isEqualTo(2);
    List<ChatCompletionTokenLogprob> tokens = c.choices().get(0).logprobs().orElseThrow().content().orElseThrow();
    assertThat(tokens).extracting(ChatCompletionTokenLogprob::token).containsExactly("Hi");
    assertThat(tokens.get(0).logprob()).isEqualTo(-0.25);
    assertThat(tokens.get(0).bytes()).hasValue(List.of((long) 'H'));
    assertThat(tokens.get(0).topLogprobs()).extracting(ChatCompletionTokenLogprob.TopLogprob::token)
        .containsExactly("Hi", "Hello");

    List<String> events = new ArrayList<>();
    ObjectNode role = JsonNodeFactory.instance.objectNode().put("role", "assistant").put("content", "");
    events.add(OpenAiWire.event(OpenAiWire.chunk("gpt-test", role, null, false)));
    for (String token : List.of("Hi", "!")) {
      ObjectNode chunk = OpenAiWire.chunk("gpt-test", JsonNodeFactory.instance.objectNode().put("content", token), null, false);
      ((ObjectNode) chunk.path("choices").get(0)).set("logprobs", OpenAiWire.logprobs(token, -0.5, "?"));
      events.add(OpenAiWire.event(chunk));
    }
    events.add(OpenAiWire.event(OpenAiWire.chunk("gpt-test", JsonNodeFactory.instance.objectNode(), "stop", false)));
    events.add(OpenAiWire.DONE);
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(events));
    List<ChatCompletionTokenLogprob> streamed = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(ask("oai/gpt-test", "hi")
        .logprobs(true).topLogprobs(2).build())) {
      s.stream().forEach(chunk -> chunk.choices().forEach(choice ->
          choice.logprobs().flatMap(ChatCompletionChunk.Choice.Logprobs::content).ifPresent(streamed::addAll)));
    }
    assertThat(streamed).extracting(ChatCompletionTokenLogprob::token).containsExactly("Hi", "!");
    assertThat(streamed.get(1).topLogprobs()).extracting(ChatCompletionTokenLogprob.TopLogprob::token)
        .containsExactly("!", "?");
  }

  @Test
  void logprobs_through_a_gemini_upstream_are_asked_for_in_its_terms_and_come_back_in_openai_terms() {
    ObjectNode answer = GeminiWire.generateContent("gemini-test", "Hi", Tokens.of(4, 1));
    ObjectNode result = ((ObjectNode) answer.path("candidates").get(0)).putObject("logprobsResult");
    result.putArray("chosenCandidates").addObject().put("token", "Hi").put("logProbability", -0.25);
    var step = result.putArray("topCandidates").addObject().putArray("candidates");
    step.addObject().put("token", "Hi").put("logProbability", -0.25);
    step.addObject().put("token", "Hello").put("logProbability", -1.5);
    fx.fake.enqueue(Endpoint.GEMINI_GENERATE, Reply.json(200, answer));
    ChatCompletion c = client.chat().completions().create(ask("gem/gemini-test", "hi").logprobs(true).topLogprobs(2)
        .build());
    JsonNode generationConfig = fx.fake.lastRequest().bodyJson().path("generationConfig");
    assertThat(generationConfig.path("responseLogprobs").asBoolean()).isTrue();
    assertThat(generationConfig.path("logprobs").asInt()).isEqualTo(2);
    List<ChatCompletionTokenLogprob> tokens = c.choices().get(0).logprobs().orElseThrow().content().orElseThrow();
    assertThat(tokens).singleElement().satisfies(t -> {
      assertThat(t.token()).isEqualTo("Hi");
      assertThat(t.logprob()).isEqualTo(-0.25);
      assertThat(t.bytes()).hasValue(List.of((long) 'H', (long) 'i'));
      assertThat(t.topLogprobs()).extracting(ChatCompletionTokenLogprob.TopLogprob::token).containsExactly("Hi", "Hello");
    });
  }

  @Test
  void a_refusal_comes_back_as_a_refusal_not_as_content_in_answers_and_streams() {
    String refusal = "I'm sorry, I cannot assist with that request.";
    ObjectNode answer = OpenAiWire.chatCompletion("gpt-test", "", Tokens.of(9, 11));
    ObjectNode message = (ObjectNode) answer.path("choices").get(0).path("message");
    message.putNull("content");
    message.put("refusal", refusal);
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(200, answer));
    ChatCompletion c = client.chat().completions().create(ask("oai/gpt-test", "hi").build());
    assertThat(c.choices().get(0).message().refusal()).hasValue(refusal);
    assertThat(c.choices().get(0).message().content()).isEmpty();

    List<String> events = new ArrayList<>();
    ObjectNode role = JsonNodeFactory.instance.objectNode().put("role", "assistant").put("refusal", "");
    events.add(OpenAiWire.event(OpenAiWire.chunk("gpt-test", role, null, false)));
    for (String piece : List.of("I'm sorry,", " I cannot assist", " with that request.")) {
      events.add(OpenAiWire.event(OpenAiWire.chunk("gpt-test", JsonNodeFactory.instance.objectNode().put("refusal", piece),
          null, false)));
    }
    events.add(OpenAiWire.event(OpenAiWire.chunk("gpt-test", JsonNodeFactory.instance.objectNode(), "stop", false)));
    events.add(OpenAiWire.DONE);
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(events));
    StringBuilder streamedRefusal = new StringBuilder();
    StringBuilder streamedContent = new StringBuilder();
    try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(ask("oai/gpt-test", "hi").build())) {
      s.stream().forEach(chunk -> chunk.choices().forEach(choice -> {
        choice.delta().refusal().ifPresent(streamedRefusal::append);
        choice.delta().content().ifPresent(streamedContent::append);
      }));
    }
    assertThat(streamedRefusal.toString()).isEqualTo(refusal);
    assertThat(streamedContent.toString()).isEmpty();
  }

  @Test
  void answer_fields_without_a_canonical_slot_reach_the_client_citations_and_fingerprint_included() {
    ObjectNode answer = OpenAiWire.chatCompletion("gpt-test", "Parks reopen.", Tokens.of(8, 3));
    ObjectNode citation = ((ObjectNode) answer.path("choices").get(0).path("message")).putArray("annotations").addObject()
        .put("type", "url_citation");
    citation.putObject("url_citation").put("start_index", 0).put("end_index", 13).put("title", "News")
        .put("url", "https://example.com/news");
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(200, answer));
    ChatCompletion c = client.chat().completions().create(ask("oai/gpt-test", "news?").build());
    assertThat(c.systemFingerprint()).hasValue(OpenAiWire.FINGERPRINT);
    assertThat(c.serviceTier()).hasValue(ChatCompletion.ServiceTier.DEFAULT);
    var annotations = c.choices().get(0).message().annotations().orElseThrow();
    assertThat(annotations).hasSize(1);
    assertThat(annotations.get(0).urlCitation().url()).isEqualTo("https://example.com/news");
    assertThat(annotations.get(0).urlCitation().endIndex()).isEqualTo(13);

    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(OpenAiWire.streamText("gpt-test", List.of("Parks", " reopen."), null)));
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(ask("oai/gpt-test", "news?")
        .build())) {
      s.stream().forEach(chunks::add);
    }
    assertThat(chunks).isNotEmpty().allSatisfy(chunk -> {
      assertThat(chunk.systemFingerprint()).hasValue(OpenAiWire.FINGERPRINT);
      assertThat(chunk.serviceTier()).hasValue(ChatCompletionChunk.ServiceTier.DEFAULT);
    });

    // A search model streams its citations as a delta field, in the chunk that also finishes the answer.
    List<String> events = new ArrayList<>();
    events.add(OpenAiWire.event(OpenAiWire.chunk("gpt-test",
        JsonNodeFactory.instance.objectNode().put("role", "assistant").put("content", "Parks reopen."), null, false)));
    ObjectNode cited = JsonNodeFactory.instance.objectNode();
    cited.putArray("annotations").add(citation.deepCopy());
    events.add(OpenAiWire.event(OpenAiWire.chunk("gpt-test", cited, "stop", false)));
    events.add(OpenAiWire.DONE);
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(events));
    List<JsonValue> streamedAnnotations = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(ask("oai/gpt-test", "news?")
        .build())) {
      s.stream().forEach(chunk -> chunk.choices().forEach(choice -> {
        JsonValue a = choice.delta()._additionalProperties().get("annotations");
        if (a != null) streamedAnnotations.add(a);
      }));
    }
    assertThat(streamedAnnotations).singleElement().satisfies(a -> assertThat(a.toString())
        .contains("url_citation", "https://example.com/news"));
  }
}
