package dev.switchboard.store;

import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Request ids: {@code req_}, the epoch millisecond the request started in (12 hex digits), then 12 hex digits: a
 * 14-bit sequence number within that millisecond and 34 random bits, e.g. {@code req_0193f2a1b4c5d6e7f8a9b0c1}. The
 * request log keys its row by the millisecond and the sequence number ({@link RequestLogIds}), so a lookup by id is
 * a one-millisecond range of the log's primary key and the log needs no index on the id or the time (the most
 * expensive parts of logging a request on H2, docs/benchmarks.md). Random enough to be unique across instances; no
 * SecureRandom on the hot path.
 */
public final class RequestIds {
  private static final String PREFIX = "req_";
  private static final int LENGTH = 4 + 12 + 12;
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int RANDOM_BITS = 48 - RequestLogIds.SEQUENCE_BITS;
  /**
   * The next sequence number of each of the last 64 milliseconds, as {@code millisecond << 14 | last sequence used}
   * in slot {@code millisecond % 64}: the two event loops read the clock a moment apart, so a request may ask for a
   * millisecond just behind another's.
   */
  private static final int SLOTS = 64;
  private static final AtomicLongArray SEQUENCES = new AtomicLongArray(SLOTS);

  private RequestIds() {}

  /** A new id for a request that started at {@code time}; log the request with that same time. */
  public static String next(Instant time) {
    long sequenced = sequenced(time.toEpochMilli());
    long random = ThreadLocalRandom.current().nextLong() & ((1L << RANDOM_BITS) - 1);
    char[] c = new char[LENGTH];
    PREFIX.getChars(0, 4, c, 0);
    hex(c, 4, sequenced >>> RequestLogIds.SEQUENCE_BITS, 12);
    hex(c, 16, (sequenced & RequestLogIds.MAX_SEQUENCE) << RANDOM_BITS | random, 12);
    return new String(c);
  }

  /**
   * {@code millisecond << 14 | sequence}: the first sequence number not yet given out in {@code epochMilli}. More than
   * 16,384 requests in one millisecond move on to the next one. A millisecond more than 64 ms behind the newest one
   * (a thread stalled between reading the clock and asking, or a test's made-up time) gets a random number; the log
   * resolves the rare clash (RequestLogRepository).
   */
  private static long sequenced(long epochMilli) {
    long ms = epochMilli;
    while (true) {
      int slot = (int) (ms & (SLOTS - 1));
      long current = SEQUENCES.get(slot);
      long currentMs = current >>> RequestLogIds.SEQUENCE_BITS;
      long next;
      if (currentMs < ms) {
        next = ms << RequestLogIds.SEQUENCE_BITS;
      } else if (currentMs == ms) {
        if ((current & RequestLogIds.MAX_SEQUENCE) == RequestLogIds.MAX_SEQUENCE) {
          ms++;
          continue;
        }
        next = current + 1;
      } else {
        return ms << RequestLogIds.SEQUENCE_BITS | ThreadLocalRandom.current().nextInt(RequestLogIds.MAX_SEQUENCE + 1);
      }
      if (SEQUENCES.compareAndSet(slot, current, next)) return next;
    }
  }

  /** The sequence number within its millisecond that an id of this format carries; empty for any other string. */
  public static OptionalInt sequence(String id) {
    return epochMilli(id).isEmpty() ? OptionalInt.empty() : OptionalInt.of(sequenceOf(id));
  }

  /** {@link #sequence} of an id {@link #epochMilli} already accepted, without checking it again. */
  static int sequenceOf(String id) {
    int value = 0;
    for (int i = 16; i < 20; i++) value = value << 4 | Character.digit(id.charAt(i), 16);
    return value >>> (16 - RequestLogIds.SEQUENCE_BITS);
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
