package dev.switchboard.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a request is metered for beside tokens: images produced and seconds of audio (in or out), with where the
 * seconds came from ({@code audioSource}: e.g. {@code response.duration}, {@code usage.seconds}, {@code upload.wav},
 * {@code output.wav}), kept with the charge so a bill can be explained. Seconds are kept to the millisecond:
 * upstreams report durations as binary doubles ({@code 8.470000267028809}) whose noise digits must not be billed.
 * Null seconds means "not known", which is different from 0.
 */
public record MediaUsage(long images, BigDecimal audioSeconds, String audioSource) {
  public static final MediaUsage NONE = new MediaUsage(0, null, null);
  /** Durations are billed to the millisecond. */
  public static final int SECONDS_SCALE = 3;

  public MediaUsage {
    images = Math.max(0, images);
    if (audioSeconds != null) {
      audioSeconds = audioSeconds.signum() < 0 ? null : audioSeconds.setScale(SECONDS_SCALE, RoundingMode.HALF_EVEN);
    }
    if (audioSeconds == null) audioSource = null;
  }

  public static MediaUsage images(long n) { return n <= 0 ? NONE : new MediaUsage(n, null, null); }

  /** Seconds of audio from {@code source}; NONE when {@code seconds} is null or negative. */
  public static MediaUsage seconds(BigDecimal seconds, String source) {
    return seconds == null || seconds.signum() < 0 ? NONE : new MediaUsage(0, seconds, source);
  }

  public boolean isEmpty() { return images == 0 && audioSeconds == null; }

  /**
   * Steps of a chain add up (images and seconds); the first known source names the seconds, and when both sides
   * have seconds from different sources the result says so.
   */
  public MediaUsage plus(MediaUsage other) {
    if (other == null || other.isEmpty()) return this;
    if (isEmpty()) return other;
    BigDecimal seconds = audioSeconds == null ? other.audioSeconds
        : other.audioSeconds == null ? audioSeconds : audioSeconds.add(other.audioSeconds);
    String source = audioSource == null ? other.audioSource
        : other.audioSource == null || other.audioSource.equals(audioSource) ? audioSource
        : audioSource + "+" + other.audioSource;
    return new MediaUsage(images + other.images, seconds, source);
  }

  /** Seconds when known, else {@code fallback} (an answer that tells nothing falls back to what the upload says). */
  public MediaUsage orSeconds(MediaUsage fallback) {
    if (audioSeconds != null || fallback == null || fallback.audioSeconds == null) return this;
    return new MediaUsage(images, fallback.audioSeconds, fallback.audioSource);
  }
}
