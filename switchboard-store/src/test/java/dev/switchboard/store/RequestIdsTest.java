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
  void ids_of_one_millisecond_carry_consecutive_sequence_numbers_for_the_logs_key() {
    Instant t = Instant.parse("2026-12-07T15:31:00.5Z");
    int first = RequestIds.sequence(RequestIds.next(t)).orElseThrow();
    for (int i = 1; i < 100; i++) assertThat(RequestIds.sequence(RequestIds.next(t))).hasValue(first + i);
    // The next millisecond starts again at 0.
    assertThat(RequestIds.sequence(RequestIds.next(t.plusMillis(1)))).hasValue(0);
  }

  @Test
  void a_millisecond_whose_sequence_numbers_ran_out_moves_on_to_the_next() {
    Instant t = Instant.parse("2026-12-07T15:32:00.25Z");
    Set<String> keys = new HashSet<>();
    String id = null;
    for (int i = 0; i <= RequestLogIds.MAX_SEQUENCE + 1; i++) {
      id = RequestIds.next(t);
      assertThat(keys.add(RequestIds.epochMilli(id).orElseThrow() + "/" + RequestIds.sequence(id).orElseThrow())).isTrue();
    }
    assertThat(RequestIds.epochMilli(id)).hasValue(t.toEpochMilli() + 1);
    assertThat(RequestIds.sequence(id)).hasValue(0);
  }

  @Test
  void a_millisecond_long_behind_the_newest_still_names_its_own_time() {
    Instant now = Instant.parse("2026-12-07T15:33:00Z");
    RequestIds.next(now);
    String late = RequestIds.next(now.minusMillis(64)); // the same slot as `now`, taken by a newer millisecond
    assertThat(RequestIds.epochMilli(late)).hasValue(now.minusMillis(64).toEpochMilli());
    assertThat(RequestIds.sequence(late)).isNotEmpty();
  }

  @Test
  void strings_of_another_format_carry_no_sequence_number() {
    assertThat(RequestIds.sequence("req-1")).isEmpty();
    assertThat(RequestIds.sequence(null)).isEmpty();
    assertThat(RequestIds.sequence("req_0193f2a1b4c5" + "0014" + "00000000")).hasValue(5);
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
