package dev.switchboard.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.TokenLogprob;
import dev.switchboard.protocol.StreamEncoder;
import dev.switchboard.protocol.openai.OpenAiChatCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An OpenAI client's log probabilities through a Gemini upstream: asked for in generationConfig, read from each
 * candidate's logprobsResult (goldens follow the API's LogprobsResult: chosenCandidates and topCandidates per decoding
 * step), and written back as OpenAI's choices[0].logprobs in answers and stream chunks.
 */
class GeminiLogprobsTest {
  private static final OpenAiChatCodec OPENAI = OpenAiChatCodec.INSTANCE;

  private static ChatRequest openAiRequest(String logprobFields, boolean stream) {
    return OPENAI.decodeRequest(("{\"model\":\"gemini-2.0-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]"
        + logprobFields + (stream ? ",\"stream\":true" : "") + "}").getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode generationConfig(ChatRequest r) {
    return Goldens.tree(GeminiRequestEncoder.encode(r)).path("generationConfig");
  }

  @Test
  void logprobs_and_top_logprobs_become_response_logprobs_and_logprobs_in_the_generation_config() {
    JsonNode g = generationConfig(openAiRequest(",\"logprobs\":true,\"top_logprobs\":2", false));
    assertThat(g.path("responseLogprobs").asBoolean()).isTrue();
    assertThat(g.path("logprobs").asInt()).isEqualTo(2);

    JsonNode noTop = generationConfig(openAiRequest(",\"logprobs\":true,\"top_logprobs\":0", false));
    assertThat(noTop.path("responseLogprobs").asBoolean()).isTrue();
    assertThat(noTop.has("logprobs")).isFalse();

    assertThat(generationConfig(openAiRequest(",\"logprobs\":false", false)).has("responseLogprobs")).isFalse();
    assertThat(generationConfig(openAiRequest("", false)).has("responseLogprobs")).isFalse();
  }

  @Test
  void an_answers_logprobs_result_becomes_tokens_with_bytes_and_alternatives() {
    ChatResponse r = GeminiResponseDecoder.decode(Goldens.bytes("logprobs.response.json"), "fallback");
    assertThat(r.logprobs()).extracting(TokenLogprob::token).containsExactly("Hello", " world");
    TokenLogprob world = r.logprobs().get(1);
    assertThat(world.logprob()).isEqualTo(-0.30036187);
    assertThat(world.bytes()).containsExactly(32, 119, 111, 114, 108, 100);
    assertThat(world.top()).extracting(TokenLogprob::token).containsExactly(" world", " there");
    assertThat(world.top().get(1).logprob()).isEqualTo(-1.3489652);

    JsonNode openAi = Goldens.tree(OPENAI.encodeResponse(r));
    JsonNode content = openAi.at("/choices/0/logprobs/content");
    assertThat(content).hasSize(2);
    assertThat(content.get(0).path("token").asText()).isEqualTo("Hello");
    assertThat(content.get(0).path("top_logprobs").get(1).path("token").asText()).isEqualTo("Hi");
    assertThat(content.get(1).path("logprob").asDouble()).isEqualTo(-0.30036187);
  }

  @Test
  void an_answer_without_logprobs_result_has_none_and_malformed_entries_are_dropped() {
    assertThat(GeminiResponseDecoder.decode(Goldens.bytes("text.response.json"), "f").logprobs()).isNull();
    byte[] malformed = ("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]},\"logprobsResult\":"
        + "{\"chosenCandidates\":[{\"token\":\"x\"},{\"logProbability\":-1}]}}]}").getBytes(StandardCharsets.UTF_8);
    assertThat(GeminiResponseDecoder.decode(malformed, "f").logprobs()).isNull();
  }

  @ParameterizedTest(name = "chunk {0}")
  @ValueSource(ints = {0, 5})
  void each_stream_chunks_logprobs_ride_on_its_text_and_reach_an_openai_client(int chunk) {
    List<StreamEvent> events = GeminiStreamDecoderTest.run(new GeminiStreamDecoder("f"),
        Goldens.bytes("logprobs.stream.sse"), chunk);
    List<StreamEvent.TextDelta> texts = events.stream().filter(e -> e instanceof StreamEvent.TextDelta)
        .map(e -> (StreamEvent.TextDelta) e).toList();
    assertThat(texts).extracting(StreamEvent.TextDelta::text).containsExactly("Hello", " world");
    assertThat(texts.get(0).logprobs()).singleElement().satisfies(t -> {
      assertThat(t.token()).isEqualTo("Hello");
      assertThat(t.top()).extracting(TokenLogprob::token).containsExactly("Hello", "Hi");
    });
    assertThat(texts.get(1).logprobs()).extracting(TokenLogprob::token).containsExactly(" world");

    StreamEncoder encoder = OPENAI.streamEncoder(openAiRequest(",\"logprobs\":true,\"top_logprobs\":2", true));
    List<String> tokens = new ArrayList<>();
    for (StreamEvent e : events) {
      String frames = new String(encoder.encode(e), StandardCharsets.UTF_8);
      for (String line : frames.split("\n")) {
        if (!line.startsWith("data: {")) continue;
        for (JsonNode t : Goldens.tree(line.substring(6).getBytes(StandardCharsets.UTF_8)).at("/choices/0/logprobs/content")) {
          tokens.add(t.path("token").asText());
        }
      }
    }
    assertThat(tokens).containsExactly("Hello", " world");
  }

  @Test
  void a_chunk_without_answer_text_reports_no_answer_logprobs_and_opens_no_text() {
    byte[] sse = ("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"hm\",\"thought\":true}]},"
        + "\"logprobsResult\":{\"chosenCandidates\":[{\"token\":\"hm\",\"logProbability\":-0.5}]}}]}\r\n\r\n"
        + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{}}}]},"
        + "\"logprobsResult\":{\"chosenCandidates\":[{\"token\":\"f\",\"logProbability\":-0.1}]}}]}\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
    List<StreamEvent> events = GeminiStreamDecoderTest.run(new GeminiStreamDecoder("f"), sse, 0);
    assertThat(events).noneMatch(e -> e instanceof StreamEvent.TextDelta);
    assertThat(events).anyMatch(e -> e instanceof StreamEvent.ThinkingDelta)
        .anyMatch(e -> e instanceof StreamEvent.ToolCallStart);
  }

  @Test
  void a_responses_clients_logprobs_are_asked_of_gemini_too() {
    ChatRequest r = dev.switchboard.protocol.responses.ResponsesClientCodec.INSTANCE.decodeRequest(
        ("{\"model\":\"gemini-2.0-flash\",\"input\":\"hi\",\"include\":[\"message.output_text.logprobs\"],"
            + "\"top_logprobs\":3}").getBytes(StandardCharsets.UTF_8));
    JsonNode g = generationConfig(r);
    assertThat(g.path("responseLogprobs").asBoolean()).isTrue();
    assertThat(g.path("logprobs").asInt()).isEqualTo(3);
  }

  @Test
  void a_non_ascii_tokens_bytes_are_its_utf8() {
    byte[] body = ("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"日\"}]},\"logprobsResult\":"
        + "{\"chosenCandidates\":[{\"token\":\"日\",\"logProbability\":-0.5}]}}]}").getBytes(StandardCharsets.UTF_8);
    TokenLogprob t = GeminiResponseDecoder.decode(body, "f").logprobs().getFirst();
    assertThat(t.bytes()).containsExactly(0xE6, 0x97, 0xA5);
  }

}
