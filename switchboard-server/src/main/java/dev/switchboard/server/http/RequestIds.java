package dev.switchboard.server.http;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: a millisecond timestamp prefix then random bits, e.g. {@code req_0193f2a1b4c5d6e7f8a9b0c1}.
 * Time-ordered so the request log's index on them grows at its right edge (random ids made every batch rewrite
 * pages all over the B-tree); random enough to be unique across instances. No SecureRandom on the hot path.
 */
final class RequestIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestIds() {}

  static String next() {
    char[] c = new char[4 + 12 + 12];
    c[0] = 'r'; c[1] = 'e'; c[2] = 'q'; c[3] = '_';
    hex(c, 4, System.currentTimeMillis(), 12);
    hex(c, 16, ThreadLocalRandom.current().nextLong(), 12);
    return new String(c);
  }

  private static void hex(char[] out, int at, long value, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      out[at + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
