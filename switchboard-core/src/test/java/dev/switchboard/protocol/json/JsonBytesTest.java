package dev.switchboard.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JsonBytesTest {
  private static final JsonFactory FACTORY = new JsonFactory();

  private static String text(byte[] bytes) { return new String(bytes, StandardCharsets.UTF_8); }

  @Test
  void writes_exactly_the_json_and_each_result_is_its_own_array() {
    byte[] first = JsonBytes.write(FACTORY, 4, g -> {
      g.writeStartObject();
      g.writeStringField("a", "é");
      g.writeEndObject();
    });
    byte[] second = JsonBytes.write(FACTORY, 4, g -> g.writeNumber(7));
    assertThat(text(first)).isEqualTo("{\"a\":\"é\"}");
    assertThat(first).hasSize("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8).length);
    assertThat(text(second)).isEqualTo("7");
    // The scratch buffer is reused: an earlier result must not change when the next one is written.
    assertThat(text(first)).isEqualTo("{\"a\":\"é\"}");
  }

  @Test
  void frames_the_json_between_prefix_and_suffix() {
    byte[] frame = JsonBytes.write(FACTORY, "data: ".getBytes(StandardCharsets.US_ASCII), 16,
        g -> g.writeString("x"), "\n\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(text(frame)).isEqualTo("data: \"x\"\n\n");
  }

  @Test
  void a_write_nested_in_another_gets_its_own_buffer() {
    byte[] outer = JsonBytes.write(FACTORY, 16, g -> {
      byte[] inner = JsonBytes.write(FACTORY, 16, h -> h.writeString("inner"));
      g.writeStartArray();
      g.writeString(text(inner));
      g.writeEndArray();
    });
    assertThat(text(outer)).isEqualTo("[\"\\\"inner\\\"\"]");
  }

  @Test
  void a_writer_that_fails_leaves_nothing_behind_for_the_next_write() {
    assertThatThrownBy(() -> JsonBytes.write(FACTORY, 16, g -> {
      g.writeStartObject();
      g.writeStringField("partial", "yes");
      throw new IllegalStateException("bad field");
    })).isInstanceOf(IllegalStateException.class).hasMessage("bad field");
    assertThat(text(JsonBytes.write(FACTORY, 16, g -> g.writeBoolean(true)))).isEqualTo("true");
  }

  @Test
  void a_body_larger_than_the_kept_scratch_is_written_whole_and_the_next_is_unaffected() {
    String big = "x".repeat(JsonBytes.KEEP_AT_MOST * 2);
    assertThat(JsonBytes.write(FACTORY, 16, g -> g.writeString(big))).hasSize(big.length() + 2);
    assertThat(text(JsonBytes.write(FACTORY, 16, g -> g.writeNumber(1)))).isEqualTo("1");
  }

  @Test
  void virtual_threads_write_too() throws InterruptedException {
    AtomicReference<String> out = new AtomicReference<>();
    Thread.ofVirtual().start(() -> out.set(text(JsonBytes.write(FACTORY, 8, g -> g.writeString("vt"))))).join();
    assertThat(out.get()).isEqualTo("\"vt\"");
  }
}
