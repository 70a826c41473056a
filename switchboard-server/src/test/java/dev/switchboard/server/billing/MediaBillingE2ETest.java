package dev.switchboard.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.server.Gateway;
import dev.switchboard.store.money.Ledger;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.SurfaceWire;
import dev.switchboard.testkit.Tokens;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Images and seconds of audio are charged to a tenant key at the catalog's per-image and per-audio-second prices
 * (times the tenant's multiplier, 1.5 here), reserved in advance where the count is known, and written to the
 * ledger with the figures in the usage record's raw usage. Prices: BillingHarness.
 */
class MediaBillingE2ETest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final BigDecimal MULTIPLIER = new BigDecimal("1.5");

  record Answer(int status, String requestId, String body) {}

  record UsageRow(long inputTokens, long outputTokens, BigDecimal cost, JsonNode raw) {}

  @Test
  void an_images_request_charges_n_times_the_per_image_price_plus_its_tokens_times_the_multiplier() throws Exception {
    try (BillingHarness h = new BillingHarness(false).seed(new BigDecimal("1.00")).multiplier(MULTIPLIER)) {
      h.fake.enqueue(Endpoint.OPENAI_IMAGES, Reply.json(SurfaceWire.images(3, Tokens.of(50, 500))));
      Answer a;
      try (Gateway gw = h.start("img", "")) {
        a = postJson(gw, "/v1/images/generations", "{\"model\":\"pub-image\",\"prompt\":\"a cat\",\"n\":3}");
      }
      assertThat(a.status()).as(a.body()).isEqualTo(200);
      assertThat(JSON.readTree(a.body()).path("data")).hasSize(3);
      // (50*5 + 500*40)/1e6 = 0.02025; + 3 * 0.04 + 0.001 = 0.14125; x 1.5 = 0.211875
      UsageRow row = usage(h, a.requestId());
      assertThat(row.cost()).isEqualByComparingTo("0.211875");
      assertThat(row.inputTokens()).isEqualTo(50);
      assertThat(row.outputTokens()).isEqualTo(500);
      assertThat(row.raw().path("input_tokens").asLong()).as("the provider's usage is kept").isEqualTo(50);
      assertThat(row.raw().path("switchboard").path("images").asLong()).isEqualTo(3);
      assertThat(balance(h)).isEqualByComparingTo("0.788125");
    }
  }

  @Test
  void images_the_balance_cannot_cover_are_refused_with_402_before_any_upstream_call() throws Exception {
    try (BillingHarness h = new BillingHarness(false).seed(new BigDecimal("0.15")).multiplier(MULTIPLIER)) {
      Answer refused;
      Answer served;
      try (Gateway gw = h.start("img402", "")) {
        // (3 * 0.04 + 0.001) x 1.5 = 0.1815 > 0.15
        refused = postJson(gw, "/v1/images/generations", "{\"model\":\"pub-image\",\"prompt\":\"a cat\",\"n\":3}");
        assertThat(h.fake.requests()).isEmpty();
        // (2 * 0.04 + 0.001) x 1.5 = 0.1215 fits
        served = postJson(gw, "/v1/images/generations", "{\"model\":\"pub-image\",\"prompt\":\"a cat\",\"n\":2}");
      }
      assertThat(refused.status()).isEqualTo(402);
      assertThat(JSON.readTree(refused.body()).path("error").path("code").asText()).isEqualTo("insufficient_quota");
      assertThat(refused.body()).contains("0.1815");
      assertThat(served.status()).as(served.body()).isEqualTo(200);
      assertThat(h.fake.requests()).hasSize(1);
      // the fake's default: n images and 11 in / 4 out: (11*5 + 4*40)/1e6 = 0.000215; + 0.08 + 0.001; x 1.5
      assertThat(usage(h, served.requestId()).cost()).isEqualByComparingTo("0.1218225");
      assertThat(balance(h)).isEqualByComparingTo("0.0281775");
    }
  }

  @Test
  void a_transcription_charges_its_duration_times_the_per_second_price() throws Exception {
    try (BillingHarness h = new BillingHarness(false).seed(new BigDecimal("1.00")).multiplier(MULTIPLIER)) {
      h.fake.enqueue(Endpoint.OPENAI_TRANSCRIPTIONS,
          Reply.json(SurfaceWire.verboseTranscription("The beach was a popular spot.", 8.470000267028809)),
          Reply.json(SurfaceWire.transcription("hi", Tokens.of(14, 101))));
      h.fake.enqueue(Endpoint.OPENAI_TRANSLATIONS, Reply.json(SurfaceWire.transcription("hi", Tokens.of(14, 101))));
      Answer verbose;
      Answer wav;
      Answer mp3;
      try (Gateway gw = h.start("stt", "")) {
        verbose = upload(gw, "/v1/audio/transcriptions", "verbose_json", "speech.mp3", "ID3\u0003mp3".getBytes(StandardCharsets.UTF_8));
        // json with token usage only: the uploaded WAV's header tells 2.5 s (16 kHz mono 16-bit, 80000 bytes)
        wav = upload(gw, "/v1/audio/translations", "json", "speech.wav", wav(16000, 2, 80_000, 0));
        // nothing tells the duration: the per-request price only
        mp3 = upload(gw, "/v1/audio/transcriptions", "json", "speech.mp3", "ID3\u0003mp3".getBytes(StandardCharsets.UTF_8));
      }
      assertThat(List.of(verbose.status(), wav.status(), mp3.status())).containsOnly(200);
      // (8.470 * 0.0001 + 0.0002) x 1.5: the stated duration to the millisecond, not usage.seconds (9)
      UsageRow v = usage(h, verbose.requestId());
      assertThat(v.cost()).isEqualByComparingTo("0.0015705");
      assertThat(v.raw().path("type").asText()).isEqualTo("duration");
      assertThat(v.raw().path("switchboard").path("audio_seconds").decimalValue()).isEqualByComparingTo("8.47");
      assertThat(v.raw().path("switchboard").path("audio_seconds_from").asText()).isEqualTo("response.duration");
      // (2.5 * 0.0001 + 0.0002) x 1.5
      UsageRow w = usage(h, wav.requestId());
      assertThat(w.cost()).isEqualByComparingTo("0.000675");
      assertThat(w.inputTokens()).isEqualTo(14);
      assertThat(w.raw().path("switchboard").path("audio_seconds_from").asText()).isEqualTo("upload.wav");
      UsageRow m = usage(h, mp3.requestId());
      assertThat(m.cost()).isEqualByComparingTo("0.0003");
      assertThat(m.raw().has("switchboard")).isFalse();
      assertThat(balance(h)).isEqualByComparingTo(new BigDecimal("1.00").subtract(new BigDecimal("0.0025455")));
    }
  }

  @Test
  void a_wav_upload_is_reserved_for_its_seconds_before_it_goes_upstream() throws Exception {
    // 600 s at 0.0001 x 1.5 = 0.09 (+ 0.0003) > 0.05: refused without an upstream call
    try (BillingHarness h = new BillingHarness(false).seed(new BigDecimal("0.05")).multiplier(MULTIPLIER)) {
      Answer a;
      try (Gateway gw = h.start("stt402", "")) {
        a = upload(gw, "/v1/audio/transcriptions", "json", "long.wav", wav(8000, 1, 8000 * 600, 0));
      }
      assertThat(a.status()).isEqualTo(402);
      assertThat(h.fake.requests()).isEmpty();
    }
  }

  @Test
  void speech_answered_as_wav_charges_the_seconds_produced() throws Exception {
    try (BillingHarness h = new BillingHarness(false).seed(new BigDecimal("1.00")).multiplier(MULTIPLIER)) {
      // 8 kHz mono 8-bit, streamed with a placeholder data size in three chunks: 20000 bytes = 2.5 s. (The fake
      // writes text: these parameters keep every header byte ASCII.)
      byte[] audio = wav(8000, 1, 20_000, 0);
      String text = new String(audio, StandardCharsets.ISO_8859_1);
      h.fake.enqueue(Endpoint.OPENAI_SPEECH, Reply.sse("audio/wav", List.of(text.substring(0, 20),
          text.substring(20, 5000), text.substring(5000))));
      h.fake.enqueue(Endpoint.OPENAI_SPEECH, Reply.text(200, "audio/mpeg", SurfaceWire.AUDIO));
      Answer wav;
      Answer mp3;
      try (Gateway gw = h.start("tts", "")) {
        wav = postJson(gw, "/v1/audio/speech", "{\"model\":\"pub-tts\",\"input\":\"hello\",\"voice\":\"alloy\",\"response_format\":\"wav\"}");
        mp3 = postJson(gw, "/v1/audio/speech", "{\"model\":\"pub-tts\",\"input\":\"hello\",\"voice\":\"alloy\"}");
      }
      assertThat(wav.status()).isEqualTo(200);
      assertThat(wav.body().length()).isEqualTo(audio.length);
      // (2.5 * 0.00025 + 0.0005) x 1.5
      UsageRow w = usage(h, wav.requestId());
      assertThat(w.cost()).isEqualByComparingTo("0.0016875");
      assertThat(w.raw().path("switchboard").path("audio_seconds_from").asText()).isEqualTo("output.wav");
      // mp3 is not timed: the per-request price only
      assertThat(usage(h, mp3.requestId()).cost()).isEqualByComparingTo("0.00075");
    }
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  static Answer postJson(Gateway gw, String path, String body) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(gw.baseUrl() + path)).timeout(Duration.ofSeconds(30))
        .header("authorization", "Bearer " + BillingHarness.KEY).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return answer(BillingHarness.HTTP.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1)));
  }

  static Answer upload(Gateway gw, String path, String format, String filename, byte[] file) throws Exception {
    String boundary = "----media-billing-test";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String[] f : new String[][] {{"model", "pub-whisper"}, {"response_format", format}}) {
      out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n" + f[1]
          + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(file);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest req = HttpRequest.newBuilder(URI.create(gw.baseUrl() + path)).timeout(Duration.ofSeconds(30))
        .header("authorization", "Bearer " + BillingHarness.KEY)
        .header("content-type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build();
    return answer(BillingHarness.HTTP.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1)));
  }

  static Answer answer(HttpResponse<String> r) {
    return new Answer(r.statusCode(), r.headers().firstValue("x-request-id").orElse(null), r.body());
  }

  /** A PCM WAV file: {@code dataBytes} of silence (0x7F: printable, so it survives a text body). */
  static byte[] wav(int sampleRate, int bytesPerSample, int dataBytes, long declaredSize) {
    ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes).put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(sampleRate).putInt(sampleRate * bytesPerSample).putShort((short) bytesPerSample)
        .putShort((short) (8 * bytesPerSample));
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) declaredSize);
    while (b.hasRemaining()) b.put((byte) 0x7F);
    return b.array();
  }

  static UsageRow usage(BillingHarness h, String requestId) throws Exception {
    try (var db = h.openNoMigrate(); Connection c = db.dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT input_tokens, output_tokens, cost, raw_usage FROM usage_records"
             + " WHERE request_id = ?")) {
      ps.setString(1, requestId);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("usage record of " + requestId).isTrue();
        String raw = rs.getString(4);
        return new UsageRow(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), raw == null ? JSON.nullNode() : JSON.readTree(raw));
      }
    }
  }

  static BigDecimal balance(BillingHarness h) {
    try (var db = h.openNoMigrate()) {
      Ledger ledger = new Ledger(db.dataSource(), Clock.systemUTC());
      assertThat(ledger.reconcile().mismatches()).isEmpty();
      return ledger.balance(h.tenantId);
    }
  }
}
