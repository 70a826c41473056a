package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
  private static final Instant T = Instant.parse("2026-12-07T15:30:00.123456Z");

  @Test
  void an_id_names_the_millisecond_it_was_made_for() {
    String id = RequestIds.next(T);
    assertThat(id).matches("req_[0-9a-f]{24}").startsWith("req_" + String.format("%012x", T.toEpochMilli()));
    assertThat(RequestIds.epochMilli(id)).hasValue(T.toEpochMilli());
  }

  @Test
  void ids_of_one_millisecond_differ() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) ids.add(RequestIds.next(T));
    assertThat(ids).hasSize(10_000);
  }

  @Test
  void ids_sort_by_time() {
    assertThat(RequestIds.next(T).compareTo(RequestIds.next(T.plusMillis(1)))).isNegative();
    assertThat(RequestIds.next(Instant.parse("2030-01-01T00:00:00Z")).compareTo(RequestIds.next(T))).isPositive();
  }

  @Test
  void strings_of_another_format_name_no_time() {
    for (String other : new String[] {null, "", "req_", "abc", "req_0193F2A1B4C5D6E7F8A9B0C1", "req_0193f2a1b4c5d6e7f8a9b0c",
        "req_0193f2a1b4c5d6e7f8a9b0c1x", "rex_0193f2a1b4c5d6e7f8a9b0c1", "req_0193f2a1b4c5-6e7f8a9b0c1",
        "chatcmpl-0193f2a1b4c5d6e7f8a9", "req_\uff41193f2a1b4c5d6e7f8a9b0c1", "req_0\u066393f2a1b4c5d6e7f8a9b0c1",
        // An early build's id (random bits first): not a time in the year 6400.
        "req_b7c1e2f3a4d5c6b7e8f90a1b"}) {
      assertThat(RequestIds.epochMilli(other)).as(String.valueOf(other)).isEqualTo(OptionalLong.empty());
    }
  }
}
