package dev.switchboard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.Message;
import dev.switchboard.model.Role;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.WireExtras;
import dev.switchboard.protocol.anthropic.AnthropicClientCodec;
import dev.switchboard.protocol.anthropic.AnthropicCodec;
import dev.switchboard.protocol.gemini.GeminiRequestEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fields of an OpenAI-compatible answer that the canonical model has no slot for (a search model's url_citation
 * annotations, service_tier, system_fingerprint...) reach an OpenAI client unchanged instead of being dropped by the
 * re-encode. {@code search_annotations.response.json} follows the spec's ChatCompletionResponseMessage.annotations.
 */
class OpenAiWireExtrasTest {
  private static final OpenAiChatCodec CODEC = OpenAiChatCodec.INSTANCE;

  @Test
  void annotations_service_tier_and_system_fingerprint_come_back_to_an_openai_client() {
    JsonNode original = OpenAiGolden.json("search_annotations.response.json");
    ChatResponse decoded = CODEC.decodeResponse(OpenAiGolden.bytes("search_annotations.response.json"));
    assertThat(decoded.extras().wire()).isEqualTo(OpenAiChatCodec.WIRE);
    assertThat(decoded.extras().response()).containsOnlyKeys("service_tier", "system_fingerprint");
    assertThat(decoded.extras().message()).containsOnlyKeys("annotations");

    JsonNode encoded = OpenAiGolden.tree(CODEC.encodeResponse(decoded));
    assertThat(encoded.at("/choices/0/message/annotations")).isEqualTo(original.at("/choices/0/message/annotations"));
    assertThat(encoded.get("service_tier")).isEqualTo(original.get("service_tier"));
    assertThat(encoded.get("system_fingerprint")).isEqualTo(original.get("system_fingerprint"));
    assertThat(encoded.at("/choices/0/message/content")).isEqualTo(original.at("/choices/0/message/content"));
    assertThat(OpenApiShape.violations("CreateChatCompletionResponse", encoded)).isEmpty();
  }

  @Test
  void fields_the_codec_writes_itself_or_that_are_null_are_not_kept() {
    ChatResponse decoded = CODEC.decodeResponse(OpenAiGolden.bytes("logprobs.response.json"));
    // object and role are always written by the encoder; "system_fingerprint": null is dropped (the spec forbids null).
    assertThat(decoded.extras()).isNull();
    JsonNode encoded = OpenAiGolden.tree(CODEC.encodeResponse(decoded));
    assertThat(encoded.has("system_fingerprint")).isFalse();
    assertThat(encoded.get("object").asText()).isEqualTo("chat.completion");
  }

  @Test
  void other_wires_neither_write_openai_extras_nor_get_theirs_written_for_openai_clients() {
    ChatResponse decoded = CODEC.decodeResponse(OpenAiGolden.bytes("search_annotations.response.json"));
    JsonNode anthropic = OpenAiGolden.tree(AnthropicClientCodec.INSTANCE.encodeResponse(decoded));
    assertThat(anthropic.toString()).doesNotContain("url_citation", "service_tier", "fp_f6f5df5f3b");

    ChatResponse fromElsewhere = new ChatResponse("msg_1", "claude", 1L, List.of(new ContentBlock.Text("hi")),
        FinishReason.STOP, null, null, null,
        new WireExtras("anthropic", Map.of("container", TextNode.valueOf("c1")), Map.of()));
    assertThat(OpenAiGolden.tree(CODEC.encodeResponse(fromElsewhere)).has("container")).isFalse();
  }

  @Test
  void a_streams_header_fields_are_repeated_on_every_chunk_for_an_openai_client() {
    List<StreamEvent> events = OpenAiStreamDecoderTest.run(CODEC.streamDecoder(),
        OpenAiGolden.bytes("text_usage.stream.sse"), 0);
    List<JsonNode> chunks = OpenAiStreamEncoderTest.chunks(events, true);
    assertThat(chunks).hasSizeGreaterThan(2).allSatisfy(c -> {
      assertThat(c.path("system_fingerprint").asText()).isEqualTo("fp_44709d6fcb");
      assertThat(c.has("obfuscation")).isFalse();
      assertThat(OpenApiShape.violations("CreateChatCompletionStreamResponse", c)).as(c.toString()).isEmpty();
    });
  }

