package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestLogRetentionTest {

  @Test
  void prunes_hourly_or_ten_times_per_short_retention_but_at_most_once_a_minute() {
    assertThat(RequestLogRetention.period(Duration.ofDays(30))).isEqualTo(Duration.ofHours(1));
    assertThat(RequestLogRetention.period(Duration.ofHours(10))).isEqualTo(Duration.ofHours(1));
    assertThat(RequestLogRetention.period(Duration.ofHours(2))).isEqualTo(Duration.ofMinutes(12));
    assertThat(RequestLogRetention.period(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void a_retention_must_be_positive() {
    assertThatThrownBy(() -> new RequestLogRetention(null, Duration.ZERO, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
  }
}
