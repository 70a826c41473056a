package dev.switchboard.protocol.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.StreamEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Responses wire as an upstream (pass-through): usage, finish and errors decoded from real payloads. */
class ResponsesUpstreamTest {
  @Test
  void a_text_response_decodes_with_its_usage() {
    ChatResponse r = ResponsesUpstream.decodeResponse(ResponsesGolden.bytes("text.response.json"));
    assertThat(r.id()).isEqualTo("resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b");
    assertThat(r.model()).isEqualTo("gpt-5.4");
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(((ContentBlock.Text) r.content().get(0)).text()).startsWith("In a peaceful grove");
    assertThat(r.usage().inputTokens()).isEqualTo(36);
    assertThat(r.usage().outputTokens()).isEqualTo(87);
    assertThat(r.usage().cachedInputTokens()).isZero();
  }

  @Test
  void a_function_call_response_decodes_to_a_tool_use() {
    ChatResponse r = ResponsesUpstream.decodeResponse(ResponsesGolden.bytes("function_call.response.json"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.content()).containsExactly(new ContentBlock.ToolUse("call_unLAR8MvFNptuiZK6K6HCy5k",
        "get_current_weather", "{\"location\":\"Boston, MA\",\"unit\":\"celsius\"}"));
    assertThat(r.usage().inputTokens()).isEqualTo(291);
    assertThat(r.usage().cachedInputTokens()).isNull();
  }

  @Test
  void reasoning_items_and_cached_and_reasoning_tokens_are_decoded() {
    ChatResponse r = ResponsesUpstream.decodeResponse(ResponsesGolden.bytes("reasoning_usage.response.json"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(r.content().get(0)).isInstanceOfSatisfying(ContentBlock.Thinking.class, t -> {
      assertThat(t.text()).contains("318 kilograms");
      assertThat(t.signature()).isEqualTo("gAAAAABoIPOEcIz3_opaque_2");
    });
    assertThat(r.usage().inputTokens()).isEqualTo(2048);
    assertThat(r.usage().cachedInputTokens()).isEqualTo(1920);
    assertThat(r.usage().reasoningTokens()).isEqualTo(256);
    assertThat(r.usage().outputTokens()).isEqualTo(300);
  }

  @Test
  void the_reference_stream_decodes_to_text_usage_and_a_finish() {
    List<StreamEvent> events = ResponsesGolden.decodeStream(ResponsesGolden.bytes("text.stream.sse"));
    assertThat(events.get(0)).isEqualTo(new StreamEvent.Start("resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654", "gpt-5.4"));
    StringBuilder text = new StringBuilder();
    events.stream().filter(e -> e instanceof StreamEvent.TextDelta).forEach(e -> text.append(((StreamEvent.TextDelta) e).text()));
    assertThat(text.toString()).isEqualTo("Hi there! How can I assist you today?");
    assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(StreamEvent.UsageReport.class,
        u -> assertThat(u.usage().outputTokens()).isEqualTo(11)));
    assertThat(events.getLast()).isEqualTo(new StreamEvent.Finish(FinishReason.STOP, null));
  }

  @Test
  void our_own_stream_encoding_decodes_back_to_the_same_tool_calls() {
    ChatRequest req = ResponsesClientCodec.INSTANCE.decodeRequest(ResponsesGolden.bytes("function_call.request.json"));
    var enc = ResponsesClientCodec.INSTANCE.streamEncoder(req);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (StreamEvent e : List.of(new StreamEvent.ToolCallStart(0, "call_a", "get_current_weather"),
        new StreamEvent.ToolCallDelta(0, "{\"location\":"), new StreamEvent.ToolCallDelta(0, "\"Boston\"}"),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS, null))) {
      out.writeBytes(enc.encode(e));
    }
    out.writeBytes(enc.end());
    List<StreamEvent> back = ResponsesGolden.decodeStream(out.toByteArray());
    assertThat(back).contains(new StreamEvent.ToolCallStart(0, "call_a", "get_current_weather"),
        new StreamEvent.ToolCallDelta(0, "{\"location\":"), new StreamEvent.ToolCallDelta(0, "\"Boston\"}"),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS, null));
  }

  @Test
  void a_failed_stream_becomes_an_error_event() {
    byte[] sse = ResponsesGolden.utf8("""
        event: response.failed
        data: {"type":"response.failed","sequence_number":3,"response":{"id":"resp_1","object":"response","status":"failed","error":{"code":"server_error","message":"The model failed to generate a response."},"output":[]}}

        """);
    var decoder = ResponsesUpstream.streamDecoder();
    List<StreamEvent> out = new java.util.ArrayList<>();
    for (var e : ResponsesGolden.sse(sse)) decoder.decode(e, out::add);
    assertThat(out).singleElement().isInstanceOfSatisfying(StreamEvent.Error.class, e -> {
      assertThat(e.error().code()).isEqualTo("server_error");
      assertThat(e.error().message()).contains("failed to generate");
    });
    assertThat(decoder.completed()).isFalse();
  }

  @Test
  void the_pass_through_body_replaces_only_the_model_and_stream() {
    ChatRequest req = ResponsesClientCodec.INSTANCE.decodeRequest(ResponsesGolden.bytes("web_search.request.json"));
    JsonNode sent = ResponsesGolden.tree(ResponsesUpstream.passThroughBody(req, "gpt-4.1-2025-04-14"));
    assertThat(sent.get("model").asText()).isEqualTo("gpt-4.1-2025-04-14");
    assertThat(sent.get("tools")).isEqualTo(ResponsesGolden.json("web_search.request.json").get("tools"));
    assertThat(sent.has("stream")).isFalse();
    assertThat(req.inbound().body().get("model").asText()).isEqualTo("gpt-5.4");
  }
}
