package dev.switchboard.store;

/**
 * Primary keys of the request log, ordered by time: the millisecond a request started in (since 2020-01-01; the key stays
 * positive until 2089), then 8 bits naming the writing gateway instance and the request's 14-bit sequence number within
 * its millisecond ({@link RequestIds}). The key is the log's only index: a time range, the rows of one request id's
 * millisecond and the oldest rows for retention are all ranges of it, so logging a request inserts into one B-tree
 * instead of two (the time index cost H2 ~40% of a row's insert, docs/benchmarks.md). An operator's SQL reaches a time
 * range with {@code id >= (epoch_ms - 1577836800000) * 4194304}.
 */
public final class RequestLogIds {
  /** 2020-01-01T00:00:00Z in epoch milliseconds. */
  public static final long EPOCH_MILLI = 1_577_836_800_000L;
  static final int SEQUENCE_BITS = 14;
  static final int INSTANCE_BITS = 8;
  static final int LOW_BITS = SEQUENCE_BITS + INSTANCE_BITS;
  static final int MAX_SEQUENCE = (1 << SEQUENCE_BITS) - 1;
  static final int MAX_INSTANCE = (1 << INSTANCE_BITS) - 1;
  // Times outside these bounds (only ever made up by tests) are clamped so the shift cannot overflow.
  private static final long MIN_OFFSET = -(1L << (63 - LOW_BITS));
  private static final long MAX_OFFSET = (1L << (63 - LOW_BITS)) - 1;

  private RequestLogIds() {}

  /** The key of the row of the {@code sequence}-th request that started in {@code epochMilli}, written by {@code instance}. */
  public static long of(long epochMilli, int instance, int sequence) {
    return first(epochMilli) | (long) (instance & MAX_INSTANCE) << SEQUENCE_BITS | (sequence & MAX_SEQUENCE);
  }

  /** The smallest key of rows of requests that started in {@code epochMilli} or later. */
  public static long first(long epochMilli) {
    long offset = Math.clamp(epochMilli, EPOCH_MILLI + MIN_OFFSET, EPOCH_MILLI + MAX_OFFSET) - EPOCH_MILLI;
    return offset << LOW_BITS;
  }

  /** The millisecond a key names. */
  public static long epochMilli(long id) {
    return (id >> LOW_BITS) + EPOCH_MILLI;
  }

  /** The instance number in a key. */
  static int instance(long id) {
    return (int) (id >>> SEQUENCE_BITS) & MAX_INSTANCE;
  }

  /** The same key written by another instance. */
  static long withInstance(long id, int instance) {
    return id & ~((long) MAX_INSTANCE << SEQUENCE_BITS) | (long) (instance & MAX_INSTANCE) << SEQUENCE_BITS;
  }
}
