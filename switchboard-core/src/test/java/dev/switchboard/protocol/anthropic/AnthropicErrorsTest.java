package dev.switchboard.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.error.FailureClass;
import dev.switchboard.model.UpstreamError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnthropicErrorsTest {

  @Test
  void error_body_gives_type_and_message() {
    UpstreamError e = AnthropicCodec.decodeError(529, Golden.bytes("overloaded.error.json"));
    assertThat(e).isEqualTo(new UpstreamError(529, "overloaded_error", null, "Overloaded"));
  }

  @Test
  void overloaded_is_transient_whatever_the_status() {
    assertThat(AnthropicCodec.classify(AnthropicCodec.decodeError(529, Golden.bytes("overloaded.error.json"))))
        .isEqualTo(FailureClass.TRANSIENT);
    assertThat(AnthropicCodec.classify(new UpstreamError(529, null, null, ""))).isEqualTo(FailureClass.TRANSIENT);
  }

  @Test
  void low_credit_balance_is_a_quota_failure_not_a_caller_fault() {
    UpstreamError e = AnthropicCodec.decodeError(400, Golden.bytes("credit_balance.error.json"));
    assertThat(e.type()).isEqualTo("invalid_request_error");
    assertThat(AnthropicCodec.classify(e)).isEqualTo(FailureClass.QUOTA);
  }

  @Test
  void other_errors_follow_the_status() {
    assertThat(AnthropicCodec.classify(new UpstreamError(401, "authentication_error", null, "invalid x-api-key")))
        .isEqualTo(FailureClass.CREDENTIAL);
    assertThat(AnthropicCodec.classify(new UpstreamError(429, "rate_limit_error", null, "slow down")))
        .isEqualTo(FailureClass.RATE_LIMIT);
    assertThat(AnthropicCodec.classify(new UpstreamError(400, "invalid_request_error", null, "max_tokens: field required")))
        .isEqualTo(FailureClass.CALLER_FAULT);
    assertThat(AnthropicCodec.classify(new UpstreamError(500, "api_error", null, "Internal server error")))
        .isEqualTo(FailureClass.TRANSIENT);
  }

  @Test
  void non_json_body_gives_a_short_prefix_as_message() {
    UpstreamError e = AnthropicCodec.decodeError(502, Golden.bytes("not_json.error.html"));
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.type()).isNull();
    assertThat(e.message()).startsWith("<html>").contains("502 Bad Gateway");

    byte[] huge = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
    assertThat(AnthropicCodec.decodeError(503, huge).message()).hasSize(Errors.MAX_MESSAGE_CHARS + 3);
    assertThat(AnthropicCodec.decodeError(503, new byte[0]).message()).isEmpty();
  }

  @Test
  void json_without_an_error_object_falls_back_to_the_body_text() {
    UpstreamError e = AnthropicCodec.decodeError(500, "{\"detail\":\"boom\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(e.type()).isNull();
    assertThat(e.message()).isEqualTo("{\"detail\":\"boom\"}");
  }
}
