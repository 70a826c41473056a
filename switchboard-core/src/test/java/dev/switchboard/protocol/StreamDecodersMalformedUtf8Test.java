package dev.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.StreamEvent;
import dev.switchboard.protocol.anthropic.AnthropicCodec;
import dev.switchboard.protocol.gemini.GeminiStreamDecoder;
import dev.switchboard.protocol.openai.OpenAiChatCodec;
import dev.switchboard.protocol.sse.SseParser;
import dev.switchboard.provider.StreamDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stream event whose bytes are not valid UTF-8 (a local server cutting a multi-byte character in half) is read as
 * its text with U+FFFD for the bad sequence, on every wire whose decoder parses the event's bytes, instead of failing
 * the stream (an invalid-chunk error, or a lost event): events are handed over as bytes, and Jackson's byte parser
 * rejects what decoding to a string used to replace.
 */
class StreamDecodersMalformedUtf8Test {
  /** "hi" then the first two bytes of the three-byte UTF-8 of U+65E5 (日): a character cut in half. */
  private static final byte[] HALF_CHARACTER = {'h', 'i', (byte) 0xE6, (byte) 0x97};

  private static byte[] sse(String... eventsWithHole) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String e : eventsWithHole) {
      String[] around = e.split("@HOLE@", -1);
      out.writeBytes(around[0].getBytes(StandardCharsets.UTF_8));
      if (around.length > 1) {
        out.writeBytes(HALF_CHARACTER);
        out.writeBytes(around[1].getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }

  private static List<StreamEvent> run(StreamDecoder decoder, byte[] bytes) {
    List<StreamEvent> out = new ArrayList<>();
    SseParser parser = new SseParser();
    parser.feed(bytes, e -> decoder.decode(e, out::add));
    parser.finish(e -> decoder.decode(e, out::add));
    decoder.finish(out::add);
    return out;
  }

  private static String text(List<StreamEvent> events) {
    StringBuilder sb = new StringBuilder();
    for (StreamEvent e : events) if (e instanceof StreamEvent.TextDelta t) sb.append(t.text());
    return sb.toString();
  }

  @Test
  void an_openai_chunk_with_half_a_character_is_read_with_a_replacement_character() {
    List<StreamEvent> events = run(OpenAiChatCodec.INSTANCE.streamDecoder(), sse(
        "data: {\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"@HOLE@\"}}]}\n\n",
        "data: {\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" ok\"},\"finish_reason\":\"stop\"}]}\n\n",
        "data: [DONE]\n\n"));
    assertThat(events).noneMatch(e -> e instanceof StreamEvent.Error);
    assertThat(text(events)).isEqualTo("hi\uFFFD ok");
  }

  @Test
  void an_anthropic_event_with_half_a_character_is_read_and_the_stream_still_completes() {
    StreamDecoder decoder = AnthropicCodec.streamDecoder(
        OpenAiChatCodec.INSTANCE.decodeRequest("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
            .getBytes(StandardCharsets.UTF_8)));
    List<StreamEvent> events = run(decoder, sse(
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"model\":\"claude\",\"content\":[],\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n",
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"@HOLE@\"}}\n\n",
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}\n\n",
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
    assertThat(text(events)).isEqualTo("hi\uFFFD");
    assertThat(decoder.completed()).isTrue();
  }

  @Test
  void a_gemini_chunk_with_half_a_character_is_read_with_a_replacement_character() {
    List<StreamEvent> events = run(new GeminiStreamDecoder("m"), sse(
        "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"@HOLE@\"}],\"role\":\"model\"},\"finishReason\":\"STOP\"}]}\r\n\r\n"));
    assertThat(events).noneMatch(e -> e instanceof StreamEvent.Error);
    assertThat(text(events)).isEqualTo("hi\uFFFD");
  }

  @Test
  void invalid_json_is_still_an_invalid_chunk() {
    List<StreamEvent> events = run(OpenAiChatCodec.INSTANCE.streamDecoder(), sse("data: {\"id\":@HOLE@\n\n"));
    assertThat(events).anyMatch(e -> e instanceof StreamEvent.Error);
  }
}
