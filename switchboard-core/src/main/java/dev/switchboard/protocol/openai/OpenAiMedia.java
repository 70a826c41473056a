package dev.switchboard.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.MediaUsage;
import java.math.BigDecimal;

/**
 * What OpenAI's images and audio wires say about the media a request consumed or produced (openai-openapi.yaml:
 * CreateImageRequest, ImagesResponse, ImageGenCompletedEvent, CreateTranscriptionResponseVerboseJson,
 * CreateTranslationResponseVerboseJson, TranscriptTextUsageDuration). Token usage is read elsewhere
 * ({@code usage} with input/output tokens); this is images and seconds only.
 */
public final class OpenAiMedia {
  private OpenAiMedia() {}

  /**
   * Images an images request asks for: {@code n} (default 1, at most 10 per the spec, which the upstream enforces;
   * a larger n is still counted, so it cannot reserve less than it could cost).
   */
  public static long requestedImages(JsonNode request) {
    JsonNode n = request == null ? null : request.get("n");
    if (n == null || !n.isNumber()) return 1;
    return Math.max(1, (long) Math.ceil(n.doubleValue()));
  }

  /** Images an images answer carries: the length of {@code data} (b64_json or url items alike). */
  public static MediaUsage images(JsonNode answer) {
    JsonNode data = answer == null ? null : answer.get("data");
    return data != null && data.isArray() ? MediaUsage.images(data.size()) : MediaUsage.NONE;
  }

  /**
   * Seconds of input audio a transcription or translation answer states: verbose_json's {@code duration} (the
   * audio's own length), else a duration-type {@code usage.seconds} (what whisper bills, rounded up to whole
   * seconds). NONE when neither is there (json with token usage, or no usage at all).
   */
  public static MediaUsage transcribed(JsonNode answer) {
    if (answer == null || !answer.isObject()) return MediaUsage.NONE;
    BigDecimal duration = seconds(answer.get("duration"));
    if (duration != null) return MediaUsage.seconds(duration, "response.duration");
    JsonNode usage = answer.get("usage");
    if (usage != null && usage.isObject()) {
      BigDecimal seconds = seconds(usage.get("seconds"));
      if (seconds != null) return MediaUsage.seconds(seconds, "usage.seconds");
    }
    return MediaUsage.NONE;
  }

  /** One event of a streamed images answer: an {@code image_generation.completed} (or edit) event is one image. */
  public static MediaUsage streamed(JsonNode event) {
    JsonNode type = event == null ? null : event.get("type");
    if (type == null || !type.isTextual()) return MediaUsage.NONE;
    String t = type.textValue();
    return t.equals("image_generation.completed") || t.equals("image_edit.completed") ? MediaUsage.images(1)
        : MediaUsage.NONE;
  }

  private static BigDecimal seconds(JsonNode n) {
    if (n == null || !n.isNumber()) return null;
    double d = n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d) || d < 0) return null;
    return n.decimalValue();
  }
}
