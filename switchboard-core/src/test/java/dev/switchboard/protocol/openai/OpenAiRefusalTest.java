package dev.switchboard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.protocol.anthropic.AnthropicClientCodec;
import dev.switchboard.protocol.anthropic.AnthropicCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model's refusal (OpenAI's {@code message.refusal}, e.g. instead of a structured output) stays a refusal for an
 * OpenAI client: {@code content} null and {@code refusal} set, in answers and streams, so an SDK does not try to
 * parse it as the requested JSON. Other wires have no slot and show it as text. {@code refusal.response.json} is the
 * structured-outputs guide's example; {@code refusal.stream.sse} streams it in pieces as chat.completion.chunk does.
 */
class OpenAiRefusalTest {
  private static final OpenAiChatCodec CODEC = OpenAiChatCodec.INSTANCE;
  private static final String REFUSAL = "I'm sorry, I cannot assist with that request.";

  @Test
  void a_refused_answer_keeps_content_null_and_the_refusal_in_its_field() {
    ChatResponse decoded = CODEC.decodeResponse(OpenAiGolden.bytes("refusal.response.json"));
    assertThat(decoded.content()).containsExactly(new ContentBlock.Text(REFUSAL, true));

    JsonNode encoded = OpenAiGolden.tree(CODEC.encodeResponse(decoded));
    assertThat(encoded.at("/choices/0/message/content").isNull()).isTrue();
    assertThat(encoded.at("/choices/0/message/refusal").asText()).isEqualTo(REFUSAL);
    assertThat(OpenApiShape.violations("CreateChatCompletionResponse", encoded)).isEmpty();
  }

  @Test
  void an_anthropic_client_sees_the_refusal_as_text() {
    ChatResponse decoded = CODEC.decodeResponse(OpenAiGolden.bytes("refusal.response.json"));
    JsonNode anthropic = OpenAiGolden.tree(AnthropicClientCodec.INSTANCE.encodeResponse(decoded));
    assertThat(anthropic.at("/content/0/type").asText()).isEqualTo("text");
    assertThat(anthropic.at("/content/0/text").asText()).isEqualTo(REFUSAL);
  }

  @Test
  void a_streamed_refusal_reaches_the_client_as_refusal_deltas() {
    List<StreamEvent> events = OpenAiStreamDecoderTest.run(CODEC.streamDecoder(),
        OpenAiGolden.bytes("refusal.stream.sse"), 7);
    assertThat(events.stream().filter(StreamEvent.TextDelta.class::isInstance).map(StreamEvent.TextDelta.class::cast))
        .allSatisfy(d -> assertThat(d.refusal()).isTrue())
        .extracting(StreamEvent.TextDelta::text).containsExactly("I'm sorry,", " I cannot assist", " with that request.");

    List<JsonNode> chunks = OpenAiStreamEncoderTest.chunks(events, false);
    StringBuilder refusal = new StringBuilder();
    StringBuilder content = new StringBuilder();
    for (JsonNode c : chunks) {
      refusal.append(c.at("/choices/0/delta/refusal").asText(""));
      content.append(c.at("/choices/0/delta/content").asText(""));
      assertThat(OpenApiShape.violations("CreateChatCompletionStreamResponse", c)).as(c.toString()).isEmpty();
    }
    assertThat(refusal.toString()).isEqualTo(REFUSAL);
    assertThat(content.toString()).isEmpty();
  }

  @Test
  void an_earlier_refusal_in_the_conversation_goes_upstream_as_a_refusal() {
    byte[] body = ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},"
        + "{\"role\":\"assistant\",\"content\":null,\"refusal\":\"" + REFUSAL.replace("'", "\\u0027") + "\"},"
        + "{\"role\":\"user\",\"content\":\"why?\"}]}").getBytes();
    JsonNode upstream = OpenAiGolden.tree(CODEC.encodeRequest(CODEC.decodeRequest(body), "m", false));
    JsonNode assistant = upstream.at("/messages/1");
    assertThat(assistant.get("content").isNull()).isTrue();
    assertThat(assistant.get("refusal").asText()).isEqualTo(REFUSAL);
  }

  /** Spec: an assistant turn's content parts are text or refusal (ChatCompletionRequestAssistantMessageContentPart). */
  @Test
  void an_earlier_refusal_part_goes_to_an_openai_upstream_as_a_refusal_and_to_others_as_text() {
    byte[] body = ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"refusal\",\"refusal\":\"" + REFUSAL + "\"}]},"
        + "{\"role\":\"user\",\"content\":\"why?\"}]}").getBytes(StandardCharsets.UTF_8);
    ChatRequest request = CODEC.decodeRequest(body);

    JsonNode openai = OpenAiGolden.tree(CODEC.encodeRequest(request, "m", false)).at("/messages/1");
    assertThat(openai.get("content").isNull()).isTrue();
    assertThat(openai.get("refusal").asText()).isEqualTo(REFUSAL);

    JsonNode anthropic = AnthropicCodec.encodeRequest(request, "claude", null).at("/messages/1");
    assertThat(anthropic.get("role").asText()).isEqualTo("assistant");
    assertThat(anthropic.get("content").asText()).as("a lone text block, the short way").isEqualTo(REFUSAL);
  }
}
