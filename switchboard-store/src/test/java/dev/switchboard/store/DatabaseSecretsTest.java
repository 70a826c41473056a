package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.DatabaseSettings;
import org.junit.jupiter.api.Test;

/** A database password never reaches a log line or an error, wherever the operator put it. */
class DatabaseSecretsTest {
  @Test
  void a_url_is_shown_without_parameters_or_user_info() {
    assertThat(Database.redacted("jdbc:postgresql://admin:s3cretpw@db.example:5432/sb?password=x&ssl=true"))
        .isEqualTo("jdbc:postgresql://***@db.example:5432/sb");
    assertThat(Database.redacted("jdbc:postgresql://db.example:5432/sb?user=a&password=s3cret"))
        .isEqualTo("jdbc:postgresql://db.example:5432/sb");
    assertThat(Database.redacted("jdbc:h2:file:./data/switchboard;PASSWORD=x")).isEqualTo("jdbc:h2:file:./data/switchboard");
    assertThat(Database.redacted("jdbc:postgresql://db.example/x@y")).as("an @ in the path is no user info")
        .isEqualTo("jdbc:postgresql://db.example/x@y");
  }

  @Test
  void a_failed_connection_names_neither_the_user_info_nor_the_password() {
    // The driver takes "admin:s3cretpw@127.0.0.1" for the host and repeats it in its own message.
    var settings = new DatabaseSettings("jdbc:postgresql://admin:s3cretpw@127.0.0.1:1/sb", "sa", "pw-from-config", 1);
    assertThatThrownBy(() -> Database.open(settings)).isInstanceOf(StoreException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains("Cannot connect to database")
            .doesNotContain("s3cretpw").doesNotContain("pw-from-config"));
  }
}
