package dev.switchboard.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonCompletionTest {

  private static boolean completeAfter(String... fragments) {
    JsonCompletion c = new JsonCompletion();
    boolean complete = false;
    for (String f : fragments) complete = c.feed(f);
    return complete;
  }

  @Test
  void object_is_complete_when_its_closing_brace_arrives_in_any_fragment() {
    assertThat(completeAfter("{\"city\":", "\"Paris\"")).isFalse();
    assertThat(completeAfter("{\"city\":", "\"Paris\"", "}")).isTrue();
    assertThat(completeAfter("{\"a\":{\"b\":[1,{}]}", "}")).isTrue();
    assertThat(completeAfter(" [1,", "2]")).isTrue();
  }

  @Test
  void brackets_and_escaped_quotes_inside_strings_do_not_count() {
    assertThat(completeAfter("{\"q\":\"}]\"")).isFalse();
    assertThat(completeAfter("{\"q\":\"a\\\"}", "\"")).isFalse();
    assertThat(completeAfter("{\"q\":\"a\\\"}", "\"}")).isTrue();
    assertThat(completeAfter("{\"q\":\"back\\\\", "\"}")).isTrue();
  }

  @Test
  void nothing_a_scalar_or_a_stray_closer_is_never_complete() {
    assertThat(completeAfter()).isFalse();
    assertThat(completeAfter("")).isFalse();
    assertThat(completeAfter("42")).isFalse();
    assertThat(completeAfter("\"x\"")).isFalse();
    assertThat(completeAfter("}")).isFalse();
  }

  @Test
  void reset_starts_a_new_value() {
    JsonCompletion c = new JsonCompletion();
    assertThat(c.feed("{}")).isTrue();
    c.reset();
    assertThat(c.complete()).isFalse();
    assertThat(c.feed("{")).isFalse();
  }
}
