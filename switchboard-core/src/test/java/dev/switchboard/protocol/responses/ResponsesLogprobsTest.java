package dev.switchboard.protocol.responses;

import static dev.switchboard.protocol.responses.ResponsesGolden.gatewayError;
import static dev.switchboard.protocol.responses.ResponsesGolden.tree;
import static dev.switchboard.protocol.responses.ResponsesGolden.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.TokenLogprob;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.StreamEncoder;
import dev.switchboard.protocol.sse.SseEvent;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Responses client's token log probabilities through a translated upstream: {@code include:
 * ["message.output_text.logprobs"]} and {@code top_logprobs} become the Chat Completions fields the upstream
 * encoders send, and the canonical tokens come back in output_text parts (LogProb, with bytes) and in text delta and
 * done events (ResponseLogProb), each checked against the API's schemas.
 */
class ResponsesLogprobsTest {
  private static final ResponsesClientCodec CODEC = ResponsesClientCodec.INSTANCE;
  private static final String ASK = "{\"model\":\"m\",\"input\":\"hi\",\"include\":[\"message.output_text.logprobs\"],"
      + "\"top_logprobs\":2";

  private static ChatRequest request(String json) { return CODEC.decodeRequest(utf8(json)); }

  private static List<TokenLogprob> tokens(String... tokensThenLogprobs) {
    List<TokenLogprob> out = new ArrayList<>();
    for (int i = 0; i < tokensThenLogprobs.length; i += 2) {
      String token = tokensThenLogprobs[i];
      double logprob = Double.parseDouble(tokensThenLogprobs[i + 1]);
      out.add(new TokenLogprob(token, logprob, null, List.of(new TokenLogprob(token, logprob, null, null),
          new TokenLogprob("?", -3.5, List.of(63), null))));
    }
    return out;
  }

  /** The chosen tokens of a logprobs array (not the alternatives in their top_logprobs). */
  private static List<String> tokensOf(JsonNode logprobs) {
    List<String> out = new ArrayList<>();
    logprobs.forEach(t -> out.add(t.path("token").asText()));
    return out;
  }

  @Test
  void include_and_top_logprobs_become_the_chat_fields_upstreams_are_asked_with() {
    ChatRequest r = request(ASK + "}");
    assertThat(r.extra().get("logprobs").booleanValue()).isTrue();
    assertThat(r.extra().get("top_logprobs").intValue()).isEqualTo(2);
    ChatRequest includeOnly = request("{\"model\":\"m\",\"input\":\"hi\",\"include\":[\"reasoning.encrypted_content\","
        + "\"message.output_text.logprobs\"]}");
    assertThat(includeOnly.extra()).containsOnlyKeys("logprobs");
    assertThat(request("{\"model\":\"m\",\"input\":\"hi\",\"include\":[\"reasoning.encrypted_content\"]}").extra())
        .isEmpty();
    assertThat(request("{\"model\":\"m\",\"input\":\"hi\",\"top_logprobs\":0}").extra()).isEmpty();
  }

  @Test
  void bad_logprob_settings_are_rejected_naming_the_field() {
    assertThat(gatewayError(() -> request("{\"model\":\"m\",\"input\":\"hi\",\"top_logprobs\":21}")).error().param())
        .isEqualTo("top_logprobs");
    assertThat(gatewayError(() -> request("{\"model\":\"m\",\"input\":\"hi\",\"top_logprobs\":\"2\"}")).error().param())
        .isEqualTo("top_logprobs");
    assertThat(gatewayError(() -> request("{\"model\":\"m\",\"input\":\"hi\",\"include\":[1]}")).error().param())
        .isEqualTo("include[0]");
  }

  @Test
  void an_answers_logprobs_go_on_its_output_text_part_with_bytes() {
    ChatRequest r = request(ASK + "}");
    ChatResponse answer = new ChatResponse("resp_1", "m", 1, List.of(new ContentBlock.Text("Hi!")),
        FinishReason.STOP, null, new Usage(3L, 2L, null, null, null, null), tokens("Hi", "-0.25", "!", "-0.5"));
    JsonNode out = tree(CODEC.forRequest(r).encodeResponse(answer));
    assertThat(ResponsesShape.violations("Response", out)).isEmpty();
    JsonNode logprobs = out.at("/output/0/content/0/logprobs");
    assertThat(logprobs).hasSize(2);
    assertThat(logprobs.get(0).path("token").asText()).isEqualTo("Hi");
    assertThat(logprobs.get(0).path("bytes").toString()).isEqualTo("[72,105]");
    assertThat(logprobs.get(1).path("top_logprobs").get(1).path("token").asText()).isEqualTo("?");
    assertThat(logprobs.get(1).path("top_logprobs").get(1).path("bytes").toString()).isEqualTo("[63]");
  }

