package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.Reply;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * /api/health answers anyone (load balancers, uptime checks), so what it tells depends on who asks: counts for
 * anonymous callers, keys as the routing status view shows them, and the upstream's reasons for operators only.
 */
class ApiHealthAudienceE2ETest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PRIVATE_HIDDEN = "discovery: {enabled: false}, status: {public: false, hide-key-names: true}";
  private static final String CHAT = "{\"model\":\"oai/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  GatewayFixture fx;

  @AfterEach
  void stop() { if (fx != null) fx.close(); }

  /** Both oai keys rejected by the upstream with OpenAI's masked echo of each key. */
  private HttpResponse<String> rejectBothKeys() {
    fx.fake.defaultReply(Endpoint.OPENAI_CHAT, r -> Reply.text(401, "application/json",
        "{\"error\":{\"message\":\"Incorrect API key provided: " + maskedEcho(r.apiKey()) + ". You can find your API "
            + "key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\","
            + "\"code\":\"invalid_api_key\"}}"));
    return fx.post("/v1/chat/completions", "application/json", CHAT, GatewayFixture.CLIENT_KEY);
  }

  private static String maskedEcho(String key) {
    return key.substring(0, 8) + "****" + key.substring(key.length() - 4);
  }

  private JsonNode health(String key) throws Exception {
    HttpResponse<String> resp = fx.get("/api/health", key);
    assertThat(resp.statusCode()).isEqualTo(200);
    return JSON.readTree(resp.body());
  }

  private static JsonNode provider(JsonNode health, String name) {
    for (JsonNode p : health.path("providers")) if (p.path("name").asText().equals(name)) return p;
    throw new AssertionError("no provider " + name + " in " + health);
  }

  @Test
  void anonymous_caller_gets_status_and_provider_counts_but_no_keys_or_upstream_texts() throws Exception {
    fx = new GatewayFixture("", PRIVATE_HIDDEN);
    rejectBothKeys();

    JsonNode health = health(null);

    assertThat(health.path("status").asText()).isEqualTo("ok");
    assertThat(health.path("store").asText()).isEqualTo("up");
    assertThat(health.has("database")).isFalse();
    JsonNode oai = provider(health, "oai");
    assertThat(oai.path("status").asText()).isEqualTo("down");
    assertThat(oai.path("keys_total").asInt()).isEqualTo(2);
    assertThat(oai.path("keys_available").asInt()).isZero();
    assertThat(oai.path("models").asInt()).isEqualTo(4);
    assertThat(oai.has("keys")).isFalse();
    assertThat(provider(health, "anth").path("status").asText()).isEqualTo("up");
    assertThat(health.toString()).doesNotContain("\"k1\"").doesNotContain("\"k2\"")
        .doesNotContain("Incorrect API key provided").doesNotContain(maskedEcho(GatewayFixture.OAI_K1));
  }

  @Test
  void wrong_key_gets_the_anonymous_view_not_an_error() throws Exception {
    fx = new GatewayFixture("", PRIVATE_HIDDEN);

    JsonNode health = health("sk-not-a-gateway-key-000");

    assertThat(provider(health, "oai").has("keys")).isFalse();
    assertThat(provider(health, "oai").path("status").asText()).isEqualTo("up");
  }

  @Test
  void operator_sees_keys_as_key_n_and_the_reasons_with_the_masked_key_redacted() throws Exception {
    fx = new GatewayFixture("", PRIVATE_HIDDEN);
    HttpResponse<String> rejected = rejectBothKeys();
    assertThat(rejected.body()).doesNotContain(maskedEcho(GatewayFixture.OAI_K1))
        .doesNotContain(maskedEcho(GatewayFixture.OAI_K2));

    JsonNode health = health(GatewayFixture.CLIENT_KEY);

    assertThat(health.path("database").asText()).isEqualTo("h2");
    JsonNode keys = provider(health, "oai").path("keys");
    assertThat(keys).extracting(k -> k.path("name").asText()).containsExactly("key-1", "key-2");
    for (JsonNode k : keys) {
      assertThat(k.path("enabled").asBoolean()).isFalse();
      assertThat(k.path("disabled_reason").asText()).startsWith("HTTP 401: Incorrect API key provided: [redacted].");
    }
    assertThat(health.toString()).doesNotContain("\"k1\"").doesNotContain(maskedEcho(GatewayFixture.OAI_K1))
        .doesNotContain(maskedEcho(GatewayFixture.OAI_K2));
  }

  @Test
  void public_status_view_shows_keys_to_anonymous_callers_but_not_the_reasons() throws Exception {
    fx = new GatewayFixture("", "discovery: {enabled: false}, status: {public: true}");
    rejectBothKeys();

    JsonNode keys = provider(health(null), "oai").path("keys");

    assertThat(keys).extracting(k -> k.path("name").asText()).containsExactly("k1", "k2");
    for (JsonNode k : keys) {
      assertThat(k.path("enabled").asBoolean()).isFalse();
      assertThat(k.has("disabled_reason")).isFalse();
    }
  }

  @Test
  void tenant_key_gets_the_anonymous_view() throws Exception {
    fx = new GatewayFixture("""
        accounts: {bootstrap-admin-email: admin@example.com, bootstrap-admin-password: "admin-password-123", master-key: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}
        billing: {enabled: false}
        """, PRIVATE_HIDDEN);
    Browser owner = new Browser(fx.baseUrl());
    assertThat(owner.signup("owner@t.example", "owner-password-1", "Tenant").status()).isEqualTo(201);
    Browser.Res key = owner.post("/portal/api/keys", "{\"name\":\"k\"}");
    assertThat(key.status()).as(key.body()).isEqualTo(201);
    rejectBothKeys();

    JsonNode oai = provider(health(key.json().path("secret").asText()), "oai");

    assertThat(oai.has("keys")).isFalse();
    assertThat(oai.path("keys_total").asInt()).isEqualTo(2);
  }
}
