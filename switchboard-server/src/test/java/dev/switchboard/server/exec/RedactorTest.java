package dev.switchboard.server.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void config_secrets_and_secrets_added_later_are_redacted_but_short_strings_are_not() {
    Redactor r = new Redactor(List.of("sk-config-key-0001", "short"));
    assertThat(r.redact("bad key sk-config-key-0001 (short)")).isEqualTo("bad key [redacted] (short)");
    assertThat(r.redact("bad key sk-stored-key-0002")).contains("sk-stored-key-0002");

    r.add(List.of("sk-stored-key-0002"));
    assertThat(r.redact("bad keys sk-stored-key-0002 and sk-config-key-0001"))
        .isEqualTo("bad keys [redacted] and [redacted]");
  }

  @Test
  void openai_masked_echo_of_a_key_is_redacted_whatever_the_key() {
    Redactor r = new Redactor(List.of("sk-config-key-0001"));
    assertThat(r.redact("Incorrect API key provided: sk-upstr****-111. You can find your API key at "
        + "https://platform.openai.com/account/api-keys."))
        .isEqualTo("Incorrect API key provided: [redacted]. You can find your API key at "
            + "https://platform.openai.com/account/api-keys.");
    assertThat(r.redact("HTTP 401: incorrect api key provided: sk-proj-AbC1****************************xY_9"))
        .isEqualTo("HTTP 401: incorrect api key provided: [redacted]");
    assertThat(r.redact("{\"message\":\"Incorrect API key provided: sk-ab****1234\",\"code\":\"invalid_api_key\"}"))
        .isEqualTo("{\"message\":\"Incorrect API key provided: [redacted]\",\"code\":\"invalid_api_key\"}");
    assertThat(r.redact("Invalid API key provided")).isEqualTo("Invalid API key provided");
  }
}