  @Test
  void an_answers_logprobs_are_split_among_its_messages_when_a_tool_call_parts_its_text() {
    // A Gemini candidate's parts: text, a function call, text; its logprobsResult covers both texts' tokens.
    ChatRequest r = request(ASK + "}");
    ChatResponse answer = new ChatResponse("resp_1", "m", 1, List.of(new ContentBlock.Text("Let me check."),
        new ContentBlock.ToolUse("call_1", "lookup", "{}"), new ContentBlock.Text("Done!")),
        FinishReason.TOOL_CALLS, null, null, tokens("Let", "-0.1", " me", "-0.2", " check.", "-0.3", "Done", "-0.4",
            "!", "-0.5"));
    JsonNode out = tree(CODEC.forRequest(r).encodeResponse(answer));
    assertThat(ResponsesShape.violations("Response", out)).isEmpty();
    assertThat(out.at("/output/1/type").asText()).isEqualTo("function_call");
    assertThat(tokensOf(out.at("/output/0/content/0/logprobs"))).containsExactly("Let", " me", " check.");
    assertThat(tokensOf(out.at("/output/2/content/0/logprobs"))).containsExactly("Done", "!");
    assertThat(out.at("/output/2/content/0/logprobs/0/logprob").asDouble()).isEqualTo(-0.4);
  }

  @Test
  void tokens_that_do_not_spell_the_text_stay_on_its_last_part() {
    ChatRequest r = request(ASK + "}");
    ChatResponse answer = new ChatResponse("resp_1", "m", 1, List.of(new ContentBlock.Text("Hi"),
        new ContentBlock.ToolUse("call_1", "f", "{}"), new ContentBlock.Text("yo")),
        FinishReason.TOOL_CALLS, null, null, tokens("Hi", "-0.1", "yo", "-0.2", "extra", "-0.3"));
    JsonNode out = tree(CODEC.forRequest(r).encodeResponse(answer));
    assertThat(tokensOf(out.at("/output/0/content/0/logprobs"))).containsExactly("Hi");
    assertThat(tokensOf(out.at("/output/2/content/0/logprobs"))).containsExactly("yo", "extra");
  }

  @Test
  void a_streams_logprobs_ride_on_its_text_deltas_and_are_gathered_in_the_done_events() {
    ChatRequest r = request(ASK + ",\"stream\":true}");
    StreamEncoder enc = CODEC.streamEncoder(r);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (StreamEvent e : List.of(new StreamEvent.Start("c1", "m"),
        new StreamEvent.TextDelta("Hi", tokens("Hi", "-0.25")), new StreamEvent.TextDelta("!", tokens("!", "-0.5")),
        new StreamEvent.Finish(FinishReason.STOP, null))) {
      bytes.writeBytes(enc.encode(e));
    }
    bytes.writeBytes(enc.end());
    List<JsonNode> deltas = new ArrayList<>();
    JsonNode textDone = null;
    JsonNode completed = null;
    for (SseEvent e : ResponsesGolden.sse(bytes.toByteArray())) {
      JsonNode data = tree(utf8(e.data()));
      switch (e.event()) {
        case "response.output_text.delta" -> {
          assertThat(ResponsesShape.violations("ResponseTextDeltaEvent", data)).isEmpty();
          deltas.add(data);
        }
        case "response.output_text.done" -> {
          assertThat(ResponsesShape.violations("ResponseTextDoneEvent", data)).isEmpty();
          textDone = data;
        }
        case "response.completed" -> {
          assertThat(ResponsesShape.violations("ResponseCompletedEvent", data)).isEmpty();
          completed = data;
        }
        default -> { }
      }
    }
    assertThat(deltas).hasSize(2);
    assertThat(deltas.get(1).at("/logprobs/0/token").asText()).isEqualTo("!");
    assertThat(deltas.get(1).at("/logprobs/0/top_logprobs/1/logprob").asDouble()).isEqualTo(-3.5);
    assertThat(textDone.path("logprobs")).extracting(n -> n.path("token").asText()).containsExactly("Hi", "!");
    assertThat(completed.at("/response/output/0/content/0/logprobs")).extracting(n -> n.path("bytes").toString())
        .containsExactly("[72,105]", "[33]");
  }
}