  /** Parses with duplicate detection on: a kept field the encoder also writes itself would appear twice. */
  private static JsonNode strict(String json) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(json);
  }

  @Test
  void fields_the_encoder_writes_itself_are_never_written_twice_and_per_chunk_padding_is_not_repeated()
      throws Exception {
    JsonNode answer = strict(new String(CODEC.encodeResponse(
        CODEC.decodeResponse(OpenAiGolden.bytes("search_annotations.response.json")))));
    assertThat(answer.get("object").asText()).isEqualTo("chat.completion");
    assertThat(answer.at("/choices/0/message/role").asText()).isEqualTo("assistant");

    String first = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
        + "\"service_tier\":\"default\",\"obfuscation\":\"Xy12\",\"choices\":[{\"index\":0,"
        + "\"delta\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":null}]}";
    String last = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
        + "\"service_tier\":\"default\",\"obfuscation\":\"Q\",\"choices\":[{\"index\":0,\"delta\":{},"
        + "\"finish_reason\":\"stop\"}]}";
    byte[] sse = ("data: " + first + "\n\ndata: " + last + "\n\ndata: [DONE]\n\n").getBytes();
    List<StreamEvent> events = OpenAiStreamDecoderTest.run(CODEC.streamDecoder(), sse, 0);
    List<String> frames = OpenAiStreamEncoderTest.frames(OpenAiStreamEncoderTest.encoder(false), events);
    assertThat(frames).hasSizeGreaterThan(2);
    for (String frame : frames) {
      if (frame.equals("[DONE]")) continue;
      JsonNode chunk = strict(frame);
      assertThat(chunk.get("service_tier").asText()).isEqualTo("default");
      assertThat(chunk.has("obfuscation")).isFalse();
    }
  }

  @Test
  void a_search_models_streamed_annotations_reach_an_openai_client_in_a_delta_of_their_own() {
    byte[] sse = OpenAiGolden.bytes("search_annotations.stream.sse");
    JsonNode upstreamAnnotations = OpenAiGolden.tree(
        new String(sse).lines().filter(l -> l.contains("annotations")).findFirst().orElseThrow().substring(6)
            .getBytes()).at("/choices/0/delta/annotations");
    List<StreamEvent> events = OpenAiStreamDecoderTest.run(CODEC.streamDecoder(), sse, 7);
    assertThat(events).filteredOn(e -> e instanceof StreamEvent.DeltaExtras).singleElement()
        .satisfies(e -> {
          WireExtras extras = ((StreamEvent.DeltaExtras) e).extras();
          assertThat(extras.isFor(OpenAiChatCodec.WIRE)).isTrue();
          assertThat(extras.message()).containsOnlyKeys("annotations");
          assertThat(extras.message().get("annotations")).isEqualTo(upstreamAnnotations);
        });
    // The annotations come before the finish, as in the upstream's chunk that carried both.
    assertThat(events.stream().map(e -> e.getClass().getSimpleName()).toList())
        .containsSubsequence("TextDelta", "DeltaExtras", "Finish", "UsageReport");

    List<JsonNode> chunks = OpenAiStreamEncoderTest.chunks(events, true);
    List<JsonNode> withAnnotations = chunks.stream().filter(c -> c.at("/choices/0/delta").has("annotations")).toList();
    assertThat(withAnnotations).singleElement().satisfies(c -> {
      assertThat(c.at("/choices/0/delta/annotations")).isEqualTo(upstreamAnnotations);
      assertThat(c.at("/choices/0/finish_reason").isNull()).isTrue();
      assertThat(c.path("service_tier").asText()).isEqualTo("default");
    });
    assertThat(chunks).allSatisfy(c ->
        assertThat(OpenApiShape.violations("CreateChatCompletionStreamResponse", c)).as(c.toString()).isEmpty());
    assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
  }

  @Test
  void a_deltas_role_null_and_empty_fields_are_not_kept_and_other_wires_write_no_delta_extras() {
    String chunk = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":["
        + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"hi\",\"annotations\":null,\"images\":[],"
        + "\"meta\":{},\"note\":\"\",\"seq\":0,"
        + "\"audio\":{\"id\":\"audio_1\",\"transcript\":\"hi\"}},\"finish_reason\":null}]}";
    List<StreamEvent> events = OpenAiStreamDecoderTest.run(CODEC.streamDecoder(),
        ("data: " + chunk + "\n\ndata: [DONE]\n\n").getBytes(), 0);
    StreamEvent.DeltaExtras extras = events.stream().filter(e -> e instanceof StreamEvent.DeltaExtras)
        .map(e -> (StreamEvent.DeltaExtras) e).findFirst().orElseThrow();
    // Empty values say nothing (and some servers repeat them on every delta); a number or a boolean does.
    assertThat(extras.extras().message()).containsOnlyKeys("seq", "audio");

    var anthropic = AnthropicClientCodec.INSTANCE.streamEncoder(
        CODEC.decodeRequest("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes()));
    anthropic.encode(new StreamEvent.Start("c1", "m"));
    assertThat(anthropic.encode(extras)).isEmpty();
    var foreign = new StreamEvent.DeltaExtras(new WireExtras("anthropic", null, Map.of("container", TextNode.valueOf("x"))));
    var openai = OpenAiStreamEncoderTest.encoder(false);
    openai.encode(new StreamEvent.Start("c1", "m"));
    assertThat(openai.encode(foreign)).isEmpty();
  }

  /**
   * Multi-turn audio: the client's next turn refers back to the spoken answer by {@code audio.id} (spec:
   * ChatCompletionRequestAssistantMessage.audio). Dropped, the upstream would get an assistant turn with nothing in
   * it and reject the request; other wires have no slot for it.
   */
  @Test
  void an_assistant_turns_audio_reference_goes_back_to_an_openai_upstream_only() {
    ChatRequest request = CODEC.decodeRequest(OpenAiGolden.bytes("audio_names.request.json"));
    JsonNode assistant = OpenAiGolden.tree(CODEC.encodeRequest(request, "gpt-4o-audio-preview", true)).at("/messages/2");
    assertThat(assistant.get("role").asText()).isEqualTo("assistant");
    assertThat(assistant.get("audio")).isEqualTo(OpenAiGolden.tree("{\"id\":\"audio_abc123\"}"));
    assertThat(assistant.get("content").isNull()).isTrue();

    assertThat(AnthropicCodec.encodeRequest(request, "claude", null).toString()).doesNotContain("audio_abc123");
    assertThat(new String(GeminiRequestEncoder.encode(request), StandardCharsets.UTF_8)).doesNotContain("audio_abc123");
  }

  @Test
  void a_turns_extras_of_another_wire_are_not_written_for_an_openai_upstream() {
    Message foreign = new Message(Role.ASSISTANT, List.of(new ContentBlock.Text("hi")), null,
        new WireExtras("anthropic", null, Map.of("cache_control", TextNode.valueOf("ephemeral"))));
    ChatRequest request = new ChatRequest("m", List.of(Message.text(Role.USER, "x"), foreign), null, null, null, null,
        null, null, null, false, false, null, null, null);
    JsonNode assistant = OpenAiGolden.tree(CODEC.encodeRequest(request, "m", false)).at("/messages/1");
    assertThat(assistant.has("cache_control")).isFalse();
    assertThat(assistant.get("content").asText()).isEqualTo("hi");
  }
}
