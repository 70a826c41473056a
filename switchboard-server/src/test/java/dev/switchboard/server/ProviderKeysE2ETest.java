package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.config.ConfigLoader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Provider keys added through the admin API are used for routing: a provider whose only config key the upstream
 * rejects starts serving once an operator adds a valid key, and stops again when it is deleted; another instance on
 * the same database follows within its refresh interval. The secret never comes back out.
 */
class ProviderKeysE2ETest {
  static final String ADMIN = "keys-admin@example.com";
  static final String ADMIN_PW = "admin-password-123";
  static final String MASTER = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  static final String STALE = "sk-stale-key-the-upstream-rejects-0000";
  static final String FRESH = "sk-fresh-key-the-upstream-accepts-1111";
  static final String OTHER = "sk-other-fresh-key-accepted-too-2222";
  static final String CHAT = "{\"model\":\"spare/spare-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  static GatewayFixture fx;
  static Browser admin;
  static final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeAll
  static void start() {
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    fx = new GatewayFixture("""
          - name: spare
            protocol: openai
            base-url: {fake}/v1
            include-preset-models: false
            keys:
              - {name: stale, secret: "%s"}
            models:
              - {id: spare-model, capabilities: [streaming]}
        accounts: {bootstrap-admin-email: %s, bootstrap-admin-password: "%s", key-cache-refresh: PT0.2S, master-key: "%s"}
        billing: {enabled: false}
        """.formatted(STALE, ADMIN, ADMIN_PW, MASTER));
    fx.fake.validKeys(GatewayFixture.OAI_K1, GatewayFixture.OAI_K2, GatewayFixture.ANTH_KEY, GatewayFixture.GEM_KEY,
        FRESH, OTHER);
    admin = new Browser(fx.baseUrl());
    assertThat(admin.login(ADMIN, ADMIN_PW).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    fx.close();
  }

  static HttpResponse<String> chat() { return fx.post("/v1/chat/completions", "application/json", CHAT, GatewayFixture.CLIENT_KEY); }

  static String bearer() { return fx.fake.lastRequest().header("authorization"); }

  @Test
  void an_added_key_serves_at_once_carries_its_name_and_leaves_routing_when_deleted() {
    // The config key is rejected (401): it is disabled and the provider has nothing left to try.
    assertThat(chat().statusCode()).isNotEqualTo(200);
    assertThat(bearer()).isEqualTo("Bearer " + STALE);
    HttpResponse<String> noKey = chat();
    assertThat(noKey.statusCode()).isEqualTo(503);
    assertThat(noKey.body()).contains("all keys disabled");

    Browser.Res added = admin.post("/admin/api/providers/keys",
        "{\"provider\":\"spare\",\"name\":\"fresh\",\"secret\":\"" + FRESH + "\",\"weight\":2}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.body()).doesNotContain(FRESH);
    assertThat(added.json().path("weight").asInt()).isEqualTo(2);
    assertThat(added.json().path("enabled").asBoolean()).isTrue();
    long id = added.json().path("id").asLong();

    HttpResponse<String> served = chat();
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    assertThat(served.headers().firstValue("x-switchboard-key")).hasValue("fresh");
    assertThat(bearer()).isEqualTo("Bearer " + FRESH);

    // An upstream error that echoes the key reaches the client redacted.
    fx.fake.enqueue(dev.switchboard.testkit.Endpoint.OPENAI_CHAT, dev.switchboard.testkit.Reply.text(400,
        "application/json", "{\"error\":{\"message\":\"bad request for key " + FRESH + "\",\"type\":\"invalid_request_error\"}}"));
    HttpResponse<String> echoed = chat();
    assertThat(echoed.statusCode()).isEqualTo(400);
    assertThat(echoed.body()).contains("[redacted]").doesNotContain(FRESH);

    Browser.Res list = admin.get("/admin/api/providers/keys");
    assertThat(list.body()).contains("\"fresh\"").doesNotContain(FRESH);
    String status = fx.get("/v1/routing/status", GatewayFixture.CLIENT_KEY).body();
    assertThat(status).contains("\"fresh\"").doesNotContain(FRESH);
    assertThat(fx.get("/api/health", GatewayFixture.CLIENT_KEY).body()).contains("\"fresh\"").doesNotContain(FRESH);
    assertThat(fx.get("/metrics", GatewayFixture.CLIENT_KEY).body()).doesNotContain(FRESH);

    assertThat(admin.call("DELETE", "/admin/api/providers/keys/" + id, null).status()).isEqualTo(204);
    int before = fx.fake.requests().size();
    HttpResponse<String> gone = chat();
    assertThat(gone.statusCode()).isEqualTo(503);
    assertThat(fx.fake.requests()).as("nothing was sent upstream").hasSize(before);
    assertThat(admin.get("/admin/api/providers/keys").body()).doesNotContain("\"fresh\"");

    String logged = String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    assertThat(logged).doesNotContain(FRESH);
  }

  @Test
  void another_instance_on_the_same_database_uses_and_drops_the_key_within_its_refresh() throws Exception {
    try (Gateway second = Gateway.start(ConfigLoader.load(fx.dir.resolve("switchboard.yaml"), Map.of()))) {
      String secondUrl = second.baseUrl();
      Browser.Res added = admin.post("/admin/api/providers/keys",
          "{\"provider\":\"spare\",\"name\":\"shared\",\"secret\":\"" + OTHER + "\"}");
      assertThat(added.status()).as(added.body()).isEqualTo(201);

      HttpResponse<String> served = await(secondUrl, r -> r.statusCode() == 200);
      assertThat(served.headers().firstValue("x-switchboard-key")).hasValue("shared");
      assertThat(bearer()).isEqualTo("Bearer " + OTHER);

      assertThat(admin.call("DELETE", "/admin/api/providers/keys/" + added.json().path("id").asLong(), null).status())
          .isEqualTo(204);
      assertThat(await(secondUrl, r -> r.statusCode() != 200).statusCode()).isEqualTo(503);
    }
  }

  /** Posts the chat to {@code base} until {@code done} holds (the other instance refreshes every 0.2 s). */
  static HttpResponse<String> await(String base, Predicate<HttpResponse<String>> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      HttpResponse<String> r = post(base);
      if (done.test(r) || System.nanoTime() > deadline) return r;
      Thread.sleep(50);
    }
  }

  @Test
  void bad_inputs_are_refused_naming_the_field_and_never_echo_the_secret() {
    Browser.Res unknown = admin.post("/admin/api/providers/keys",
        "{\"provider\":\"openai-nope\",\"name\":\"x\",\"secret\":\"" + FRESH + "\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error").path("param").asText()).isEqualTo("provider");
    assertThat(unknown.json().path("error").path("message").asText()).contains("oai", "anth", "gem", "spare");
    assertThat(unknown.body()).doesNotContain(FRESH);

    Browser.Res weight = admin.post("/admin/api/providers/keys",
        "{\"provider\":\"spare\",\"name\":\"w\",\"secret\":\"" + FRESH + "\",\"weight\":0}");
    assertThat(weight.status()).isEqualTo(400);
    assertThat(weight.json().path("error").path("param").asText()).isEqualTo("weight");

    Browser.Res clash = admin.post("/admin/api/providers/keys",
        "{\"provider\":\"spare\",\"name\":\"stale\",\"secret\":\"" + FRESH + "\"}");
    assertThat(clash.status()).isEqualTo(409);
    assertThat(clash.json().path("error").path("param").asText()).isEqualTo("name");
    assertThat(clash.body()).doesNotContain(FRESH);
  }

  private static HttpResponse<String> post(String base) {
    try {
      var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v1/chat/completions"))
          .timeout(Duration.ofSeconds(20)).header("content-type", "application/json")
          .header("authorization", "Bearer " + GatewayFixture.CLIENT_KEY)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(CHAT)).build();
      return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
