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
}
