package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A provider declared with {@code keys-from-store: true} and no key in the config: it starts without any key (no
 * anonymous one), routing skips it naming how to add one, an operator's key makes it serve at once with that key,
 * and deleting the key puts it back where it started.
 */
class KeysFromStoreE2ETest {
  static final String ADMIN = "store-admin@example.com";
  static final String ADMIN_PW = "admin-password-123";
  static final String MASTER = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  static final String SECRET = "sk-vault-key-added-by-the-operator-7777";
  static final String REASON = "no key: add one with POST /admin/api/providers/keys";
  static final String CHAT = "{\"model\":\"vault/vault-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  static final ObjectMapper JSON = new ObjectMapper();
  static GatewayFixture fx;
  static Browser admin;

  @BeforeAll
  static void start() {
    fx = new GatewayFixture("""
          - name: vault
            protocol: openai
            base-url: {fake}/v1
            keys: []
            keys-from-store: true
            models:
              - {id: vault-model, capabilities: [streaming]}
        accounts: {bootstrap-admin-email: %s, bootstrap-admin-password: "%s", master-key: "%s"}
        billing: {enabled: false}
        """.formatted(ADMIN, ADMIN_PW, MASTER));
    fx.fake.validKeys(GatewayFixture.OAI_K1, GatewayFixture.OAI_K2, GatewayFixture.ANTH_KEY, GatewayFixture.GEM_KEY,
        SECRET);
    admin = new Browser(fx.baseUrl());
    assertThat(admin.login(ADMIN, ADMIN_PW).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() { fx.close(); }

  static HttpResponse<String> chat() { return fx.post("/v1/chat/completions", "application/json", CHAT, GatewayFixture.CLIENT_KEY); }

  static JsonNode vaultStatus() throws Exception {
    JsonNode status = JSON.readTree(fx.get("/v1/routing/status", GatewayFixture.CLIENT_KEY).body());
    for (JsonNode p : status.path("providers")) if (p.path("name").asText().equals("vault")) return p;
    throw new AssertionError("vault is not in the routing status");
  }

  /** The 503 names the candidate and why, structured, and nothing went upstream (no anonymous key was tried). */
  static void assertSkippedForWantOfAKey() throws Exception {
    int before = fx.fake.requests().size();
    HttpResponse<String> refused = chat();
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
    JsonNode error = JSON.readTree(refused.body()).path("error");
    assertThat(error.path("message").asText()).contains("vault/vault-model: " + REASON);
    assertThat(error.path("candidates")).anySatisfy(c -> {
      assertThat(c.path("candidate").asText()).isEqualTo("vault/vault-model");
      assertThat(c.path("reason").asText()).isEqualTo(REASON);
    });
    assertThat(fx.fake.requests()).as("nothing was sent upstream").hasSize(before);

    JsonNode vault = vaultStatus();
    assertThat(vault.path("keys_from_store").asBoolean()).isTrue();
    assertThat(vault.path("keys_unavailable").asText()).isEqualTo(REASON);
    assertThat(vault.path("keys")).isEmpty();
  }

  @Test
  void the_provider_waits_for_an_operator_key_serves_with_it_and_waits_again_once_it_is_deleted() throws Exception {
    assertSkippedForWantOfAKey();

    Browser.Res added = admin.post("/admin/api/providers/keys",
        "{\"provider\":\"vault\",\"name\":\"ops-1\",\"secret\":\"" + SECRET + "\"}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.body()).doesNotContain(SECRET);

    HttpResponse<String> served = chat();
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    assertThat(served.headers().firstValue("x-switchboard-key")).hasValue("ops-1");
    assertThat(served.headers().firstValue("x-switchboard-provider")).hasValue("vault");
    assertThat(fx.fake.lastRequest().header("authorization")).isEqualTo("Bearer " + SECRET);
    JsonNode vault = vaultStatus();
    assertThat(vault.has("keys_unavailable")).isFalse();
    assertThat(vault.path("keys")).extracting(k -> k.path("name").asText()).containsExactly("ops-1");

    assertThat(admin.call("DELETE", "/admin/api/providers/keys/" + added.json().path("id").asLong(), null).status())
        .isEqualTo(204);
    assertSkippedForWantOfAKey();
  }
}
