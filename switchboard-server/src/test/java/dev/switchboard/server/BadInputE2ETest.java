package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.Reply;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gets an OpenAI-shaped error with the right status and the field named; no secret leaks. */
class BadInputE2ETest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static GatewayFixture fx;

  @BeforeAll
  static void start() { fx = new GatewayFixture(); }

  @AfterAll
  static void stop() { fx.close(); }

  @BeforeEach
  void resetFake() { fx.fake.reset(); }

  private static JsonNode error(HttpResponse<String> r) throws Exception {
    JsonNode e = JSON.readTree(r.body()).path("error");
    assertThat(e.path("message").asText()).isNotBlank();
    assertThat(e.has("type")).isTrue();
    assertThat(e.has("code")).isTrue();
    return e;
  }

  private HttpResponse<String> chat(String body) {
    return fx.post("/v1/chat/completions", "application/json", body, GatewayFixture.CLIENT_KEY);
  }

  @Test
  void malformed_json_is_400_invalid_json() throws Exception {
    var r = chat("{\"model\": \"oai/gpt-test\", \"messages\": [");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).path("code").asText()).isEqualTo("invalid_json");
  }

  @Test
  void anything_after_the_json_body_is_400_invalid_json_not_ignored() throws Exception {
    var r = chat("{\"model\":\"oai/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} {\"x\":1}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).path("code").asText()).isEqualTo("invalid_json");
    var padded = chat("{\"model\":\"oai/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}\r\n  ");
    assertThat(padded.statusCode()).as("trailing whitespace is fine").isEqualTo(200);
  }

  @Test
  void missing_model_names_the_field() throws Exception {
    var r = chat("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).path("param").asText()).isEqualTo("model");
  }

  @Test
  void unknown_model_is_404_naming_the_model() throws Exception {
    var r = chat("{\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(404);
    JsonNode e = error(r);
    assertThat(e.path("param").asText()).isEqualTo("model");
    assertThat(e.path("message").asText()).contains("no-such-model");
    assertThatThrownBy(() -> fx.openAi().chat().completions().create(ChatCompletionCreateParams.builder()
        .model("no-such-model").addUserMessage("hi").build())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void wrong_types_name_the_field_path() throws Exception {
    var r = chat("{\"model\":\"oai/gpt-test\",\"temperature\":\"hot\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).path("param").asText()).isEqualTo("temperature");
    var r2 = chat("{\"model\":\"oai/gpt-test\",\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}");
    assertThat(error(r2).path("param").asText()).isEqualTo("messages[0].role");
    var r3 = chat("{\"model\":\"oai/gpt-test\",\"messages\":\"hi\"}");
    assertThat(error(r3).path("message").asText()).contains("messages").contains("array");
  }

  @Test
  void body_over_the_limit_is_413() throws Exception {
    var r = chat("{\"model\":\"oai/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(70_000) + "\"}]}");
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(error(r).path("message").asText()).contains("max-body-bytes");
  }

  @Test
  void wrong_content_type_is_415() throws Exception {
    var r = fx.post("/v1/chat/completions", "text/plain", "hello", GatewayFixture.CLIENT_KEY);
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(error(r).path("param").asText()).isEqualTo("Content-Type");
  }

  @Test
  void missing_and_invalid_keys_are_401() throws Exception {
    var missing = fx.post("/v1/chat/completions", "application/json", "{}", null);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(error(missing).path("code").asText()).isEqualTo("missing_api_key");
    var invalid = fx.post("/v1/chat/completions", "application/json", "{}", "sk-wrong");
    assertThat(invalid.statusCode()).isEqualTo(401);
    assertThat(error(invalid).path("code").asText()).isEqualTo("invalid_api_key");
    var client = OpenAIOkHttpClient.builder().baseUrl(fx.baseUrl() + "/v1").apiKey("sk-wrong").maxRetries(0).build();
    assertThatThrownBy(() -> client.models().list()).isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void wrong_method_and_unknown_path_are_405_and_404() throws Exception {
    assertThat(fx.get("/v1/chat/completions", GatewayFixture.CLIENT_KEY).statusCode()).isEqualTo(405);
    assertThat(fx.get("/v1/nothing-here", GatewayFixture.CLIENT_KEY).statusCode()).isEqualTo(404);
  }

  @Test
  void upstream_error_echoing_the_key_is_redacted() throws Exception {
    fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.json(400, OpenAiWire.error(
        "Bad request for key " + GatewayFixture.OAI_K1 + " and " + GatewayFixture.OAI_K2, "invalid_request_error", null, null)));
    var r = chat("{\"model\":\"oai/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).doesNotContain(GatewayFixture.OAI_K1).doesNotContain(GatewayFixture.OAI_K2).contains("[redacted]");
  }

  @Test
  void api_v1_prefix_serves_the_same_endpoints() {
    var r = fx.get("/api/v1/models", GatewayFixture.CLIENT_KEY);
    assertThat(r.statusCode()).isEqualTo(200);
    var c = fx.post("/api/v1/chat/completions", "application/json",
        "{\"model\":\"oai/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", GatewayFixture.CLIENT_KEY);
    assertThat(c.statusCode()).isEqualTo(200);
    assertThat(c.headers().firstValue("x-request-id")).isPresent();
  }
}
