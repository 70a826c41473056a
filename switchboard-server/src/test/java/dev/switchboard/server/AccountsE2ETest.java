package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.store.accounts.KeyStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Accounts and access end to end: sessions, CSRF, throttling, tenant keys through the SDK, scope, isolation. */
class AccountsE2ETest {
  static final String ADMIN = "admin@example.com";
  static final String ADMIN_PW = "admin-password-123";
  static final String MASTER = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  static GatewayFixture fx;
  static ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeAll
  static void start() {
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    fx = new GatewayFixture("""
        accounts: {bootstrap-admin-email: %s, bootstrap-admin-password: "%s", key-cache-refresh: PT0.2S, login-max-failures: 3, login-lockout: PT30S, master-key: "%s"}
        catalog:
          - {name: fast-chat, route: oai/gpt-test, description: Fast, prices: {input: 0.2, output: 0.8, cached-read: 0.1}}
          - {name: smart-chat, route: anth/claude-test, prices: {input: 3, output: 15}}
        billing: {enabled: false}  # access control only here; prepaid billing is tested in server/billing
        """.formatted(ADMIN, ADMIN_PW, MASTER));
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    fx.close();
  }

  static int tenants;

  /** A fresh tenant (signed up) with its owner's browser. */
  static Browser tenant() {
    Browser b = new Browser(fx.baseUrl());
    int n = ++tenants;
    assertThat(b.signup("owner" + n + "-" + System.nanoTime() + "@t.example", "password-" + n + "-long", "Tenant " + n).status())
        .isEqualTo(201);
    return b;
  }

  static String createKey(Browser b, String body) {
    Browser.Res r = b.post("/portal/api/keys", body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("secret").asText();
  }

  static OpenAIClient sdk(String key) {
    return OpenAIOkHttpClient.builder().baseUrl(fx.baseUrl() + "/v1").apiKey(key).maxRetries(0)
        .timeout(Duration.ofSeconds(20)).build();
  }

  static ChatCompletionCreateParams ask(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("hi").build();
  }

  @Test
  void signup_login_logout_and_password_change() {
    Browser b = new Browser(fx.baseUrl());
    assertThat(b.signup("Alice@Example.com", "alice-password-1", "Alice Co").status()).isEqualTo(201);
    Browser.Res me = b.get("/portal/api/me");
    assertThat(me.json().path("user").path("email").asText()).isEqualTo("alice@example.com");
    assertThat(me.json().path("role").asText()).isEqualTo("owner");
    assertThat(me.raw().headers().allValues("set-cookie")).isEmpty();
    assertThat(b.signup("alice@example.com", "alice-password-1", "Again").status()).isEqualTo(409);

    assertThat(b.post("/portal/api/logout", "{}").status()).isEqualTo(204);
    assertThat(b.get("/portal/api/me").status()).isEqualTo(401);

    Browser.Res login = b.login("alice@example.com", "alice-password-1");
    assertThat(login.status()).isEqualTo(200);
    assertThat(String.join("\n", login.raw().headers().allValues("set-cookie")))
        .contains("sb_session=").contains("HttpOnly").contains("SameSite=Strict");
    assertThat(b.post("/portal/api/password", "{\"current_password\":\"wrong-password-x\",\"new_password\":\"alice-password-2\"}").status())
        .isEqualTo(400);
    assertThat(b.post("/portal/api/password", "{\"current_password\":\"alice-password-1\",\"new_password\":\"alice-password-2\"}").status())
        .isEqualTo(204);
    assertThat(b.get("/portal/api/me").status()).as("sessions end with a password change").isEqualTo(401);
    assertThat(b.login("alice@example.com", "alice-password-1").status()).isEqualTo(401);
    assertThat(b.login("alice@example.com", "alice-password-2").status()).isEqualTo(200);
  }

  @Test
  void state_changing_calls_need_the_csrf_token_of_the_session() {
    Browser b = tenant();
    Browser.Res without = b.call("POST", "/portal/api/keys", "{\"name\":\"k\"}", false);
    assertThat(without.status()).isEqualTo(403);
    assertThat(without.json().path("error").path("code").asText()).isEqualTo("csrf_token_invalid");
    String good = b.csrf;
    b.csrf = "forged-token";
    assertThat(b.post("/portal/api/keys", "{\"name\":\"k\"}").status()).isEqualTo(403);
    b.csrf = good;
    assertThat(b.post("/portal/api/keys", "{\"name\":\"k\"}").status()).isEqualTo(201);
    assertThat(b.call("GET", "/portal/api/keys", null, false).status()).as("reads need no token").isEqualTo(200);
  }

  @Test
  void an_unknown_email_is_answered_like_a_wrong_password() {
    String known = "known-" + System.nanoTime() + "@example.com";
    assertThat(new Browser(fx.baseUrl()).signup(known, "known-password-1", "Known").status()).isEqualTo(201);
    Browser.Res unknown = new Browser(fx.baseUrl()).login("unknown-" + System.nanoTime() + "@example.com", "any-password-1");
    Browser.Res wrong = new Browser(fx.baseUrl()).login(known, "wrong-password-2");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.json().path("error").path("message").asText()).isEqualTo("Wrong email or password");
    assertThat(wrong.json()).isEqualTo(unknown.json());
  }

