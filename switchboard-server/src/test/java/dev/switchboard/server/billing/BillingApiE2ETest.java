package dev.switchboard.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.server.Gateway;
import dev.switchboard.store.Database;
import dev.switchboard.store.accounts.KeyStore;
import dev.switchboard.store.accounts.TenantStore;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The money management APIs end to end on H2: recharge + signed webhook replay, vouchers, adjustments, usage, CSV. */
class BillingApiE2ETest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "whsec_test_0123456789abcdef";
  private static final String OTHER_KEY = "sk-sb-other-tenant-key-0123456789abcdef";

  record Res(int status, JsonNode json, String body) {}

  /** One HTTP client: a cookie jar (sessions) or a bearer key, plus the CSRF token once logged in. */
  static final class Client {
    final String base;
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .version(HttpClient.Version.HTTP_1_1).build();
    String bearer;
    String csrf;

    Client(String base, String bearer) {
      this.base = base;
      this.bearer = bearer;
    }

    Res call(String method, String path, String body, Map<String, String> headers) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
          .header("content-type", "application/json");
      if (bearer != null) b.header("authorization", "Bearer " + bearer);
      if (csrf != null) b.header("x-csrf-token", csrf);
      headers.forEach(b::header);
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode n = null;
      try {
        n = r.body().isEmpty() ? null : JSON.readTree(r.body());
      } catch (Exception e) {
        // CSV
      }
      return new Res(r.statusCode(), n, r.body());
    }

    Res get(String path) throws Exception { return call("GET", path, null, Map.of()); }

    Res post(String path, String body) throws Exception { return call("POST", path, body, Map.of()); }
  }

  @Test
  void tenants_recharge_redeem_and_see_usage_while_operators_settle_issue_and_reconcile() throws Exception {
    try (BillingHarness h = new BillingHarness(false).seed(BigDecimal.ZERO)) {
      long other;
      try (Database db = h.openNoMigrate()) {
        other = new TenantStore(db.dataSource()).create("other", null, Instant.now());
        new KeyStore(db.dataSource()).create(other, BillingHarness.sha256(OTHER_KEY), OTHER_KEY.substring(0, 10),
            new KeyStore.KeyFields("o", "all", List.of(), List.of(), "admin", null, null, null), Instant.now());
      }
      try (Gateway gw = Gateway.start(ConfigLoader.load(h.config("api", 0, ", webhook-secret: " + SECRET), Map.of()))) {
        Client tenant = new Client(gw.baseUrl(), BillingHarness.KEY);
        Client intruder = new Client(gw.baseUrl(), OTHER_KEY);
        Client admin = new Client(gw.baseUrl(), null);
        Res login = admin.post("/portal/api/login", "{\"email\":\"" + BillingHarness.ADMIN_EMAIL + "\",\"password\":\""
            + BillingHarness.ADMIN_PASSWORD + "\"}");
        assertThat(login.status()).isEqualTo(200);
        admin.csrf = login.json().path("csrf_token").asText();

        assertThat(tenant.get("/portal/api/balance").json().path("balance").asText()).isEqualTo("0.00");
        assertThat(tenant.post("/portal/api/chat-probe", "{}").status()).isEqualTo(404);
        // An empty balance: the request is refused before going upstream.
        assertThat(BillingHarness.chat(gw.baseUrl(), false).get().status()).isEqualTo(402);

        // Recharge: order, then the payment provider's signed notification, delivered twice.
        Res order = tenant.post("/portal/api/recharge/orders", "{\"amount\":\"10.00\"}");
        assertThat(order.status()).isEqualTo(201);
        long orderId = order.json().path("id").asLong();
        assertThat(order.json().path("status").asText()).isEqualTo("pending");
        String event = "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\",\"provider\":\"stripe\",\"order_id\":" + orderId
            + ",\"amount\":\"10.00\",\"payment_reference\":\"pi_123\"}";
        WebhookSignature signer = new WebhookSignature(SECRET, Duration.ofMinutes(5));
        Client provider = new Client(gw.baseUrl(), null);
        Map<String, String> signed = Map.of(WebhookSignature.HEADER, signer.sign(event.getBytes(StandardCharsets.UTF_8), Instant.now()));
        assertThat(provider.call("POST", "/portal/api/payments/webhook", event, signed).json().path("result").asText())
            .isEqualTo("credited");
        assertThat(provider.call("POST", "/portal/api/payments/webhook", event, signed).json().path("result").asText())
            .isEqualTo("duplicate");
        assertThat(provider.call("POST", "/portal/api/payments/webhook", event,
            Map.of(WebhookSignature.HEADER, "t=" + Instant.now().getEpochSecond() + ",v1=00ff")).status()).isEqualTo(401);
        assertThat(provider.call("POST", "/portal/api/payments/webhook", event.replace("10.00", "99.00"), signed).status())
            .as("a body that is not the signed one").isEqualTo(401);
        assertThat(tenant.get("/portal/api/balance").json().path("balance").asText()).isEqualTo("10.00");
        Res receipt = tenant.get("/portal/api/recharge/orders/" + orderId + "/receipt");
        assertThat(receipt.json().path("amount").asText()).isEqualTo("10.00");
        assertThat(receipt.json().path("payment_reference").asText()).isEqualTo("pi_123");
        assertThat(intruder.get("/portal/api/recharge/orders/" + orderId).status()).as("another tenant's order").isEqualTo(404);

        // An order the operator marks paid by hand (bank transfer).
        long second = tenant.post("/portal/api/recharge/orders", "{\"amount\":\"2\"}").json().path("id").asLong();
        assertThat(tenant.post("/admin/api/orders/" + second + "/mark-paid", "{}").status()).isEqualTo(403);
        assertThat(admin.post("/admin/api/orders/" + second + "/mark-paid", "{\"payment_reference\":\"wire-7\"}")
            .json().path("status").asText()).isEqualTo("paid");
        assertThat(admin.post("/admin/api/orders/" + second + "/mark-paid", "{}").status()).isEqualTo(409);

        // Vouchers: issued once, redeemed once.
        Res voucher = admin.post("/admin/api/vouchers", "{\"amount\":\"5\",\"max_uses\":1,\"note\":\"welcome\"}");
        assertThat(voucher.status()).isEqualTo(201);
        String code = voucher.json().path("code").asText();
        assertThat(tenant.post("/portal/api/vouchers/redeem", "{\"code\":\"" + code + "\"}").json().path("balance").asText())
            .isEqualTo("17.00");
        assertThat(intruder.post("/portal/api/vouchers/redeem", "{\"code\":\"" + code + "\"}").status()).isEqualTo(409);
        assertThat(admin.get("/admin/api/vouchers").body()).doesNotContain(code);

        // An operator adjustment, then a served request.
        assertThat(admin.post("/admin/api/tenants/" + h.tenantId + "/adjustments",
            "{\"amount\":\"-1.5\",\"reason\":\"goodwill reversal\"}").status()).isEqualTo(201);
        BillingHarness.Result served = BillingHarness.chat(gw.baseUrl(), false).get();
        assertThat(served.status()).isEqualTo(200);
        assertThat(gw.billing().awaitWritten(Duration.ofSeconds(10))).as("charges written").isTrue();
        assertThat(tenant.get("/portal/api/balance").json().path("balance").asText()).isEqualTo("15.49999");

        Res usage = tenant.get("/portal/api/usage?group_by=model");
        assertThat(usage.json().at("/data/0/model").asText()).isEqualTo("pub-chat");
        assertThat(usage.json().at("/data/0/requests").asLong()).isEqualTo(1);
        assertThat(usage.json().at("/data/0/output_tokens").asLong()).isEqualTo(4);
        assertThat(usage.json().path("total_cost").asText()).isEqualTo("0.00001");
        assertThat(tenant.get("/portal/api/usage?group_by=day").json().at("/data/0/requests").asLong()).isEqualTo(1);
        assertThat(tenant.get("/portal/api/usage?group_by=key").json().at("/data/0/key").asText())
            .isEqualTo(String.valueOf(h.keyId));
        assertThat(tenant.get("/portal/api/exports/usage.csv").body()).contains(served.requestId());
        String ledgerCsv = tenant.get("/portal/api/exports/ledger.csv").body();
        assertThat(ledgerCsv).contains("recharge,10.0000000000").contains("voucher,5.0000000000")
            .contains("adjustment,-1.5000000000").contains("usage,-0.0000100000");
        assertThat(intruder.get("/portal/api/exports/ledger.csv").body()).doesNotContain("recharge");
        assertThat(tenant.get("/portal/api/records").json().path("data").size()).isEqualTo(5);

        Res rec = admin.post("/admin/api/reconciliation", "{}");
        assertThat(rec.json().path("ok").asBoolean()).isTrue();
        assertThat(admin.get("/admin/api/usage?group_by=tenant").json().at("/data/0/tenant").asText())
            .isEqualTo(String.valueOf(h.tenantId));
        assertThat(admin.get("/admin/api/exports/usage.csv").body()).contains(served.requestId());
        assertThat(tenant.get("/admin/api/balances").status()).isEqualTo(403);
        assertThat(tenant.post("/portal/api/recharge/orders", "{\"amount\":\"-5\"}").json().at("/error/param").asText())
            .isEqualTo("amount");
        assertThat(tenant.post("/portal/api/recharge/orders", "{\"amount\":\"1'; DROP TABLE ledger_entries;--\"}").status())
            .isEqualTo(400);
      }
    }
  }

  @Test
  void resellers_see_and_export_the_money_of_their_own_tenants_only_and_cannot_create_money() throws Exception {
    try (BillingHarness h = new BillingHarness(false).seed(new BigDecimal("3"))) {
      try (Gateway gw = Gateway.start(ConfigLoader.load(h.config("resell", 0, ""), Map.of()))) {
        Client admin = login(gw, BillingHarness.ADMIN_EMAIL, BillingHarness.ADMIN_PASSWORD);
        assertThat(admin.post("/admin/api/resellers", "{\"name\":\"Agent\",\"email\":\"agent@resell.test\","
            + "\"password\":\"agent-password-123\"}").status()).isEqualTo(201);
        Client agent = login(gw, "agent@resell.test", "agent-password-123");
        Res created = agent.post("/admin/api/tenants", "{\"name\":\"Agent's customer\"}");
        assertThat(created.status()).isEqualTo(201);
        long mine = created.json().path("id").asLong();
        assertThat(admin.post("/admin/api/tenants/" + mine + "/adjustments", "{\"amount\":\"7\",\"reason\":\"prepaid\"}")
            .status()).isEqualTo(201);
        long theirs = h.tenantId;

        Res balances = agent.get("/admin/api/balances");
        assertThat(balances.status()).isEqualTo(200);
        assertThat(balances.json().path("data")).hasSize(1);
        assertThat(balances.json().at("/data/0/tenant_id").asLong()).isEqualTo(mine);
        assertThat(agent.get("/admin/api/tenants/" + mine + "/balance").json().path("balance").asText()).isEqualTo("7.00");
        assertThat(agent.get("/admin/api/tenants/" + mine + "/records").json().path("data")).hasSize(1);
        assertThat(agent.get("/admin/api/tenants/" + theirs + "/balance").status()).isEqualTo(404);
        assertThat(agent.get("/admin/api/tenants/" + theirs + "/records").status()).isEqualTo(404);
        assertThat(agent.get("/admin/api/usage?tenant_id=" + theirs).status()).isEqualTo(404);
        assertThat(agent.get("/admin/api/orders?tenant_id=" + theirs).status()).isEqualTo(404);
        assertThat(agent.get("/admin/api/exports/ledger.csv").body()).contains("prepaid").doesNotContain("test credit");
        assertThat(admin.get("/admin/api/exports/ledger.csv").body()).contains("prepaid").contains("test credit");
        assertThat(agent.get("/admin/api/balances").body()).doesNotContain("\"tenant_id\":" + theirs);
        // Money is created by platform admins only.
        assertThat(agent.post("/admin/api/tenants/" + mine + "/adjustments", "{\"amount\":\"100\",\"reason\":\"x\"}")
            .status()).isEqualTo(403);
        assertThat(agent.post("/admin/api/vouchers", "{\"amount\":\"5\"}").status()).isEqualTo(403);
        assertThat(agent.post("/admin/api/reconciliation", "{}").status()).isEqualTo(403);
      }
    }
  }

  private static Client login(Gateway gw, String email, String password) throws Exception {
    Client c = new Client(gw.baseUrl(), null);
    Res login = c.post("/portal/api/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    assertThat(login.status()).isEqualTo(200);
    c.csrf = login.json().path("csrf_token").asText();
    return c;
  }
}
