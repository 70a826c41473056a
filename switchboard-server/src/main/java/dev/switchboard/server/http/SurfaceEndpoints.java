package dev.switchboard.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.Rerank;
import dev.switchboard.protocol.jina.JinaCodec;
import dev.switchboard.protocol.openai.OpenAiErrors;
import dev.switchboard.protocol.openai.OpenAiJson;
import dev.switchboard.server.exec.Forwards;
import dev.switchboard.server.exec.MultipartForm;
import dev.switchboard.server.exec.PassThroughExecution;
import dev.switchboard.server.exec.RerankExecution;
import dev.switchboard.server.exec.SpeechToSpeech;
import java.io.IOException;
import java.util.function.BiFunction;

/** The rest of the OpenAI-shaped surface: rerank, moderations, images, audio (transcription, speech, speech-to-speech). */
final class SurfaceEndpoints {
  private SurfaceEndpoints() {}

  /** Errors of every endpoint here are OpenAI's shape. */
  private interface OpenAiShaped extends InferenceEndpoint {
    @Override default byte[] encodeError(GatewayError error) { return OpenAiErrors.encode(error); }
  }

  /** POST /v1/rerank: the Cohere/Jina client shape, to Cohere, Jina or Voyage. */
  static final class RerankEndpoint implements OpenAiShaped {
    @Override
    public void handle(Call c) {
      Rerank.Request request = JinaCodec.decodeClientRerank(c.body());
      String routed = c.exchange().requested(request.model());
      var plan = c.services().router().plan(routed, c.header("x-provider"));
      new RerankExecution(c.services(), c.vertx(), c.request().response(), request, plan, c.exchange(),
          c.header("x-account-id")).start();
    }
  }

  /**
   * A JSON endpoint whose OpenAI-compatible upstreams take the same body (moderations, images, speech): forwarded
   * with the upstream model id; {@code defaultModel} stands in when the client sent none (null: required).
   * {@code forward} builds the endpoint's {@link PassThroughExecution.Forward} (images and speech meter media).
   */
  static final class JsonPassThrough implements OpenAiShaped {
    private final String upstreamPath;
    private final String defaultModel;
    private final BiFunction<String, ObjectNode, PassThroughExecution.Forward> forward;

    JsonPassThrough(String upstreamPath, String defaultModel) { this(upstreamPath, defaultModel, Forwards::json); }

    JsonPassThrough(String upstreamPath, String defaultModel,
                    BiFunction<String, ObjectNode, PassThroughExecution.Forward> forward) {
      this.upstreamPath = upstreamPath;
      this.defaultModel = defaultModel;
      this.forward = forward;
    }

    @Override
    public void handle(Call c) {
      JsonNode root;
      try {
        root = OpenAiJson.MAPPER.readTree(c.body());
      } catch (IOException e) {
        throw new GatewayException(GatewayError.of(ErrorKey.INVALID_JSON, "The request body is not valid JSON"));
      }
      if (!(root instanceof ObjectNode body)) {
        throw new GatewayException(GatewayError.of(ErrorKey.INVALID_JSON, "The request body must be a JSON object"));
      }
      String model = OpenAiJson.text(body, "model", "model", defaultModel == null);
      if (model == null) model = defaultModel;
      String routed = c.exchange().requested(model);
      var plan = c.services().router().plan(routed, c.header("x-provider"));
      new PassThroughExecution(c.services(), c.vertx(), c.request().response(), plan, c.exchange(),
          c.header("x-account-id"), forward.apply(upstreamPath, body), null).start();
    }
  }

  /**
   * POST /v1/audio/transcriptions and /v1/audio/translations: the multipart upload, forwarded; metered for the
   * seconds of audio in.
   */
  static final class AudioUpload implements OpenAiShaped {
    private final String upstreamPath;

    AudioUpload(String upstreamPath) { this.upstreamPath = upstreamPath; }

    @Override public boolean multipart() { return true; }

    @Override
    public void handle(Call c) {
      MultipartForm form = c.form();
      String model = required(form, "model");
      requireFile(form);
      String routed = c.exchange().requested(model);
      var plan = c.services().router().plan(routed, c.header("x-provider"));
      new PassThroughExecution(c.services(), c.vertx(), c.request().response(), plan, c.exchange(),
          c.header("x-account-id"), Forwards.transcription(upstreamPath, form), null).start();
    }
  }

  /**
   * POST /v1/audio/speech-to-speech (multipart): {@code file}, {@code model} (the chat model), optional
   * {@code transcription_model} (whisper-1), {@code speech_model} (tts-1), {@code voice} (alloy),
   * {@code response_format} (mp3), {@code instructions} (a system prompt), {@code output=json} or
   * {@code Accept: application/json} for the JSON variant.
   */
  static final class SpeechToSpeechEndpoint implements OpenAiShaped {
    @Override public boolean multipart() { return true; }

    @Override
    public void handle(Call c) {
      MultipartForm form = c.form();
      String chatModel = required(form, "model");
      requireFile(form);
      String accept = c.header("accept");
      boolean json = "json".equals(form.field("output"))
          || (accept != null && accept.toLowerCase(java.util.Locale.ROOT).startsWith("application/json"));
      var options = new SpeechToSpeech.Options(or(form.field("transcription_model"), "whisper-1"), chatModel,
          or(form.field("speech_model"), "tts-1"), or(form.field("voice"), "alloy"),
          or(form.field("response_format"), "mp3"), form.field("instructions"), json, c.header("x-account-id"));
      new SpeechToSpeech(c.services(), c.vertx(), c.request().response(), c.exchange(), form, options).start();
    }
  }

  /** Providers tell the audio format by the file name, and a part without one arrives as text, not as bytes. */
  private static void requireFile(MultipartForm form) {
    if (form.file("file") != null) return;
    throw GatewayException.invalid("file", form.field("file") != null
        ? "'file' must be a file upload with a filename (e.g. filename=\"speech.mp3\")"
        : "'file' (the audio upload) is required");
  }

  private static String required(MultipartForm form, String field) {
    String value = form.field(field);
    if (value == null || value.isBlank()) throw GatewayException.invalid(field, "'" + field + "' is required");
    return value;
  }

  private static String or(String value, String fallback) { return value == null || value.isBlank() ? fallback : value; }
}
