package dev.switchboard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.TokenLogprob;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Token log probabilities (a client's {@code logprobs: true, top_logprobs: n}) survive the round trip through the
 * canonical model: an OpenAI client gets the upstream's {@code choices[0].logprobs}, not null.
 * {@code logprobs.response.json} is the API reference's example; {@code logprobs.stream.sse} streams its first three
 * tokens the way chat.completion.chunk carries them (each content delta with its tokens' logprobs).
 */
class OpenAiLogprobsTest {
  private static final OpenAiChatCodec CODEC = OpenAiChatCodec.INSTANCE;

  @Test
  void an_answer_with_logprobs_re_encodes_them_unchanged_and_valid_for_the_spec() {
    JsonNode original = OpenAiGolden.json("logprobs.response.json");
    ChatResponse decoded = CODEC.decodeResponse(OpenAiGolden.bytes("logprobs.response.json"));

    assertThat(decoded.logprobs()).hasSize(9);
    TokenLogprob hello = decoded.logprobs().get(0);
    assertThat(hello.token()).isEqualTo("Hello");
    assertThat(hello.logprob()).isEqualTo(-0.31725305);
    assertThat(hello.bytes()).containsExactly(72, 101, 108, 108, 111);
    assertThat(hello.top()).extracting(TokenLogprob::token).containsExactly("Hello", "Hi");

    JsonNode encoded = OpenAiGolden.tree(CODEC.encodeResponse(decoded));
    assertThat(encoded.at("/choices/0/logprobs/content")).isEqualTo(original.at("/choices/0/logprobs/content"));
    assertThat(encoded.at("/choices/0/logprobs/refusal").isNull()).isTrue();
    assertThat(OpenApiShape.violations("CreateChatCompletionResponse", encoded)).isEmpty();
  }

  @Test
  void an_answer_without_logprobs_keeps_them_null() {
    ChatResponse decoded = CODEC.decodeResponse(OpenAiGolden.bytes("text.response.json"));
    assertThat(decoded.logprobs()).isNull();
    assertThat(OpenAiGolden.tree(CODEC.encodeResponse(decoded)).at("/choices/0/logprobs").isNull()).isTrue();
  }

  @Test
  void a_token_without_bytes_or_top_logprobs_encodes_with_null_bytes_and_an_empty_top_list() {
    ChatResponse r = CODEC.decodeResponse(("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"x\"},"
        + "\"logprobs\":{\"content\":[{\"token\":\"x\",\"logprob\":-1.5,\"bytes\":null}]},\"finish_reason\":\"stop\"}]}")
        .getBytes());
    JsonNode token = OpenAiGolden.tree(CODEC.encodeResponse(r)).at("/choices/0/logprobs/content/0");
    assertThat(token.get("bytes").isNull()).isTrue();
    assertThat(token.get("top_logprobs").isArray()).isTrue();
    assertThat(token.get("top_logprobs")).isEmpty();
    assertThat(token.get("logprob").asDouble()).isEqualTo(-1.5);
  }

  @Test
  void streamed_logprobs_ride_on_their_text_deltas_and_reach_the_client_chunks() {
    List<StreamEvent> events = OpenAiStreamDecoderTest.run(CODEC.streamDecoder(),
        OpenAiGolden.bytes("logprobs.stream.sse"), 0);
    List<StreamEvent.TextDelta> deltas = events.stream().filter(StreamEvent.TextDelta.class::isInstance)
        .map(StreamEvent.TextDelta.class::cast).toList();
    assertThat(deltas).extracting(StreamEvent.TextDelta::text).containsExactly("Hello", "!", " How");
    assertThat(deltas).allSatisfy(d -> assertThat(d.logprobs()).hasSize(1));
    assertThat(deltas.get(1).logprobs().get(0).top()).extracting(TokenLogprob::token).containsExactly("!", " there");

    List<JsonNode> chunks = OpenAiStreamEncoderTest.chunks(events, false);
    List<JsonNode> withLogprobs = chunks.stream().filter(c -> c.at("/choices/0/logprobs").isObject()).toList();
    JsonNode upstream = OpenAiGolden.json("logprobs.response.json").at("/choices/0/logprobs/content");
    assertThat(withLogprobs).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(withLogprobs.get(i).at("/choices/0/logprobs/content/0")).isEqualTo(upstream.get(i));
    }
    assertThat(chunks).allSatisfy(c ->
        assertThat(OpenApiShape.violations("CreateChatCompletionStreamResponse", c)).as(c.toString()).isEmpty());
  }
}
