package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.MultipartField;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.moderations.ModerationCreateParams;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.ReceivedRequest;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.SurfaceWire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rerank, moderations, images, audio, speech-to-speech and the provider proxy, end to end against the fake. */
class SurfaceE2ETest {
  static final String AUD_KEY = "sk-upstream-audio-key-555555";
  static final String CO_KEY = "co-upstream-key-666666";
  static final String JINA_KEY = "jina-upstream-key-777777";
  static final String VOYAGE_KEY = "pa-upstream-voyage-888888";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static GatewayFixture gw;

  @BeforeAll
  static void start() {
    gw = new GatewayFixture("""
          - name: aud
            protocol: openai
            base-url: {fake}/v1
            include-preset-models: false
            keys: [{name: au1, secret: "%s"}]
            models:
              - {id: whisper-test, capabilities: [transcription]}
              - {id: tts-test, capabilities: [speech]}
              - {id: mod-test, capabilities: [moderation]}
              - {id: img-test, capabilities: [image_generation]}
          - name: co
            protocol: cohere
            base-url: {fake}/v2
            include-preset-models: false
            keys: [{name: c1, secret: "%s"}]
            models: [{id: rerank-test, capabilities: [rerank]}, {id: embed-test, capabilities: [embeddings]}]
          - name: jn
            protocol: jina
            base-url: {fake}/jina/v1
            include-preset-models: false
            keys: [{name: j1, secret: "%s"}]
            models: [{id: jina-rerank, capabilities: [rerank]}]
          - name: vo
            protocol: voyage
            base-url: {fake}/voyage/v1
            include-preset-models: false
            keys: [{name: v1, secret: "%s"}]
            models: [{id: voyage-rerank, capabilities: [rerank]}, {id: voyage-embed, capabilities: [embeddings]}]
        """.formatted(AUD_KEY, CO_KEY, JINA_KEY, VOYAGE_KEY));
  }

  @AfterAll
  static void stop() { gw.close(); }

  @BeforeEach
  void reset() { gw.fake.reset(); }

  // ---- rerank and embeddings vendors --------------------------------------------------------------------------

