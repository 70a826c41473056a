package dev.switchboard.server.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.protocol.openai.OpenAiChatCodec;
import dev.switchboard.protocol.openai.OpenAiErrors;
import dev.switchboard.protocol.openai.OpenAiJson;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.routing.ProviderRuntime;
import dev.switchboard.routing.RoutePlan;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/audio/speech-to-speech}: transcription, then chat, then speech, each step through the shared
 * attempt loop (its own route plan, key pools and fallbacks) within the request's one time budget. The audio
 * answer carries the transcript and the reply as URL-encoded {@code x-switchboard-transcript} /
 * {@code x-switchboard-reply} headers; the JSON variant returns all three in one object. Usage adds up over the
 * steps and the exchange is recorded once.
 */
public final class SpeechToSpeech {
  /** The form fields this endpoint reads; none of them is forwarded to the transcription upstream. */
  public static final Set<String> OWN_FIELDS = Set.of("model", "transcription_model", "speech_model", "voice",
      "instructions", "response_format", "output", "temperature");

  /**
   * @param json true: answer {@code {"transcript","reply","audio":{"format","data"}}} instead of the audio bytes
   */
  public record Options(String transcriptionModel, String chatModel, String speechModel, String voice, String format,
                        String instructions, boolean json, String accountIdHeader) {}

  private final GatewayServices services;
  private final Vertx vertx;
  private final HttpServerResponse response;
  private final Exchange exchange;
  private final MultipartForm form;
  private final Options options;
  private final RoutePlan transcribePlan;
  private final RoutePlan chatPlan;
  private final RoutePlan speechPlan;

  /** Plans all three steps first, so an unknown model is a 404 before any upstream call. */
  public SpeechToSpeech(GatewayServices services, Vertx vertx, HttpServerResponse response, Exchange exchange,
                        MultipartForm form, Options options) {
    this.services = services;
    this.vertx = vertx;
    this.response = response;
    this.exchange = exchange;
    this.form = form;
    this.options = options;
    this.transcribePlan = services.router().plan(options.transcriptionModel(), null);
    this.chatPlan = services.router().plan(options.chatModel(), null);
    this.speechPlan = services.router().plan(options.speechModel(), null);
  }

  public void start() {
    exchange.requested(options.chatModel());
    var forward = Forwards.multipart("/audio/transcriptions", form, Map.of("response_format", "json"), OWN_FIELDS);
    new PassThroughExecution(services, vertx, response, transcribePlan, exchange, options.accountIdHeader(), forward,
        (provider, type, body) -> transcribed(body)).start();
  }

  private void transcribed(Buffer body) {
    String transcript = textField(body);
    if (transcript == null) {
      fail("The transcription step answered without a 'text' field");
      return;
    }
    ObjectNode chat = OpenAiJson.MAPPER.createObjectNode().put("model", options.chatModel());
    var messages = chat.putArray("messages");
    if (options.instructions() != null) messages.addObject().put("role", "system").put("content", options.instructions());
    messages.addObject().put("role", "user").put("content", transcript);
    ChatRequest request = OpenAiChatCodec.INSTANCE.decodeRequest(OpenAiJson.write(256, g -> OpenAiJson.MAPPER.writeTree(g, chat)));
    new PassThroughExecution(services, vertx, response, chatPlan, exchange, options.accountIdHeader(),
        new ChatForward(request), (provider, type, answer) -> {
          String reply;
          try {
            reply = text(provider.adapter().chat().parseChat(request, answer.getBytes()));
          } catch (RuntimeException e) {
            fail("The chat step answered with a body that could not be read");
            return;
          }
          speak(transcript, reply);
        }).start();
  }

  private void speak(String transcript, String reply) {
    ObjectNode speech = OpenAiJson.MAPPER.createObjectNode().put("input", reply).put("voice", options.voice())
        .put("response_format", options.format());
    var forward = Forwards.json("/audio/speech", speech);
    if (!options.json()) {
      response.putHeader("x-switchboard-transcript", URLEncoder.encode(transcript, StandardCharsets.UTF_8));
      response.putHeader("x-switchboard-reply", URLEncoder.encode(reply, StandardCharsets.UTF_8));
      new PassThroughExecution(services, vertx, response, speechPlan, exchange, options.accountIdHeader(), forward, null).start();
      return;
    }
    new PassThroughExecution(services, vertx, response, speechPlan, exchange, options.accountIdHeader(), forward,
        (provider, type, audio) -> {
          byte[] out = OpenAiJson.write(256 + audio.length() * 4 / 3, g -> {
            g.writeStartObject();
            g.writeStringField("transcript", transcript);
            g.writeStringField("reply", reply);
            g.writeObjectFieldStart("audio");
            g.writeStringField("format", options.format());
            g.writeStringField("content_type", type);
            g.writeStringField("data", Base64.getEncoder().encodeToString(audio.getBytes()));
            g.writeEndObject();
            g.writeEndObject();
          });
          response.putHeader("content-type", "application/json");
          response.end(Buffer.buffer(out));
          services.record(exchange);
        }).start();
  }

  /** A step answered 2xx but unusably: the chain cannot go on. */
  private void fail(String message) {
    GatewayError error = GatewayError.of(ErrorKey.UPSTREAM_ERROR, message);
    exchange.failed(error.status(), error.key().name());
    services.record(exchange);
    if (response.ended() || response.closed()) return;
    response.setStatusCode(error.status()).putHeader("content-type", "application/json")
        .end(Buffer.buffer(OpenAiErrors.encode(error)));
  }

  private static String textField(Buffer body) {
    try {
      JsonNode root = OpenAiJson.MAPPER.readTree(body.getBytes());
      JsonNode text = root == null ? null : root.get("text");
      return text != null && text.isTextual() ? text.textValue() : null;
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static String text(ChatResponse r) {
    StringBuilder sb = new StringBuilder();
    for (ContentBlock b : r.content()) if (b instanceof ContentBlock.Text t) sb.append(t.text());
    return sb.toString();
  }

  /** The chat step in any upstream wire, through the provider's own chat adapter. */
  private record ChatForward(ChatRequest request) implements PassThroughExecution.Forward {
    @Override
    public String unsupported(ProviderRuntime provider) {
      return provider.adapter().servesChat() ? null : "the " + provider.adapter().protocol().configName() + " wire has no chat";
    }

    @Override
    public UpstreamRequest prepare(ProviderRuntime provider, UpstreamTarget target, ApiKey key) {
      return provider.adapter().chat().prepareChat(request, target, key);
    }

    @Override
    public Metered meter(ProviderRuntime provider, byte[] body) {
      try {
        return new Metered(provider.adapter().chat().parseChat(request, body).usage(), null);
      } catch (RuntimeException e) {
        return Metered.NONE;
      }
    }
  }
}
