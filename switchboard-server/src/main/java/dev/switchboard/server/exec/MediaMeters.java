package dev.switchboard.server.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.billing.Estimate;
import dev.switchboard.media.Wav;
import dev.switchboard.model.MediaUsage;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.openai.OpenAiMedia;
import dev.switchboard.protocol.sse.SseEvent;
import dev.switchboard.protocol.sse.SseParser;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.routing.ProviderRuntime;
import dev.switchboard.server.exec.PassThroughExecution.Forward;
import dev.switchboard.server.upstream.Bodies;
import io.vertx.core.buffer.Buffer;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metering of the media endpoints beside their token usage, as decorators of their {@link Forward}s:
 * <ul>
 *   <li>images: {@code n} images reserved; charged for the images the answer carries ({@code data}), or for the
 *       {@code image_generation.completed} events of a streamed answer; gpt-image token usage as tokens.</li>
 *   <li>transcriptions and translations: seconds of input audio from the answer's {@code duration}
 *       (verbose_json), else a duration-type {@code usage.seconds}, else the uploaded file's WAV header (also
 *       reserved in advance). Any other upload whose answer states no duration is charged its per-request and
 *       token prices only (logged once per provider at debug).</li>
 *   <li>speech: seconds of audio produced, when the answer is WAV (timed by its header and the bytes relayed);
 *       other formats (mp3, opus, aac, flac, pcm) are not timed, so per-request and token prices apply (token usage
 *       arrives only in the {@code speech.audio.done} event of {@code stream_format: sse}).</li>
 * </ul>
 */
final class MediaMeters {
  private static final Logger LOG = LoggerFactory.getLogger(MediaMeters.class);
  /** Providers already logged for untimed audio (bounded: a long-running gateway sees few). */
  private static final Set<String> UNTIMED_LOGGED = ConcurrentHashMap.newKeySet();

  private MediaMeters() {}

  /** POST /v1/images/generations. */
  static Forward images(Forward base, JsonNode request) {
    long asked = OpenAiMedia.requestedImages(request);
    return new Decorated(base) {
      @Override public Estimate estimate() { return new Estimate(0, 0, asked, null); }

      @Override
      public Metered meter(ProviderRuntime provider, byte[] body) {
        JsonNode root = Metered.tree(body);
        return new Metered(Metered.usageOf(root), OpenAiMedia.images(root));
      }

      @Override
      public RelayMeter relayMeter(ProviderRuntime provider, String contentType) {
        return isSse(contentType) ? new Sse(MediaUsage.NONE, null) : RelayMeter.NONE;
      }
    };
  }

  /** POST /v1/audio/transcriptions and /v1/audio/translations: {@code file} is the upload. */
  static Forward transcription(Forward base, String path, MultipartForm form) {
    MultipartForm.FilePart file = form.file("file");
    BigDecimal uploaded = file == null ? null : Wav.seconds(file.data());
    MediaUsage upload = MediaUsage.seconds(uploaded, "upload.wav");
    return new Decorated(base) {
      @Override public Estimate estimate() { return new Estimate(0, 0, 0, upload.audioSeconds()); }

      @Override
      public Metered meter(ProviderRuntime provider, byte[] body) {
        JsonNode root = Metered.tree(body);
        MediaUsage media = OpenAiMedia.transcribed(root).orSeconds(upload);
        if (media.audioSeconds() == null) untimed(provider, path);
        return new Metered(Metered.usageOf(root), media);
      }

      @Override
      public RelayMeter relayMeter(ProviderRuntime provider, String contentType) {
        // text, srt, vtt: nothing to read but the upload; SSE (stream=true): token usage in transcript.text.done.
        Runnable untimed = () -> untimed(provider, path);
        if (isSse(contentType)) return new Sse(upload, untimed);
        return new RelayMeter() {
          @Override public void chunk(Buffer buf) {}

          @Override
          public Metered end() {
            if (upload.isEmpty()) untimed.run();
            return new Metered(null, upload);
          }
        };
      }
    };
  }

  /** POST /v1/audio/speech. */
  static Forward speech(Forward base) {
    return new Decorated(base) {
      @Override
      public RelayMeter relayMeter(ProviderRuntime provider, String contentType) {
        return isSse(contentType) ? new Sse(MediaUsage.NONE, null) : new WavOut();
      }
    };
  }

  private static void untimed(ProviderRuntime provider, String path) {
    if (!LOG.isDebugEnabled() || UNTIMED_LOGGED.size() > 1000 || !UNTIMED_LOGGED.add(provider.name() + path)) return;
    LOG.debug("{} answers of provider '{}' state no duration and the upload is not WAV: no audio seconds are charged,"
        + " only the per-request and token prices (logged once per provider)", path, provider.name());
  }

  static boolean isSse(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
  }

  /**
   * A streamed images or audio answer: usage from any event that carries one (later reports win field by field,
   * as in chat streams), one image per completed-image event; {@code fallback} seconds when the stream states
   * none.
   */
  private static final class Sse implements RelayMeter {
    private final SseParser parser = new SseParser();
    private final Bodies.RangeReader feed;
    private final MediaUsage fallback;
    private final Runnable untimed;
    private Usage usage;
    private MediaUsage media = MediaUsage.NONE;

    Sse(MediaUsage fallback, Runnable untimed) {
      this.fallback = fallback;
      this.untimed = untimed;
      java.util.function.Consumer<SseEvent> onEvent = this::event;
      this.feed = (bytes, offset, length) -> parser.feed(bytes, offset, length, onEvent);
    }

    @Override public void chunk(Buffer buf) { Bodies.read(buf, feed); }

    private void event(SseEvent e) {
      String data = e.data();
      // Only usage reports and completion events matter; partial images and audio deltas are not parsed.
      if (data == null || !data.startsWith("{") || !(data.contains("\"usage\"") || data.contains(".completed\""))) return;
      JsonNode root = Metered.tree(data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (root == null) return;
      Usage u = Metered.usageOf(root);
      if (u != null) usage = usage == null ? u : usage.merge(u);
      media = media.plus(OpenAiMedia.streamed(root));
    }

    @Override
    public Metered end() {
      parser.finish(this::event);
      MediaUsage m = media.orSeconds(fallback);
      if (m.audioSeconds() == null && untimed != null) untimed.run();
      return new Metered(usage, m);
    }
  }

  /** Seconds of WAV audio produced, from its header and the bytes relayed; nothing for other formats. */
  private static final class WavOut implements RelayMeter {
    private final Wav.Counter counter = new Wav.Counter();

    @Override
    public void chunk(Buffer buf) {
      if (counter.wantsBytes()) counter.accept(buf.getBytes(), 0, buf.length());
      else counter.count(buf.length());
    }

    @Override public Metered end() { return new Metered(null, MediaUsage.seconds(counter.seconds(), "output.wav")); }
  }

  /** The endpoint's own forward, with metering added. */
  private abstract static class Decorated implements Forward {
    private final Forward base;

    Decorated(Forward base) { this.base = base; }

    @Override public String unsupported(ProviderRuntime provider) { return base.unsupported(provider); }

    @Override
    public UpstreamRequest prepare(ProviderRuntime provider, UpstreamTarget target, ApiKey key) {
      return base.prepare(provider, target, key);
    }

    @Override public boolean verbatimErrors() { return base.verbatimErrors(); }
  }
}
