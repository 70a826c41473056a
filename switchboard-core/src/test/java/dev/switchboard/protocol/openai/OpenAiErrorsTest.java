package dev.switchboard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.error.FailureClass;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.provider.openai.OpenAiAdapter;
import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {
  private static final OpenAiChatCodec CODEC = OpenAiChatCodec.INSTANCE;

  private static FailureClass classify(UpstreamError e) { return OpenAiAdapter.INSTANCE.classify(e); }

  @Test
  void invalid_api_key_parses_and_disables_the_key() {
    UpstreamError e = CODEC.decodeError(401, OpenAiGolden.bytes("invalid_api_key.error.json"));
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.type()).isEqualTo("invalid_request_error");
    assertThat(e.code()).isEqualTo("invalid_api_key");
    assertThat(e.message()).startsWith("Incorrect API key provided:");
    assertThat(classify(e)).isEqualTo(FailureClass.CREDENTIAL);
  }

  @Test
  void rate_limit_exceeded_parses_and_cools_the_key_down() {
    UpstreamError e = CODEC.decodeError(429, OpenAiGolden.bytes("rate_limit.error.json"));
    assertThat(e.type()).isEqualTo("requests");
    assertThat(e.code()).isEqualTo("rate_limit_exceeded");
    assertThat(e.message()).contains("Please try again in 20s");
    assertThat(classify(e)).isEqualTo(FailureClass.RATE_LIMIT);
  }

  @Test
  void insufficient_quota_is_a_quota_failure_not_a_rate_limit() {
    UpstreamError e = CODEC.decodeError(429, OpenAiGolden.bytes("insufficient_quota.error.json"));
    assertThat(e.code()).isEqualTo("insufficient_quota");
    assertThat(e.message()).startsWith("You exceeded your current quota");
    assertThat(classify(e)).isEqualTo(FailureClass.QUOTA);
  }

  @Test
  void an_html_error_page_becomes_its_text_prefix() {
    UpstreamError e = CODEC.decodeError(502, OpenAiGolden.bytes("bad_gateway.error.html"));
    assertThat(e).isEqualTo(new UpstreamError(502, null, null, e.message()));
    assertThat(e.message()).startsWith("<html>").contains("502 Bad Gateway");
    assertThat(classify(e)).isEqualTo(FailureClass.TRANSIENT);
  }

  @Test
  void long_non_json_bodies_are_cut_and_empty_bodies_are_named() {
    assertThat(CODEC.decodeError(500, OpenAiGolden.utf8("x".repeat(5000))).message()).hasSize(300);
    assertThat(CODEC.decodeError(503, new byte[0]).message()).isEqualTo("(empty body)");
  }

  @Test
  void string_errors_top_level_messages_and_numeric_codes_are_read() {
    assertThat(CODEC.decodeError(400, OpenAiGolden.utf8("{\"error\":\"model not found\"}")))
        .isEqualTo(new UpstreamError(400, null, null, "model not found"));
    assertThat(CODEC.decodeError(400, OpenAiGolden.utf8("{\"message\":\"bad things\"}")))
        .isEqualTo(new UpstreamError(400, null, null, "bad things"));
    assertThat(CODEC.decodeError(429, OpenAiGolden.utf8("{\"error\":{\"message\":\"slow\",\"code\":429}}")).code())
        .isEqualTo("429");
  }
}
