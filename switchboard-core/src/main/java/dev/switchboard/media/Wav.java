package dev.switchboard.media;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The duration of WAV audio from its header, without decoding: RIFF (or RF64) / WAVE, the {@code fmt } chunk gives
 * the byte rate, the {@code data} chunk where the samples start and how many bytes they take. Streamed WAV (and
 * RF64) write a placeholder data size (0 or 0xFFFFFFFF); then, as when the declared size exceeds what is there,
 * the bytes actually present count. Other formats (MP3, Opus, AAC...) need a decoder or a frame walk to be timed
 * reliably, so they are not timed at all.
 */
public final class Wav {
  /** Headers (fmt, LIST, fact... before data) longer than this are not looked for. */
  public static final int MAX_HEADER = 64 * 1024;
  private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;

  private Wav() {}

  /**
   * Where the samples start, how many bytes they take ({@code -1}: not declared), and how many bytes are one
   * second of audio.
   */
  public record Header(int dataOffset, long dataSize, long bytesPerSecond) {
    /** Seconds of audio in a file (or stream) of {@code totalBytes}, to the millisecond. */
    public BigDecimal seconds(long totalBytes) {
      long present = Math.max(0, totalBytes - dataOffset);
      long bytes = dataSize < 0 ? present : Math.min(dataSize, present);
      return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(bytesPerSecond), 3, RoundingMode.HALF_EVEN);
    }
  }

  /** True when the bytes start like a WAV file (enough to decide whether to look further). */
  public static boolean looksLikeWav(byte[] b, int length) {
    return length >= 12 && (ascii(b, 0, "RIFF") || ascii(b, 0, "RF64")) && ascii(b, 8, "WAVE");
  }

  /**
   * The header of the first {@code length} bytes of {@code b}, or null when they are not (yet) a complete WAV
   * header with a usable byte rate.
   */
  public static Header header(byte[] b, int length) {
    if (!looksLikeWav(b, length)) return null;
    long bytesPerSecond = 0;
    int at = 12;
    while (at + 8 <= length && at <= MAX_HEADER) {
      long size = u32(b, at + 4);
      int body = at + 8;
      if (ascii(b, at, "fmt ")) {
        if (body + 16 > length) return null;
        int format = u16(b, body);
        long sampleRate = u32(b, body + 4);
        long byteRate = u32(b, body + 8);
        int blockAlign = u16(b, body + 12);
        // PCM, IEEE float and extensible: the rate follows from the frame size; compressed formats state an average.
        boolean linear = format == 1 || format == 3 || format == 0xFFFE;
        bytesPerSecond = linear && sampleRate > 0 && blockAlign > 0 ? sampleRate * blockAlign : byteRate;
      } else if (ascii(b, at, "data")) {
        if (bytesPerSecond <= 0) return null;
        return new Header(body, size == 0 || size == UNKNOWN_SIZE ? -1 : size, bytesPerSecond);
      }
      if (size == UNKNOWN_SIZE) return null; // only data may have an undeclared size
      at = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1)); // chunks are padded to even lengths
    }
    return null;
  }

  /** The duration of a whole WAV file, or null when it is not one (or its header says nothing usable). */
  public static BigDecimal seconds(byte[] file) {
    if (file == null) return null;
    Header h = header(file, file.length);
    return h == null ? null : h.seconds(file.length);
  }

  /**
   * Times WAV audio as it streams by: keeps the first bytes until the header is complete (at most
   * {@link #MAX_HEADER}), then only counts. Not thread-safe.
   */
  public static final class Counter {
    private byte[] head = new byte[0];
    private Header header;
    private boolean notWav;
    private long total;

    /** True while the header is still being read: pass the bytes to {@link #accept}, else {@link #count} will do. */
    public boolean wantsBytes() { return header == null && !notWav; }

    public void accept(byte[] chunk, int offset, int length) {
      total += length;
      if (!wantsBytes()) return;
      int keep = Math.min(length, MAX_HEADER + 8 - head.length);
      byte[] grown = java.util.Arrays.copyOf(head, head.length + keep);
      System.arraycopy(chunk, offset, grown, head.length, keep);
      head = grown;
      if (head.length >= 12 && !looksLikeWav(head, head.length)) notWav = true;
      else header = header(head, head.length);
      if (header == null && head.length >= MAX_HEADER + 8) notWav = true;
      if (!wantsBytes()) head = null;
    }

    /** Counts bytes without looking at them (once the header is known or the stream is known not to be WAV). */
    public void count(long length) { total += length; }

    /** Seconds streamed so far; null when the stream is not WAV (or its header was never complete). */
    public BigDecimal seconds() { return header == null ? null : header.seconds(total); }
  }

  private static boolean ascii(byte[] b, int at, String s) {
    for (int i = 0; i < 4; i++) if (b[at + i] != s.charAt(i)) return false;
    return true;
  }

  private static int u16(byte[] b, int at) { return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8; }

  private static long u32(byte[] b, int at) {
    return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
  }
}
