package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestLogIdsTest {
  private static final long MS = Instant.parse("2026-12-07T15:30:00.123Z").toEpochMilli();

  @Test
  void keys_order_by_millisecond_first_then_instance_then_sequence() {
    assertThat(RequestLogIds.of(MS, 255, RequestLogIds.MAX_SEQUENCE)).isLessThan(RequestLogIds.of(MS + 1, 0, 0));
    assertThat(RequestLogIds.of(MS, 1, 0)).isGreaterThan(RequestLogIds.of(MS, 0, RequestLogIds.MAX_SEQUENCE));
    assertThat(RequestLogIds.of(MS, 0, 1)).isGreaterThan(RequestLogIds.of(MS, 0, 0));
  }

  @Test
  void a_millisecond_is_the_key_range_from_its_first_key_to_the_next_ones() {
    long key = RequestLogIds.of(MS, 200, 9_000);
    assertThat(key).isGreaterThanOrEqualTo(RequestLogIds.first(MS)).isLessThan(RequestLogIds.first(MS + 1));
    assertThat(RequestLogIds.epochMilli(key)).isEqualTo(MS);
    assertThat(RequestLogIds.instance(key)).isEqualTo(200);
    assertThat(RequestLogIds.first(MS)).isEqualTo((MS - 1_577_836_800_000L) * 4_194_304L); // the SQL in the docs
  }

  @Test
  void another_instance_number_changes_only_those_bits() {
    long key = RequestLogIds.of(MS, 3, 77);
    long moved = RequestLogIds.withInstance(key, 250);
    assertThat(moved).isEqualTo(RequestLogIds.of(MS, 250, 77));
    assertThat(RequestLogIds.epochMilli(moved)).isEqualTo(MS);
  }

  @Test
  void times_before_2020_and_far_ahead_still_order_and_never_overflow() {
    long y1970 = RequestLogIds.of(0, 0, 0);
    long y2088 = RequestLogIds.of(Instant.parse("2088-12-31T00:00:00Z").toEpochMilli(), 255, 0);
    assertThat(y1970).isNegative().isLessThan(RequestLogIds.of(MS, 0, 0));
    assertThat(y2088).isPositive().isGreaterThan(RequestLogIds.of(MS, 0, 0));
    assertThat(RequestLogIds.first(Long.MAX_VALUE)).isPositive();
    assertThat(RequestLogIds.first(Long.MIN_VALUE)).isNegative();
  }
}