  @Test
  void logins_are_throttled_after_repeated_failures_even_with_the_right_password_then() {
    Browser b = new Browser(fx.baseUrl());
    assertThat(b.signup("bruteforced@example.com", "right-password-1", "Victim").status()).isEqualTo(201);
    Browser attacker = new Browser(fx.baseUrl());
    for (int i = 0; i < 3; i++) assertThat(attacker.login("bruteforced@example.com", "guess-" + i + "-xxxxx").status()).isEqualTo(401);
    Browser.Res locked = attacker.login("bruteforced@example.com", "right-password-1");
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.json().path("error").path("type").asText()).isEqualTo("rate_limit_error");
  }

  @Test
  void key_is_shown_once_and_works_with_the_openai_sdk_and_the_request_log_records_the_tenant() throws Exception {
    Browser b = tenant();
    Browser.Res created = b.post("/portal/api/keys", "{\"name\":\"prod\"}");
    String secret = created.json().path("secret").asText();
    long keyId = created.json().path("key").path("id").asLong();
    assertThat(secret).startsWith("sk-sb-");
    assertThat(b.get("/portal/api/keys").body()).doesNotContain(secret);
    assertThat(b.get("/portal/api/keys/" + keyId).body()).doesNotContain(secret);

    ChatCompletion c = sdk(secret).chat().completions().create(ask("fast-chat"));
    assertThat(c.choices().get(0).message().content()).contains("Hello from openai fake");
    assertThat(fx.fake.lastRequest().bodyJson().path("model").asText()).isEqualTo("gpt-test");
    long tenant = b.get("/portal/api/me").json().path("tenant_id").asLong();
    var repo = new dev.switchboard.store.RequestLogRepository(fx.gateway.database().dataSource());
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    dev.switchboard.store.RequestRecord row = null;
    while (row == null && System.nanoTime() < deadline) {
      row = repo.recent(50).stream().filter(r -> Long.valueOf(keyId).equals(r.keyId())).findFirst().orElse(null);
      if (row == null) Thread.sleep(20);
    }
    assertThat(row).isNotNull();
    assertThat(row.tenantId()).isEqualTo(tenant);
    assertThat(row.clientKey()).isEqualTo("prod");
    assertThat(row.requestedModel()).isEqualTo("fast-chat");
  }

  @Test
  void a_model_outside_the_scope_gets_403_in_the_callers_protocol() {
    Browser b = tenant();
    String key = createKey(b, "{\"name\":\"only-fast\",\"scope\":\"selected\",\"models\":[\"fast-chat\"]}");
    assertThatThrownBy(() -> sdk(key).chat().completions().create(ask("smart-chat")))
        .isInstanceOf(PermissionDeniedException.class);
    var openAi = fx.post("/v1/chat/completions", "application/json",
        "{\"model\":\"smart-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", key);
    assertThat(openAi.statusCode()).isEqualTo(403);
    assertThat(openAi.body()).contains("\"type\":\"permission_error\"").contains("smart-chat");
    var anthropic = fx.post("/v1/messages", "application/json",
        "{\"model\":\"smart-chat\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", key);
    assertThat(anthropic.statusCode()).isEqualTo(403);
    assertThat(anthropic.body()).contains("\"type\":\"error\"").contains("\"permission_error\"");
    // Upstream names are not callable with a tenant key, and routing headers cannot bypass the catalog.
    assertThat(fx.post("/v1/chat/completions", "application/json",
        "{\"model\":\"oai/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", key).statusCode()).isEqualTo(404);
    assertThat(sdk(key).chat().completions().create(ask("fast-chat")).choices()).hasSize(1);
    String fixed = createKey(b, "{\"name\":\"fixed\",\"scope\":\"fixed\",\"models\":[\"smart-chat\"],\"allowed_endpoints\":[\"/v1/messages\"]}");
    assertThat(fx.post("/v1/chat/completions", "application/json",
        "{\"model\":\"smart-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", fixed).statusCode())
        .as("endpoint not allowed").isEqualTo(403);
  }

  @Test
  void models_lists_only_the_public_names_in_the_keys_scope() throws Exception {
    Browser b = tenant();
    String all = createKey(b, "{\"name\":\"all\"}");
    String one = createKey(b, "{\"name\":\"one\",\"scope\":\"fixed\",\"models\":[\"smart-chat\"]}");
    var list = Browser.JSON.readTree(fx.get("/v1/models", all).body());
    List<String> ids = new ArrayList<>();
    list.path("data").forEach(m -> ids.add(m.path("id").asText()));
    assertThat(ids).containsExactlyInAnyOrder("fast-chat", "smart-chat");
    assertThat(fx.get("/v1/models", all).body()).doesNotContain("oai").doesNotContain("gpt-test");
    assertThat(Browser.JSON.readTree(fx.get("/v1/models", one).body()).path("data")).hasSize(1);
    assertThat(fx.get("/v1/models/fast-chat", one).statusCode()).isEqualTo(404);
    assertThat(fx.get("/v1/models", GatewayFixture.CLIENT_KEY).body()).contains("oai/gpt-test");
  }

  @Test
  void revoked_and_disabled_keys_get_401_at_once_here_and_within_the_refresh_bound_elsewhere() throws Exception {
    Browser b = tenant();
    Browser.Res created = b.post("/portal/api/keys", "{\"name\":\"soon-gone\"}");
    String key = created.json().path("secret").asText();
    long id = created.json().path("key").path("id").asLong();
    assertThat(sdk(key).chat().completions().create(ask("fast-chat")).choices()).hasSize(1);
    assertThat(b.call("PATCH", "/portal/api/keys/" + id, "{\"status\":\"disabled\"}").status()).isEqualTo(200);
    assertThatThrownBy(() -> sdk(key).chat().completions().create(ask("fast-chat"))).isInstanceOf(UnauthorizedException.class);
    assertThat(b.call("PATCH", "/portal/api/keys/" + id, "{\"status\":\"active\"}").status()).isEqualTo(200);
    assertThat(sdk(key).chat().completions().create(ask("fast-chat")).choices()).hasSize(1);

    // Another instance revokes it: only the database changes; this instance's poll picks it up.
    long tenant = b.get("/portal/api/me").json().path("tenant_id").asLong();
    new KeyStore(fx.gateway.database().dataSource()).setStatus(tenant, id, "revoked", Instant.now());
    long start = System.nanoTime();
    int status = 200;
    while (System.nanoTime() - start < Duration.ofSeconds(3).toNanos()) {
      status = fx.post("/v1/chat/completions", "application/json",
          "{\"model\":\"fast-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", key).statusCode();
      if (status == 401) break;
      Thread.sleep(20);
    }
    assertThat(status).isEqualTo(401);
    // key-cache-refresh is 0.2 s here: the documented bound is one refresh interval plus one query.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void per_key_rate_limit_answers_429() {
    Browser b = tenant();
    String key = createKey(b, "{\"name\":\"slow\",\"rate_limit_per_minute\":2}");
    String body = "{\"model\":\"fast-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    assertThat(fx.post("/v1/chat/completions", "application/json", body, key).statusCode()).isEqualTo(200);
    assertThat(fx.post("/v1/chat/completions", "application/json", body, key).statusCode()).isEqualTo(200);
    var third = fx.post("/v1/chat/completions", "application/json", body, key);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("retry-after")).isPresent();
  }

  /** Every tenant-facing endpoint with tenant B's ids: A's session and A's admin key must neither see nor change. */
  @Test
  void tenant_a_can_read_or_change_nothing_of_tenant_b_through_any_endpoint() {
    Browser a = tenant();
    Browser bOwner = tenant();
    Browser.Res bKey = bOwner.post("/portal/api/keys", "{\"name\":\"b-key\"}");
    long bKeyId = bKey.json().path("key").path("id").asLong();
    long bTenant = bOwner.get("/portal/api/me").json().path("tenant_id").asLong();
    Browser.Res bUser = bOwner.post("/portal/api/users", "{\"email\":\"member-b-" + System.nanoTime() + "@t.example\",\"password\":\"member-password-1\"}");
    assertThat(bUser.status()).isEqualTo(201);
    long bUserId = bUser.json().path("id").asLong();
    String aKey = createKey(a, "{\"name\":\"a-admin\",\"role\":\"admin\"}");
    Browser aByKey = Browser.withKey(fx.baseUrl(), aKey);

    record Probe(String method, String path, String body) {}
    List<Probe> probes = List.of(
        new Probe("GET", "/portal/api/keys/" + bKeyId, null),
        new Probe("PATCH", "/portal/api/keys/" + bKeyId, "{\"name\":\"stolen\",\"status\":\"disabled\"}"),
        new Probe("DELETE", "/portal/api/keys/" + bKeyId, null),
        new Probe("PATCH", "/portal/api/users/" + bUserId, "{\"role\":\"read_only\"}"),
        new Probe("DELETE", "/portal/api/users/" + bUserId, null),
        new Probe("GET", "/admin/api/tenants", null),
        new Probe("POST", "/admin/api/tenants", "{\"name\":\"x\"}"),
        new Probe("GET", "/admin/api/tenants/" + bTenant, null),
        new Probe("PATCH", "/admin/api/tenants/" + bTenant, "{\"status\":\"suspended\"}"),
        new Probe("GET", "/admin/api/tenants/" + bTenant + "/users", null),
        new Probe("GET", "/admin/api/tenants/" + bTenant + "/keys", null),
        new Probe("PATCH", "/admin/api/tenants/" + bTenant + "/keys/" + bKeyId, "{\"status\":\"disabled\"}"),
        new Probe("DELETE", "/admin/api/tenants/" + bTenant + "/keys/" + bKeyId, null),
        new Probe("GET", "/admin/api/resellers", null),
        new Probe("POST", "/admin/api/resellers", "{\"name\":\"r\"}"),
        new Probe("GET", "/admin/api/catalog", null),
        new Probe("PUT", "/admin/api/catalog/fast-chat", "{\"route\":\"anth/claude-test\"}"),
        new Probe("DELETE", "/admin/api/catalog/fast-chat", null),
        new Probe("GET", "/admin/api/providers/keys", null),
        new Probe("POST", "/admin/api/providers/keys", "{\"provider\":\"oai\",\"name\":\"x\",\"secret\":\"s\"}"),
        new Probe("DELETE", "/admin/api/providers/keys/1", null));
    for (Browser caller : List.of(a, aByKey)) {
      for (Probe p : probes) {
        Browser.Res r = caller.call(p.method(), p.path(), p.body());
        assertThat(r.status()).as(p.method() + " " + p.path() + " -> " + r.body()).isIn(403, 404);
      }
    }
    // Their own lists never contain B's things.
    assertThat(a.get("/portal/api/keys").body()).doesNotContain("b-key");
    assertThat(a.get("/portal/api/users").body()).doesNotContain("member-b-");
    // B's things are unchanged.
    Browser.Res after = bOwner.get("/portal/api/keys/" + bKeyId);
    assertThat(after.json().path("status").asText()).isEqualTo("active");
    assertThat(after.json().path("name").asText()).isEqualTo("b-key");
    assertThat(bOwner.get("/portal/api/users").body()).contains("\"member\"");
    assertThat(bOwner.get("/portal/api/me").json().path("tenant").path("status").asText()).isEqualTo("active");
  }

  @Test
  void a_suspended_tenants_keys_are_refused_with_403_until_it_is_resumed() {
    Browser b = tenant();
    String key = createKey(b, "{\"name\":\"pausable\"}");
    long tenantId = b.get("/portal/api/me").json().path("tenant_id").asLong();
    String body = "{\"model\":\"fast-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    assertThat(fx.post("/v1/chat/completions", "application/json", body, key).statusCode()).isEqualTo(200);

    Browser admin = new Browser(fx.baseUrl());
    assertThat(admin.login(ADMIN, ADMIN_PW).status()).isEqualTo(200);
    assertThat(admin.call("PATCH", "/admin/api/tenants/" + tenantId, "{\"status\":\"suspended\"}").status()).isEqualTo(200);
    var refused = fx.post("/v1/chat/completions", "application/json", body, key);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("suspended");

    assertThat(admin.call("PATCH", "/admin/api/tenants/" + tenantId, "{\"status\":\"active\"}").status()).isEqualTo(200);
    assertThat(fx.post("/v1/chat/completions", "application/json", body, key).statusCode()).isEqualTo(200);
  }

  @Test
  void admin_manages_tenants_resellers_catalog_and_resellers_see_only_their_tenants() {
    Browser admin = new Browser(fx.baseUrl());
    assertThat(admin.login(ADMIN, ADMIN_PW).status()).isEqualTo(200);
    Browser.Res reseller = admin.post("/admin/api/resellers", "{\"name\":\"Agent\",\"email\":\"agent@example.com\",\"password\":\"agent-password-1\"}");
    assertThat(reseller.status()).as(reseller.body()).isEqualTo(201);
    long resellerId = reseller.json().path("id").asLong();
    Browser.Res t1 = admin.post("/admin/api/tenants", "{\"name\":\"Resold\",\"reseller_id\":" + resellerId + "}");
    Browser.Res t2 = admin.post("/admin/api/tenants", "{\"name\":\"Direct\"}");
    assertThat(t1.status()).isEqualTo(201);
    assertThat(admin.call("PATCH", "/admin/api/tenants/" + t1.json().path("id").asLong(), "{\"price_multiplier\":0.8}").status()).isEqualTo(200);

    Browser agent = new Browser(fx.baseUrl());
    assertThat(agent.login("agent@example.com", "agent-password-1").status()).isEqualTo(200);
    String listed = agent.get("/admin/api/tenants").body();
    assertThat(listed).contains("Resold").doesNotContain("Direct");
    assertThat(agent.get("/admin/api/tenants/" + t2.json().path("id").asLong()).status()).isEqualTo(404);
    assertThat(agent.call("PATCH", "/admin/api/tenants/" + t1.json().path("id").asLong(), "{\"price_multiplier\":0.1}").status())
        .as("multipliers are the platform's").isEqualTo(403);

    Browser.Res put = admin.call("PUT", "/admin/api/catalog/cheap-chat", "{\"route\":\"oai/gpt-test\",\"prices\":{\"input\":\"0.05\",\"output\":0.1}}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(admin.call("PUT", "/admin/api/catalog/broken", "{\"route\":\"nowhere/none\"}").status()).isEqualTo(400);
    assertThat(fx.gateway.accounts().catalog().prices("cheap-chat").orElseThrow().input()).isEqualByComparingTo("0.05");
    assertThat(fx.gateway.accounts().catalog().multiplier(t1.json().path("id").asLong())).isEqualByComparingTo("0.8");
    assertThat(admin.call("DELETE", "/admin/api/catalog/cheap-chat", null).status()).isEqualTo(204);
    assertThat(fx.gateway.accounts().catalog().model("cheap-chat")).isEmpty();
  }

  @Test
  void provider_keys_added_by_admins_are_stored_encrypted() throws Exception {
    Browser admin = new Browser(fx.baseUrl());
    admin.login(ADMIN, ADMIN_PW);
    String secret = "sk-provider-secret-" + System.nanoTime();
    Browser.Res r = admin.post("/admin/api/providers/keys", "{\"provider\":\"oai\",\"name\":\"extra-" + System.nanoTime() + "\",\"secret\":\"" + secret + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.body()).doesNotContain(secret);
    assertThat(admin.get("/admin/api/providers/keys").body()).doesNotContain(secret);
    assertThat(dump()).doesNotContain(secret);
  }

  @Test
  void sql_injection_payloads_in_text_fields_are_plain_data() {
    List<String> payloads = List.of("x' OR '1'='1", "'; DROP TABLE users; --", "\" OR 1=1 --", "a'); DELETE FROM api_keys; --");
    Browser b = tenant();
    for (String p : payloads) {
      assertThat(new Browser(fx.baseUrl()).login(p + "@x.example", p).status()).isIn(400, 401);
      assertThat(b.post("/portal/api/keys", "{\"name\":" + Browser.q(p) + "}").status()).isEqualTo(201);
      assertThat(new Browser(fx.baseUrl()).signup("inj" + System.nanoTime() + "@x.example", "password-long-1", p).status()).isEqualTo(201);
    }
    List<String> names = new ArrayList<>();
    b.get("/portal/api/keys").json().path("data").forEach(k -> names.add(k.path("name").asText()));
    assertThat(names).containsExactlyElementsOf(payloads);
    assertThat(b.get("/portal/api/me").status()).as("users table intact").isEqualTo(200);
    assertThat(b.get("/portal/api/keys").json().path("data")).hasSize(payloads.size());
  }

  @Test
  void passwords_and_keys_are_never_stored_or_logged_in_clear() throws Exception {
    Browser b = new Browser(fx.baseUrl());
    String password = "very-secret-password-" + System.nanoTime();
    b.signup("clear-" + System.nanoTime() + "@example.com", password, "Clear");
    String key = createKey(b, "{\"name\":\"k\"}");
    sdk(key).chat().completions().create(ask("fast-chat"));
    fx.post("/v1/chat/completions", "application/json", "{\"model\":\"nope\",\"messages\":[]}", key);
    new Browser(fx.baseUrl()).login("nobody@example.com", password);
    // The request-log rows of these calls must be in the dump: wait until the writer has nothing pending.
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (fx.gateway.requestLog().pending() > 0 && System.nanoTime() < deadline) Thread.onSpinWait();
    assertThat(fx.gateway.requestLog().pending()).isZero();
    String db = dump();
    assertThat(db).doesNotContain(password).doesNotContain(key).doesNotContain(key.substring(10));
    assertThat(db).contains("$argon2id$");
    String logged = String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    assertThat(logged).doesNotContain(password).doesNotContain(key).doesNotContain(ADMIN_PW);
  }

  /** Every row of every table as text. */
  static String dump() throws Exception {
    StringBuilder sb = new StringBuilder();
    try (Connection c = fx.gateway.database().dataSource().getConnection()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
        while (rs.next()) tables.add(rs.getString("TABLE_NAME"));
      }
      assertThat(tables).contains("users", "api_keys", "sessions", "provider_secrets");
      for (String t : tables) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + t)) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) for (int i = 1; i <= n; i++) sb.append(rs.getString(i)).append('|');
        }
      }
    }
    return sb.toString();
  }

}
