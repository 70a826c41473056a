package dev.switchboard.protocol.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {

  private static List<SseEvent> parse(String text, int chunk) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<SseEvent> out = new ArrayList<>();
    SseParser p = new SseParser();
    if (chunk == 0) p.feed(bytes, out::add);
    else for (int i = 0; i < bytes.length; i += chunk) p.feed(bytes, i, Math.min(chunk, bytes.length - i), out::add);
    p.finish(out::add);
    return out;
  }

  /** Feeds each string as one read, in order, without finish(). */
  private static List<SseEvent> reads(String... reads) {
    List<SseEvent> out = new ArrayList<>();
    SseParser p = new SseParser();
    for (String r : reads) p.feed(r.getBytes(StandardCharsets.UTF_8), out::add);
    return out;
  }

  @ParameterizedTest(name = "chunk {0}")
  @ValueSource(ints = {0, 1, 2, 3, 7})
  void lf_crlf_and_cr_line_ends_give_the_same_events_in_any_chunking(int chunk) {
    String lf = "event: message_start\ndata: {\"a\":1}\n\ndata: two\n\n";
    List<SseEvent> expected = List.of(new SseEvent("message_start", "{\"a\":1}"), new SseEvent(null, "two"));
    assertThat(parse(lf, chunk)).isEqualTo(expected);
    assertThat(parse(lf.replace("\n", "\r\n"), chunk)).isEqualTo(expected);
    assertThat(parse(lf.replace("\n", "\r"), chunk)).isEqualTo(expected);
  }

  @Test
  void multi_line_data_is_joined_with_newlines() {
    assertThat(parse("data: first\ndata: second\ndata:third\n\n", 0))
        .containsExactly(new SseEvent(null, "first\nsecond\nthird"));
  }

  @Test
  void comments_and_unknown_fields_are_ignored() {
    assertThat(parse(": OPENROUTER PROCESSING\n\nid: 7\nretry: 1000\ndata: x\n\n: keep-alive\n\n", 0))
        .containsExactly(new SseEvent(null, "x"));
  }

  @Test
  void event_name_applies_only_to_its_own_event() {
    assertThat(parse("event: ping\ndata: {}\n\ndata: after\n\nevent: lonely\n\ndata: last\n\n", 0))
        .containsExactly(new SseEvent("ping", "{}"), new SseEvent(null, "after"), new SseEvent(null, "last"));
  }

  @Test
  void only_one_space_after_the_colon_is_stripped_and_a_bare_data_line_is_empty() {
    assertThat(parse("data:  two spaces\n\ndata\ndata: x\n\n", 0))
        .containsExactly(new SseEvent(null, " two spaces"), new SseEvent(null, "\nx"));
  }

  @Test
  void the_last_event_is_delivered_at_finish_without_a_trailing_blank_line() {
    assertThat(parse("data: a\n\ndata: [DONE]", 0)).containsExactly(new SseEvent(null, "a"), new SseEvent(null, "[DONE]"));
    assertThat(parse("data: a\n\ndata: b\n", 0)).containsExactly(new SseEvent(null, "a"), new SseEvent(null, "b"));
  }

  @Test
  void utf8_split_across_chunks_is_decoded_whole() {
    assertThat(parse("data: Bogotá ☀ 🌍\n\n", 1)).containsExactly(new SseEvent(null, "Bogotá ☀ 🌍"));
  }

  @Test
  void long_lines_grow_the_buffer() {
    String big = "x".repeat(10_000);
    assertThat(parse("data: " + big + "\n\n", 3)).containsExactly(new SseEvent(null, big));
  }

  @Test
  void a_crlf_split_between_chunks_ends_the_line_once() {
    assertThat(reads("data: a\r", "\n\r", "\ndata: b\r\n\r\n")).containsExactly(new SseEvent(null, "a"), new SseEvent(null, "b"));
  }

  @Test
  void a_cr_ending_one_read_is_a_line_end_even_when_no_lf_follows() {
    assertThat(reads("data: a\r", "\rdata: b\r", "data: c\r\r")).containsExactly(new SseEvent(null, "a"), new SseEvent(null, "b\nc"));
  }

  @Test
  void a_line_split_across_reads_is_joined_and_the_lines_around_it_are_read_in_place() {
    assertThat(reads("data: one\n\nevent: x\ndata: tw", "o\n\ndata: three\n\nda", "ta: four\n", "\n")).containsExactly(new SseEvent(null, "one"), new SseEvent("x", "two"), new SseEvent(null, "three"),
        new SseEvent(null, "four"));
  }

  @Test
  void events_frame_back_to_the_text_they_came_as_whether_parsed_or_made() {
    String wire = "event: content_block_delta\ndata: {\"text\":\"Bogotá ☀\"}\n\ndata: plain\n\n";
    List<SseEvent> parsed = reads(wire);
    StringBuilder again = new StringBuilder();
    for (SseEvent e : parsed) again.append(new String(e.frame(), StandardCharsets.UTF_8));
    assertThat(again.toString()).isEqualTo(wire);
    assertThat(parsed.getFirst().frame()).isEqualTo(
        new SseEvent("content_block_delta", "{\"text\":\"Bogotá ☀\"}").frame());
  }
}
