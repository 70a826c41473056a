package dev.switchboard.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** WAV durations from the header and the bytes present, as uploads and as streams in any chunking. */
class WavTest {
  /** A canonical WAV: RIFF/WAVE, optional extra chunk before fmt's successor, fmt, data with {@code declared} size. */
  static byte[] wav(int sampleRate, int channels, int bits, int dataBytes, long declared, boolean listChunk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(le32(36 + dataBytes));
    out.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes("fmt ".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(le32(16));
    int blockAlign = channels * bits / 8;
    out.writeBytes(le16(1));
    out.writeBytes(le16(channels));
    out.writeBytes(le32(sampleRate));
    out.writeBytes(le32((long) sampleRate * blockAlign));
    out.writeBytes(le16(blockAlign));
    out.writeBytes(le16(bits));
    if (listChunk) {
      out.writeBytes("LIST".getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(le32(5)); // odd: padded to 6
      out.writeBytes(new byte[] {'I', 'N', 'F', 'O', 'x', 0});
    }
    out.writeBytes("data".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(le32(declared));
    out.writeBytes(new byte[dataBytes]);
    return out.toByteArray();
  }

  static byte[] le32(long v) { return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array(); }

  static byte[] le16(int v) { return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array(); }

  @Test
  void a_pcm_upload_lasts_its_data_bytes_over_its_byte_rate() {
    // 16 kHz mono 16-bit: 32000 bytes a second; 80000 bytes = 2.5 s
    assertThat(Wav.seconds(wav(16000, 1, 16, 80_000, 80_000, false))).isEqualByComparingTo("2.5");
    // 44.1 kHz stereo 16-bit, 1 s plus one frame: 176404 / 176400 = 1.0000226... -> 1.000
    assertThat(Wav.seconds(wav(44100, 2, 16, 176_404, 176_404, true))).isEqualByComparingTo("1.000");
  }

  @Test
  void streamed_placeholders_and_overstated_sizes_count_the_bytes_present() {
    assertThat(Wav.seconds(wav(8000, 1, 8, 20_000, 0xFFFFFFFFL, false))).isEqualByComparingTo("2.5");
    assertThat(Wav.seconds(wav(8000, 1, 8, 20_000, 0, false))).isEqualByComparingTo("2.5");
    assertThat(Wav.seconds(wav(8000, 1, 8, 20_000, 1_000_000, false))).isEqualByComparingTo("2.5");
    // a declared size shorter than the file (trailing chunks after data) is the audio
    assertThat(Wav.seconds(wav(8000, 1, 8, 20_000, 8_000, false))).isEqualByComparingTo("1");
  }

  @Test
  void other_formats_and_truncated_headers_are_not_timed() {
    assertThat(Wav.seconds("ID3\u0003fake-mp3-audio-bytes".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(Wav.seconds("fLaC".getBytes(StandardCharsets.US_ASCII))).isNull();
    byte[] full = wav(16000, 1, 16, 100, 100, false);
    assertThat(Wav.seconds(java.util.Arrays.copyOf(full, 30))).isNull();
    assertThat(Wav.seconds(new byte[0])).isNull();
  }

  @Test
  void a_stream_is_timed_in_any_chunking() {
    byte[] file = wav(24000, 1, 16, 120_000, 0xFFFFFFFFL, true); // 48000 bytes/s -> 2.5 s
    for (int chunk : new int[] {1, 7, 44, 4096, file.length}) {
      Wav.Counter c = new Wav.Counter();
      for (int at = 0; at < file.length; at += chunk) {
        int n = Math.min(chunk, file.length - at);
        if (c.wantsBytes()) c.accept(file, at, n);
        else c.count(n);
      }
      assertThat(c.seconds()).as("chunks of %d", chunk).isEqualByComparingTo("2.5");
    }
    Wav.Counter mp3 = new Wav.Counter();
    byte[] notWav = "ID3\u0003fake-mp3-audio-bytes".getBytes(StandardCharsets.UTF_8);
    mp3.accept(notWav, 0, notWav.length);
    assertThat(mp3.wantsBytes()).isFalse();
    assertThat(mp3.seconds()).isNull();
  }
}
