package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeGoldenTest {

  @Test void diff_names_each_differing_path() {
    var expected = Json.parse("{\"a\":1,\"b\":{\"c\":[1,2]},\"gone\":true}", "expected");
    var actual = Json.parse("{\"a\":2,\"b\":{\"c\":[1]},\"extra\":null}", "actual");

    assertThat(Golden.diff(expected, actual)).containsExactly(
        "$.a: expected 1 but was 2",
        "$.b.c[1]: missing, expected 2",
        "$.gone: missing, expected true",
        "$.extra: unexpected null");
  }

  @Test void equal_trees_ignore_key_order_and_whitespace() {
    Golden.assertJson("openai", "error_429.json", "{\"error\":{\"code\":\"rate_limit_exceeded\",\"param\":null,"
        + "\"type\":\"requests\",\"message\":\"Rate limit reached for gpt-4o on requests per min (RPM): Limit 3, "
        + "Used 3, Requested 1. Please try again in 20s.\"}}");
  }

  @Test void mismatch_fails_with_a_readable_diff() {
    assertThatThrownBy(() -> Golden.assertJson("openai", "error_429.json", OpenAiWire.errorFor(500, "m")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("golden mismatch for /golden/openai/error_429.json")
        .hasMessageContaining("$.error.type: expected \"requests\" but was \"server_error\"")
        .hasMessageContaining("-Dgolden.update=true");
  }

  @Test void sse_mismatch_names_the_event() {
    assertThatThrownBy(() -> Golden.assertSse("openai", "stream_text.sse", OpenAiWire.DONE))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("event[0].data: expected {")
        .hasMessageContaining("event[1]: missing");
  }

  @Test void missing_file_fails_naming_the_resource() {
    assertThatThrownBy(() -> Golden.load("openai", "nope.json"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("/golden/openai/nope.json");
  }

  @Test void update_mode_rewrites_the_file_instead_of_failing(@TempDir Path dir) throws Exception {
    String oldUpdate = System.getProperty("golden.update");
    String oldDir = System.getProperty("golden.dir");
    System.setProperty("golden.update", "true");
    System.setProperty("golden.dir", dir.toString());
    try {
      Golden.assertJson("openai", "new_case.json", OpenAiWire.errorFor(500, "m"));
    } finally {
      restore("golden.update", oldUpdate);
      restore("golden.dir", oldDir);
    }
    Path written = dir.resolve("openai/new_case.json");
    assertThat(Golden.diff(Json.parse(Files.readString(written), "written"), OpenAiWire.errorFor(500, "m"))).isEmpty();
  }

  private static void restore(String key, String value) {
    if (value == null) System.clearProperty(key); else System.setProperty(key, value);
  }
}
