package dev.switchboard.store;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: {@code req_}, the epoch millisecond the request started in (12 hex digits), then 12 random hex digits,
 * e.g. {@code req_0193f2a1b4c5d6e7f8a9b0c1}. The request log stores the start time the id was made from, so a lookup
 * by id is a one-millisecond range of the log's time index and the log needs no index on the id itself (the most
 * expensive part of logging a request on H2, docs/benchmarks.md). Random enough to be unique across instances; no
 * SecureRandom on the hot path.
 */
public final class RequestIds {
  private static final String PREFIX = "req_";
  private static final int LENGTH = 4 + 12 + 12;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestIds() {}

  /** A new id for a request that started at {@code time}; log the request with that same time. */
  public static String next(Instant time) {
    char[] c = new char[LENGTH];
    PREFIX.getChars(0, 4, c, 0);
    hex(c, 4, time.toEpochMilli(), 12);
    hex(c, 16, ThreadLocalRandom.current().nextLong(), 12);
    return new String(c);
  }

  /**
   * The epoch millisecond an id of this format was made for; empty for any other string. The millisecond's first hex
   * digit is 0 until the year 2527: ids of the same length and alphabet from early builds, which began with random
   * bits, are not read as a time (a lookup scans for them instead).
   */
  public static OptionalLong epochMilli(String id) {
    if (id == null || id.length() != LENGTH || !id.startsWith(PREFIX) || id.charAt(4) != '0') return OptionalLong.empty();
    long millis = 0;
    for (int i = 4; i < LENGTH; i++) {
      char c = id.charAt(i);
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (digit < 0) return OptionalLong.empty();
      if (i < 16) millis = millis << 4 | digit;
    }
    return OptionalLong.of(millis);
  }

  private static void hex(char[] out, int at, long value, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      out[at + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
