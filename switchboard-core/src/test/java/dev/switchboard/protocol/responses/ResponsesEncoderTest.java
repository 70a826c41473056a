package dev.switchboard.protocol.responses;

import static dev.switchboard.protocol.responses.ResponsesGolden.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.openai.OpenAiChatCodec;
import dev.switchboard.protocol.openai.OpenAiGolden;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesEncoderTest {
  private static ChatRequest request(String golden) {
    return ResponsesClientCodec.INSTANCE.decodeRequest(ResponsesGolden.bytes(golden));
  }

  private static JsonNode encode(String requestGolden, ChatResponse response) {
    ChatRequest req = request(requestGolden);
    return tree(ResponsesClientCodec.INSTANCE.forRequest(req).encodeResponse(response));
  }

  @Test
  void a_text_answer_matches_the_api_reference_response_and_the_schema() {
    JsonNode golden = ResponsesGolden.json("text.response.json");
    ChatResponse canonical = ResponseDecoder.decode(ResponsesGolden.bytes("text.response.json"));
    JsonNode out = encode("text.request.json", canonical);
    assertThat(ResponsesShape.violations("Response", out)).isEmpty();
    assertThat(out.get("id")).isEqualTo(golden.get("id"));
    for (String field : List.of("object", "status", "created_at", "error", "incomplete_details", "instructions",
        "max_output_tokens", "model", "parallel_tool_calls", "previous_response_id", "text", "tool_choice", "tools",
        "truncation", "usage", "metadata")) {
      assertThat(out.get(field)).as(field).isEqualTo(golden.get(field));
    }
    assertThat(out.at("/output/0/content/0/text")).isEqualTo(golden.at("/output/0/content/0/text"));
    assertThat(out.at("/output/0/type").asText()).isEqualTo("message");
    assertThat(out.at("/output/0/role").asText()).isEqualTo("assistant");
    assertThat(out.at("/output/0/id").asText()).startsWith("msg_");
  }

  @Test
  void a_function_call_answer_echoes_the_tools_and_has_function_call_items() {
    JsonNode golden = ResponsesGolden.json("function_call.response.json");
    ChatResponse canonical = ResponseDecoder.decode(ResponsesGolden.bytes("function_call.response.json"));
    assertThat(canonical.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    JsonNode out = encode("function_call.request.json", canonical);
    assertThat(ResponsesShape.violations("Response", out)).isEmpty();
    JsonNode item = out.at("/output/0");
    assertThat(item.get("type").asText()).isEqualTo("function_call");
    assertThat(item.get("call_id")).isEqualTo(golden.at("/output/0/call_id"));
    assertThat(item.get("name")).isEqualTo(golden.at("/output/0/name"));
    assertThat(item.get("arguments")).isEqualTo(golden.at("/output/0/arguments"));
    assertThat(item.get("status").asText()).isEqualTo("completed");
    assertThat(out.at("/tools/0/name")).isEqualTo(golden.at("/tools/0/name"));
    assertThat(out.at("/tools/0/parameters")).isEqualTo(golden.at("/tools/0/parameters"));
    assertThat(out.get("tool_choice").asText()).isEqualTo("auto");
  }

  @Test
  void thinking_becomes_a_reasoning_item_and_usage_carries_cached_and_reasoning_tokens() {
    Usage usage = new Usage(2048L, 300L, 1920L, null, 256L, null);
    ChatResponse answer = new ChatResponse("msg_01", "claude-test", 1746989954L, List.of(
        new ContentBlock.Thinking("Converting units.", "sig-abc"),
        new ContentBlock.Text("Roughly 318 kilograms"),
        new ContentBlock.ToolUse("toolu_1", "convert", "{\"kg\":318}")), FinishReason.LENGTH, null, usage);
    JsonNode out = encode("reasoning_round_trip.request.json", answer);
    assertThat(ResponsesShape.violations("Response", out)).isEmpty();
    assertThat(out.get("id").asText()).isEqualTo("resp_msg_01");
    assertThat(out.get("status").asText()).isEqualTo("incomplete");
    assertThat(out.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
    assertThat(out.at("/output/0/type").asText()).isEqualTo("reasoning");
    assertThat(out.at("/output/0/summary/0/text").asText()).isEqualTo("Converting units.");
    assertThat(out.at("/output/0/encrypted_content").asText()).isEqualTo("sig-abc");
    assertThat(out.at("/output/1/content/0/text").asText()).isEqualTo("Roughly 318 kilograms");
    assertThat(out.at("/output/2/type").asText()).isEqualTo("function_call");
    JsonNode expectedUsage = ResponsesGolden.json("reasoning_usage.response.json").get("usage");
    assertThat(out.get("usage")).isEqualTo(expectedUsage);
    assertThat(out.at("/reasoning/effort").asText()).isEqualTo("low");
  }

  @Test
  void a_request_echo_follows_the_client_settings() {
    JsonNode out = encode("function_round_trip.request.json", new ChatResponse("c1", "gpt-4.1", 1L,
        List.of(new ContentBlock.Text("{\"summary\":\"sunny\"}")), FinishReason.STOP, null, Usage.NONE));
    assertThat(ResponsesShape.violations("Response", out)).isEmpty();
    assertThat(out.get("instructions").asText()).isEqualTo("Use the tools when you need live data.");
    assertThat(out.get("temperature").asDouble()).isEqualTo(0.2);
    assertThat(out.get("parallel_tool_calls").asBoolean()).isFalse();
    assertThat(out.get("max_output_tokens").asInt()).isEqualTo(500);
    assertThat(out.at("/text/format/type").asText()).isEqualTo("json_schema");
    assertThat(out.at("/metadata/session").asText()).isEqualTo("s-42");
    assertThat(out.get("store").asBoolean()).isFalse();
  }

  @Test
  void errors_use_the_openai_error_shape() {
    byte[] body = ResponsesClientCodec.INSTANCE.encodeError(GatewayError.field(ErrorKey.CAPABILITY_UNSUPPORTED,
        "previous_response_id", "previous_response_id: needs an upstream serving the Responses API"));
    JsonNode err = tree(body);
    assertThat(ResponsesShape.violations("ErrorResponse", err)).isEmpty();
    assertThat(err.at("/error/param").asText()).isEqualTo("previous_response_id");
    assertThat(err.at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(ResponsesShape.violations("ErrorResponse", ResponsesGolden.json("previous_response_not_found.error.json")))
        .isEmpty();
  }

  @Test
  void a_refusal_becomes_a_refusal_content_part() {
    ChatResponse refused = new ChatResponse("chatcmpl-1", "gpt-test", 1L,
        List.of(new dev.switchboard.model.ContentBlock.Text("I'm sorry, I cannot help.", true)),
        dev.switchboard.model.FinishReason.STOP, null, null);
    JsonNode out = encode("text.request.json", refused);
    assertThat(ResponsesShape.violations("Response", out)).isEmpty();
    assertThat(out.at("/output/0/content/0/type").asText()).isEqualTo("refusal");
    assertThat(out.at("/output/0/content/0/refusal").asText()).isEqualTo("I'm sorry, I cannot help.");
  }

  @Test
  void a_chat_answers_url_citations_become_output_text_annotations() {
    ChatResponse chat = OpenAiChatCodec.INSTANCE.decodeResponse(
        OpenAiGolden.bytes("search_annotations.response.json"));
    JsonNode out = encode("text.request.json", chat);
    assertThat(ResponsesShape.violations("Response", out)).isEmpty();
    JsonNode annotation = out.at("/output/0/content/0/annotations/0");
    assertThat(annotation.path("type").asText()).isEqualTo("url_citation");
    assertThat(annotation.path("url").asText()).isEqualTo("https://example.com/news/riverside-park?utm_source=openai");
    assertThat(annotation.path("title").asText()).isEqualTo("Riverside park reopens");
    assertThat(annotation.path("start_index").asInt()).isZero();
    assertThat(annotation.path("end_index").asInt()).isEqualTo(91);
  }

  @Test
  void citations_go_on_the_part_whose_text_they_cite_counted_from_its_start() {
    // Offsets count from the start of the answer's whole text ("Parks: see A." + "Also B."); a tool call parts it.
    JsonNode annotations = OpenAiGolden.tree("""
        [{"type":"url_citation","url_citation":{"url":"https://a.example","title":"A","start_index":11,"end_index":12}},
         {"type":"url_citation","url_citation":{"url":"https://b.example","title":"B","start_index":18,"end_index":19}},
         {"type":"url_citation","url_citation":{"url":"https://c.example","title":"C","start_index":7,"end_index":16}}]""");
    ChatResponse answer = new ChatResponse("chatcmpl-1", "gpt-test", 1L, List.of(
        new dev.switchboard.model.ContentBlock.Text("Parks: see A."),
        new dev.switchboard.model.ContentBlock.ToolUse("call_1", "lookup", "{}"),
        new dev.switchboard.model.ContentBlock.Text("Also B.")),
        dev.switchboard.model.FinishReason.TOOL_CALLS, null, null, null,
        new dev.switchboard.model.WireExtras(OpenAiChatCodec.WIRE, null, java.util.Map.of("annotations", annotations)));
    JsonNode out = encode("text.request.json", answer);
    assertThat(ResponsesShape.violations("Response", out)).isEmpty();
    JsonNode first = out.at("/output/0/content/0/annotations");
    JsonNode second = out.at("/output/2/content/0/annotations");
    assertThat(first).hasSize(2);
    assertThat(first.get(0).path("url").asText()).isEqualTo("https://a.example");
    assertThat(first.get(0).path("start_index").asInt()).isEqualTo(11);
    // One running past the first message's text ends with it.
    assertThat(first.get(1).path("url").asText()).isEqualTo("https://c.example");
    assertThat(first.get(1).path("start_index").asInt()).isEqualTo(7);
    assertThat(first.get(1).path("end_index").asInt()).isEqualTo("Parks: see A.".length());
    assertThat(second).hasSize(1);
    assertThat(second.get(0).path("url").asText()).isEqualTo("https://b.example");
    assertThat(second.get(0).path("start_index").asInt()).isEqualTo(5);
    assertThat(second.get(0).path("end_index").asInt()).isEqualTo(6);
    assertThat("Also B.".substring(5, 6)).isEqualTo("B");
  }

  @Test
  void an_answer_of_one_text_part_keeps_its_citations_offsets_as_the_upstream_gave_them() {
    // Nothing to rebase: even offsets outside the text (an upstream's own error) pass as they came.
    JsonNode annotations = OpenAiGolden.tree("""
        [{"type":"url_citation","url_citation":{"url":"https://a.example","title":"A","start_index":3,"end_index":-2}}]""");
    ChatResponse answer = new ChatResponse("chatcmpl-1", "gpt-test", 1L,
        List.of(new dev.switchboard.model.ContentBlock.Text("Short.")),
        dev.switchboard.model.FinishReason.STOP, null, null, null,
        new dev.switchboard.model.WireExtras(OpenAiChatCodec.WIRE, null, java.util.Map.of("annotations", annotations)));
    JsonNode citation = encode("text.request.json", answer).at("/output/0/content/0/annotations/0");
    assertThat(citation.path("url").asText()).isEqualTo("https://a.example");
    assertThat(citation.path("start_index").asInt()).isEqualTo(3);
    assertThat(citation.path("end_index").asInt()).isEqualTo(-2);
  }

  @Test
  void an_upstream_error_finish_is_a_failed_response_with_a_server_error_keeping_output_and_usage() {
    ChatResponse stopped = new ChatResponse("c1", "gemini-test", 1L, List.of(new ContentBlock.Text("Let me")),
        FinishReason.ERROR, null, new Usage(5L, 2L, 0L, null, 0L, null));
    JsonNode out = encode("text.request.json", stopped);
    assertThat(ResponsesShape.violations("Response", out)).isEmpty();
    assertThat(out.get("status").asText()).isEqualTo("failed");
    assertThat(out.get("error")).isEqualTo(tree(ResponsesGolden.utf8(
        "{\"code\":\"server_error\",\"message\":\"The upstream model stopped with an error\"}")));
    assertThat(out.get("incomplete_details").isNull()).isTrue();
    assertThat(out.has("completed_at")).isFalse();
    assertThat(out.at("/output/0/content/0/text").asText()).isEqualTo("Let me");
    assertThat(out.at("/output/0/status").asText()).isEqualTo("incomplete");
    assertThat(out.at("/usage/input_tokens").asInt()).isEqualTo(5);
    assertThat(out.at("/usage/output_tokens").asInt()).isEqualTo(2);

    JsonNode empty = encode("text.request.json",
        new ChatResponse("c2", "gemini-test", 1L, List.of(), FinishReason.ERROR, null, Usage.NONE));
    assertThat(empty.get("status").asText()).isEqualTo("failed");
    assertThat(empty.at("/error/code").asText()).isEqualTo("server_error");
    assertThat(empty.get("output")).isEmpty();
  }

  @Test
  void an_answer_cut_by_max_tokens_marks_its_last_item_incomplete() {
    ChatResponse cut = new ChatResponse("c1", "gpt-test", 1L, List.of(new ContentBlock.Text("Checking."),
        new ContentBlock.ToolUse("call_1", "get_weather", "{\"city\":\"Paris\"}"),
        new ContentBlock.ToolUse("call_2", "get_weather", "{\"city\":")), FinishReason.LENGTH, null, Usage.NONE);
    JsonNode out = encode("function_call.request.json", cut);
    assertThat(ResponsesShape.violations("Response", out)).isEmpty();
    assertThat(out.get("status").asText()).isEqualTo("incomplete");
    assertThat(out.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
    assertThat(out.get("output")).extracting(i -> i.get("status").asText())
        .containsExactly("completed", "completed", "incomplete");
  }

  @Test
  void a_message_cut_by_a_content_filter_is_incomplete() {
    JsonNode out = encode("text.request.json", new ChatResponse("c1", "gpt-test", 1L,
        List.of(new ContentBlock.Text("Once upon")), FinishReason.CONTENT_FILTER, null, Usage.NONE));
    assertThat(out.get("status").asText()).isEqualTo("incomplete");
    assertThat(out.at("/incomplete_details/reason").asText()).isEqualTo("content_filter");
    assertThat(out.at("/output/0/status").asText()).isEqualTo("incomplete");
  }
}
