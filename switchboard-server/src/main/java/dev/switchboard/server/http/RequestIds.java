package dev.switchboard.server.http;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: random, unique enough for correlation, cheap to make (no SecureRandom on the hot path). */
final class RequestIds {
  private RequestIds() {}

  static String next() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "req_" + Long.toHexString(r.nextLong() | Long.MIN_VALUE) + Long.toHexString(r.nextLong() | Long.MIN_VALUE).substring(0, 8);
  }
}