  @Test
  void rerank_to_cohere_uses_its_key_and_fills_in_documents() throws IOException {
    var resp = gw.post("/v1/rerank", "application/json", """
        {"model":"co/rerank-test","query":"capital?","documents":["a","b",{"text":"c"}],"top_n":2,"return_documents":true}""",
        GatewayFixture.CLIENT_KEY);
    assertThat(resp.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(resp.body());
    assertThat(body.path("results").get(0).path("index").asInt()).isEqualTo(2);
    assertThat(body.path("results").get(0).path("document").path("text").asText()).isEqualTo("c");
    assertThat(body.path("results")).hasSize(2);
    assertThat(body.path("model").asText()).isEqualTo("co/rerank-test");
    ReceivedRequest up = gw.fake.lastRequest();
    assertThat(up.path()).isEqualTo("/v2/rerank");
    assertThat(up.apiKey()).isEqualTo(CO_KEY);
    assertThat(up.bodyJson().path("model").asText()).isEqualTo("rerank-test");
    assertThat(up.bodyJson().path("documents").get(2).asText()).isEqualTo("c");
  }

  @Test
  void rerank_to_voyage_sends_top_k_and_to_jina_keeps_its_own_shape() throws IOException {
    var voyage = gw.post("/v1/rerank", "application/json",
        "{\"model\":\"vo/voyage-rerank\",\"query\":\"q\",\"documents\":[\"a\",\"b\",\"c\"],\"top_n\":1}", GatewayFixture.CLIENT_KEY);
    assertThat(voyage.statusCode()).isEqualTo(200);
    assertThat(gw.fake.lastRequest().bodyJson().path("top_k").asInt()).isEqualTo(1);
    assertThat(gw.fake.lastRequest().apiKey()).isEqualTo(VOYAGE_KEY);
    JsonNode v = JSON.readTree(voyage.body());
    assertThat(v.path("results")).hasSize(1);
    assertThat(v.path("usage").path("total_tokens").asLong()).isEqualTo(11);

    var jina = gw.post("/v1/rerank", "application/json",
        "{\"model\":\"jn/jina-rerank\",\"query\":\"q\",\"documents\":[\"a\",\"b\"],\"return_documents\":true}", GatewayFixture.CLIENT_KEY);
    assertThat(jina.statusCode()).isEqualTo(200);
    assertThat(gw.fake.lastRequest().path()).isEqualTo("/jina/v1/rerank");
    assertThat(JSON.readTree(jina.body()).path("results").get(0).path("document").path("text").asText()).isEqualTo("b");
  }

  @Test
  void rerank_on_a_chat_only_provider_is_refused_with_the_reason() {
    var resp = gw.post("/v1/rerank", "application/json",
        "{\"model\":\"oai/gpt-test\",\"query\":\"q\",\"documents\":[\"a\"]}", GatewayFixture.CLIENT_KEY);
    assertThat(resp.statusCode()).isEqualTo(503);
    assertThat(resp.body()).contains("the openai wire has no rerank");
    assertThat(gw.fake.requests()).isEmpty();
  }

  @Test
  void chat_on_a_retrieval_only_wire_is_refused_with_the_reason_and_nothing_sent() {
    var resp = gw.post("/v1/chat/completions", "application/json",
        "{\"model\":\"co/embed-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        GatewayFixture.CLIENT_KEY);
    assertThat(resp.statusCode()).isEqualTo(503);
    assertThat(resp.body()).contains("the cohere wire has no chat").contains("\"error\"");
    assertThat(gw.fake.requests()).isEmpty();
  }

  @Test
  void embeddings_through_voyage_and_cohere_come_back_in_openai_shape() throws IOException {
    var voyage = gw.post("/v1/embeddings", "application/json",
        "{\"model\":\"vo/voyage-embed\",\"input\":[\"x\",\"y\"],\"dimensions\":4}", GatewayFixture.CLIENT_KEY);
    assertThat(voyage.statusCode()).isEqualTo(200);
    assertThat(gw.fake.lastRequest().path()).isEqualTo("/voyage/v1/embeddings");
    assertThat(gw.fake.lastRequest().bodyJson().path("output_dimension").asInt()).isEqualTo(4);
    assertThat(JSON.readTree(voyage.body()).path("data")).hasSize(2);

    var cohere = gw.post("/v1/embeddings", "application/json", "{\"model\":\"co/embed-test\",\"input\":\"x\"}",
        GatewayFixture.CLIENT_KEY);
    assertThat(cohere.statusCode()).isEqualTo(200);
    assertThat(gw.fake.lastRequest().path()).isEqualTo("/v2/embed");
    assertThat(JSON.readTree(cohere.body()).path("usage").path("prompt_tokens").asLong()).isEqualTo(2);
  }

  // ---- OpenAI-shaped pass-through with the official SDK ---------------------------------------------------------

  @Test
  void moderations_with_the_sdk_reach_the_provider_with_its_model_and_key() {
    var result = gw.openAi().moderations().create(ModerationCreateParams.builder().input("hello").model("aud/mod-test").build());
    assertThat(result.results().get(0).flagged()).isFalse();
    ReceivedRequest up = gw.fake.lastRequest();
    assertThat(up.path()).isEqualTo("/v1/moderations");
    assertThat(up.apiKey()).isEqualTo(AUD_KEY);
    assertThat(up.bodyJson().path("model").asText()).isEqualTo("mod-test");
    assertThat(up.bodyJson().path("input").asText()).isEqualTo("hello");
  }

  @Test
  void images_with_the_sdk_are_relayed() {
    var images = gw.openAi().images().generate(ImageGenerateParams.builder().prompt("a cat").model("aud/img-test").build());
    assertThat(images.data().orElseThrow().get(0).b64Json()).contains("iVBORw0KGgo=");
    assertThat(gw.fake.lastRequest().bodyJson().path("prompt").asText()).isEqualTo("a cat");
  }

  @Test
  void transcription_with_the_sdk_forwards_the_upload_as_multipart() {
    byte[] audio = "RIFF-fake-wav-audio".getBytes(StandardCharsets.UTF_8);
    var result = gw.openAi().audio().transcriptions().create(TranscriptionCreateParams.builder()
        .file(MultipartField.<InputStream>builder().value(new ByteArrayInputStream(audio)).filename("question.wav").build())
        .model("aud/whisper-test").build());
    assertThat(result.asTranscription().text()).isEqualTo(SurfaceWire.TRANSCRIPT);
    ReceivedRequest up = gw.fake.lastRequest();
    assertThat(up.path()).isEqualTo("/v1/audio/transcriptions");
    assertThat(up.header("content-type")).startsWith("multipart/form-data; boundary=");
    assertThat(up.multipartField("model")).isEqualTo("whisper-test");
    assertThat(up.bodyText()).contains("RIFF-fake-wav-audio");
    assertThat(up.apiKey()).isEqualTo(AUD_KEY);
  }

  @Test
  void an_upload_over_the_limit_is_413_in_openai_shape() throws IOException {
    byte[] big = new byte[70_000];
    var resp = multipart("/v1/audio/transcriptions", Map.of("model", "aud/whisper-test"), big, null);
    assertThat(resp.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(resp.body()).path("error").path("code").asText()).isEqualTo("body_too_large");
    assertThat(new String(resp.body(), StandardCharsets.UTF_8)).contains("server.max-upload-bytes");
    assertThat(gw.fake.requests()).isEmpty();
  }

  @Test
  void speech_with_the_sdk_streams_the_audio_back() throws IOException {
    try (var resp = gw.openAi().audio().speech().create(SpeechCreateParams.builder().input("hi").model("aud/tts-test")
        .voice("alloy").build())) {
      assertThat(new String(resp.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(SurfaceWire.AUDIO);
      assertThat(resp.headers().values("content-type")).contains("audio/mpeg");
    }
    assertThat(gw.fake.lastRequest().bodyJson().path("model").asText()).isEqualTo("tts-test");
  }

  // ---- speech-to-speech -----------------------------------------------------------------------------------------

  @Test
  void speech_to_speech_chains_transcription_chat_and_speech() {
    var resp = multipart("/v1/audio/speech-to-speech", Map.of("model", "oai/gpt-test",
        "transcription_model", "aud/whisper-test", "speech_model", "aud/tts-test", "voice", "nova"),
        "RIFF-question".getBytes(StandardCharsets.UTF_8), null);
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(new String(resp.body(), StandardCharsets.UTF_8)).isEqualTo(SurfaceWire.AUDIO);
    assertThat(decoded(resp, "x-switchboard-transcript")).isEqualTo(SurfaceWire.TRANSCRIPT);
    assertThat(decoded(resp, "x-switchboard-reply")).isEqualTo("Hello from openai fake");
    var requests = gw.fake.requests();
    assertThat(requests).extracting(ReceivedRequest::path)
        .containsExactly("/v1/audio/transcriptions", "/v1/chat/completions", "/v1/audio/speech");
    assertThat(requests.get(0).multipartField("voice")).isNull(); // the endpoint's own fields stay with the gateway
    assertThat(requests.get(1).bodyJson().path("messages").get(0).path("content").asText()).isEqualTo(SurfaceWire.TRANSCRIPT);
    assertThat(requests.get(2).bodyJson().path("input").asText()).isEqualTo("Hello from openai fake");
    assertThat(requests.get(2).bodyJson().path("voice").asText()).isEqualTo("nova");
  }

  @Test
  void speech_to_speech_json_variant_returns_everything_in_one_object() throws IOException {
    var resp = multipart("/v1/audio/speech-to-speech", Map.of("model", "oai/gpt-test", "output", "json",
        "transcription_model", "aud/whisper-test", "speech_model", "aud/tts-test"), "RIFF".getBytes(StandardCharsets.UTF_8), null);
    assertThat(resp.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(resp.body());
    assertThat(body.path("transcript").asText()).isEqualTo(SurfaceWire.TRANSCRIPT);
    assertThat(body.path("reply").asText()).isEqualTo("Hello from openai fake");
    assertThat(new String(Base64.getDecoder().decode(body.path("audio").path("data").asText()), StandardCharsets.UTF_8))
        .isEqualTo(SurfaceWire.AUDIO);
  }

  // ---- proxy ----------------------------------------------------------------------------------------------------

  @Test
  void proxy_injects_the_provider_key_and_passes_sse_through() {
    var resp = send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/proxy/oai/chat/completions?trace=1"))
        .header("authorization", "Bearer " + GatewayFixture.CLIENT_KEY).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    String sse = new String(resp.body(), StandardCharsets.UTF_8);
    assertThat(sse).contains("\" fake\"").contains("data: [DONE]");
    ReceivedRequest up = gw.fake.lastRequest();
    assertThat(up.path()).isEqualTo("/v1/chat/completions");
    assertThat(up.queryParam("trace")).isEqualTo("1");
    assertThat(up.apiKey()).isIn(GatewayFixture.OAI_K1, GatewayFixture.OAI_K2);
    assertThat(up.headers().toString()).doesNotContain(GatewayFixture.CLIENT_KEY);
  }

  @Test
  void proxy_to_anthropic_puts_the_key_in_x_api_key() {
    var resp = send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/proxy/anth/messages"))
        .header("x-api-key", GatewayFixture.CLIENT_KEY).header("anthropic-version", "2023-06-01")
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-test\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
    assertThat(resp.statusCode()).isEqualTo(200);
    ReceivedRequest up = gw.fake.lastRequest();
    assertThat(up.header("x-api-key")).isEqualTo(GatewayFixture.ANTH_KEY);
    assertThat(up.header("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(up.header("authorization")).isNull();
  }

  @Test
  void proxy_passes_an_upstream_error_on_without_the_key_it_echoed() {
    gw.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(400, OpenAiWire.error("Invalid API key: " + GatewayFixture.OAI_K1
        + " / " + GatewayFixture.OAI_K2, "invalid_request_error", null, "invalid_api_key")));
    var resp = send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/proxy/oai/chat/completions"))
        .header("authorization", "Bearer " + GatewayFixture.CLIENT_KEY).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
    assertThat(resp.statusCode()).isEqualTo(400);
    String body = new String(resp.body(), StandardCharsets.UTF_8);
    assertThat(body).contains("Invalid API key: ").contains("invalid_api_key")
        .doesNotContain(GatewayFixture.OAI_K1).doesNotContain(GatewayFixture.OAI_K2);
  }

  @Test
  void proxy_is_no_open_relay() {
    for (String path : new String[] {"/proxy/oai/%2e%2e/%2e%2e/admin", "/proxy/oai//evil.example/x",
        "/proxy/oai/..%2fadmin", "/proxy/oai/a/../../b"}) {
      var resp = send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + path))
          .header("authorization", "Bearer " + GatewayFixture.CLIENT_KEY).GET());
      assertThat(resp.statusCode()).as(path).isEqualTo(400);
    }
    var unknown = send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/proxy/evil.example/x"))
        .header("authorization", "Bearer " + GatewayFixture.CLIENT_KEY).GET());
    assertThat(unknown.statusCode()).isEqualTo(404);
    var anonymous = send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/proxy/oai/models")).GET());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(gw.fake.requests()).isEmpty();
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  private static String decoded(HttpResponse<byte[]> resp, String header) {
    return URLDecoder.decode(resp.headers().firstValue(header).orElseThrow(), StandardCharsets.UTF_8);
  }

  private static HttpResponse<byte[]> multipart(String path, Map<String, String> fields, byte[] file, String accept) {
    String boundary = "----e2eBoundary7MA4YWxkTrZu0gW";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fields.forEach((k, v) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
        + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"q.wav\"\r\n"
        + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(file);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.baseUrl() + path))
        .header("authorization", "Bearer " + GatewayFixture.CLIENT_KEY)
        .header("content-type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
    if (accept != null) b.header("accept", accept);
    return send(b);
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder b) {
    try {
      return HTTP.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
