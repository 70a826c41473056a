package dev.switchboard.server.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.billing.Money;
import dev.switchboard.server.manage.ApiException;
import dev.switchboard.server.manage.Caller;
import dev.switchboard.server.manage.ManagementJson;
import dev.switchboard.server.manage.ManagementModule;
import dev.switchboard.server.manage.ManagementRequest;
import dev.switchboard.server.manage.ManagementRouter;
import dev.switchboard.server.manage.Reply;
import dev.switchboard.store.money.LedgerEntry;
import dev.switchboard.store.money.LedgerKind;
import dev.switchboard.store.money.MoneyException;
import dev.switchboard.store.money.PaymentEvents;
import dev.switchboard.store.money.RechargeOrder;
import dev.switchboard.store.money.RechargeOrders;
import dev.switchboard.store.money.TenantFilter;
import dev.switchboard.store.money.UsageReports;
import dev.switchboard.store.accounts.TenantStore;
import dev.switchboard.store.money.Voucher;
import dev.switchboard.store.money.Vouchers;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The money endpoints. Tenants ({@code /portal/api}): balance, recharge orders and receipts, ledger records,
 * voucher redemption, usage by model/key/day, CSV exports. Operators ({@code /admin/api}, platform admins): orders
 * and marking them paid, vouchers, reconciliation, balances and adjustments, usage across tenants. The payment
 * webhook is unauthenticated but HMAC-signed. Money travels as decimal strings (exact), never JSON floats.
 */
public final class BillingModule implements ManagementModule {
  private final Billing billing;
  private final Clock clock;
  private final RechargeOrders orders;
  private final PaymentEvents payments;
  private final Vouchers vouchers;
  private final UsageReports reports;
  private final TenantStore tenants;
  private final WebhookSignature signature;

  public BillingModule(Billing billing, javax.sql.DataSource ds, Clock clock) {
    this.billing = billing;
    this.clock = clock;
    if (billing == null) {
      // Routes only (the OpenAPI coverage test lists them without a database).
      this.orders = null;
      this.payments = null;
      this.vouchers = null;
      this.reports = null;
      this.tenants = null;
      this.signature = null;
      return;
    }
    var s = billing.settings();
    this.orders = new RechargeOrders(billing.ledger(), s.orderTtl(), s.currency());
    this.payments = new PaymentEvents(orders, billing.ledger());
    this.vouchers = new Vouchers(billing.ledger());
    this.reports = new UsageReports(ds);
    this.tenants = new TenantStore(ds);
    this.signature = s.webhookSecret() == null ? null : new WebhookSignature(s.webhookSecret(), s.webhookTolerance());
  }

  @Override
  public void mount(ManagementRouter r) {
    r.get("/portal/api/balance", q -> balance(q.caller().requireTenant()));
    r.post("/portal/api/recharge/orders", q -> money(() -> {
      long t = q.caller().requireTenantWriter();
      return Reply.json(201, order(orders.create(t, amount(q, "amount"))));
    }));
    r.get("/portal/api/recharge/orders", q -> {
      long t = q.caller().requireTenant();
      return list(orders.list(TenantFilter.of(t), status(q), limit(q)).stream().map(BillingModule::order).toList());
    });
    r.get("/portal/api/recharge/orders/{id}", q -> money(() -> order(orders.get(q.longParam("id"), q.caller().requireTenant()))));
    r.post("/portal/api/recharge/orders/{id}/cancel", q -> money(() ->
        order(orders.cancel(q.longParam("id"), q.caller().requireTenantWriter()))));
    r.get("/portal/api/recharge/orders/{id}/receipt", q -> money(() -> receipt(orders.get(q.longParam("id"), q.caller().requireTenant()))));
    r.get("/portal/api/records", q -> {
      long t = q.caller().requireTenant();
      return list(billing.ledger().entries(t, from(q, null), to(q, null), limit(q)).stream().map(BillingModule::entry).toList());
    });
    r.post("/portal/api/vouchers/redeem", q -> money(() -> {
      Caller c = q.caller();
      long t = c.requireTenantWriter();
      LedgerEntry e = vouchers.redeem(t, q.text("code"), actor(c));
      ObjectNode out = entry(e);
      out.put("balance", Money.text(e.balanceAfter()));
      return out;
    }));
    r.get("/portal/api/usage", q -> usage(TenantFilter.of(q.caller().requireTenant()), q, UsageReports.GroupBy.MODEL));
    r.get("/portal/api/exports/usage.csv", q -> usageCsv(TenantFilter.of(q.caller().requireTenant()), q));
    r.get("/portal/api/exports/ledger.csv", q -> ledgerCsv(TenantFilter.of(q.caller().requireTenant()), q));
    r.post("/portal/api/payments/webhook", this::webhook);

    r.get("/admin/api/orders", q -> {
      return list(orders.list(operatorScope(q), status(q), limit(q)).stream().map(BillingModule::order).toList());
    });
    r.post("/admin/api/orders/{id}/mark-paid", q -> money(() -> {
      Caller c = admin(q);
      String ref = q.optionalText("payment_reference");
      return order(orders.markPaid(q.longParam("id"), null, "manual", ref, actor(c)));
    }));
    r.get("/admin/api/vouchers", q -> {
      admin(q);
      return list(vouchers.list(limit(q)).stream().map(BillingModule::voucher).toList());
    });
    r.post("/admin/api/vouchers", q -> money(() -> {
      Caller c = admin(q);
      Integer uses = q.optionalInt("max_uses");
      Instant expires = instant(q.optionalText("expires_at"), "expires_at");
      Vouchers.Issued issued = vouchers.issue(amount(q, "amount"), uses == null ? 1 : uses, expires,
          q.optionalText("note"), actor(c));
      ObjectNode out = voucher(issued.voucher());
      out.put("code", issued.code());
      return Reply.json(201, out);
    }));
    r.post("/admin/api/vouchers/{id}/disable", q -> money(() -> {
      admin(q);
      return voucher(vouchers.disable(q.longParam("id")));
    }));
    r.post("/admin/api/reconciliation", q -> {
      admin(q);
      var rec = billing.ledger().reconcile();
      orders.expireDue();
      ObjectNode out = ManagementRequest.object();
      out.put("ran_at", rec.ranAt().toString()).put("tenants", rec.tenants()).put("ok", rec.ok());
      ArrayNode m = out.putArray("mismatches");
      rec.mismatches().forEach(m::add);
      return out;
    });
    r.get("/admin/api/balances", q -> {
      ArrayNode data = ManagementJson.MAPPER.createArrayNode();
      for (var b : billing.ledger().balances(operatorScope(q))) {
        data.addObject().put("tenant_id", b.tenantId()).put("balance", Money.text(b.balance()))
            .put("leased", Money.text(b.leased())).put("updated_at", String.valueOf(b.updatedAt()));
      }
      return wrap(data);
    });
    r.get("/admin/api/tenants/{id}/balance", q -> {
      return balance(operatorTenant(q));
    });
    r.get("/admin/api/tenants/{id}/records", q -> {
      return list(billing.ledger().entries(operatorTenant(q), from(q, null), to(q, null), limit(q)).stream()
          .map(BillingModule::entry).toList());
    });
    r.post("/admin/api/tenants/{id}/adjustments", q -> money(() -> {
      Caller c = admin(q);
      long t = q.longParam("id");
      String kindText = q.optionalText("kind");
      LedgerKind kind = kindText == null ? LedgerKind.ADJUSTMENT : switch (kindText) {
        case "adjustment" -> LedgerKind.ADJUSTMENT;
        case "refund" -> LedgerKind.REFUND;
        default -> throw ApiException.badRequest("kind", "'kind' must be adjustment or refund");
      };
      BigDecimal amount = q.optionalDecimal("amount");
      if (amount == null || amount.signum() == 0) throw ApiException.badRequest("amount", "'amount' must be a non-zero decimal");
      Money.positive("amount", amount.abs());
      String reference = q.optionalText("reference");
      if (reference == null) reference = "manual:" + q.requestId();
      return Reply.json(201, entry(billing.ledger().post(t, kind, amount, q.text("reason"), reference, actor(c))));
    }));
    r.get("/admin/api/usage", q -> usage(operatorScope(q), q, UsageReports.GroupBy.TENANT));
    r.get("/admin/api/exports/usage.csv", q -> usageCsv(operatorScope(q), q));
    r.get("/admin/api/exports/ledger.csv", q -> ledgerCsv(operatorScope(q), q));
  }

  private Object balance(long tenant) {
    ObjectNode out = ManagementRequest.object();
    out.put("tenant_id", tenant).put("balance", Money.text(billing.ledger().balance(tenant)))
        .put("currency", billing.settings().currency());
    return out;
  }

  /** Payment notification: {"id","type":"payment.succeeded","order_id","amount","payment_reference"}. */
  private Object webhook(ManagementRequest q) {
    if (signature == null) throw ApiException.notFound("Path " + q.path());
    String problem = signature.verify(q.header(WebhookSignature.HEADER), q.body(), clock.instant());
    if (problem != null) throw new ApiException(401, "authentication_error", "invalid_signature", "Webhook rejected: " + problem, null);
    JsonNode body = q.json();
    String type = q.text("type");
    String eventId = q.text("id");
    String provider = q.optionalText("provider");
    if (provider == null) provider = "default";
    ObjectNode out = ManagementRequest.object();
    if (!type.equals("payment.succeeded")) {
      out.put("result", "ignored: type " + type);
      return out;
    }
    JsonNode order = body.get("order_id");
    if (order == null || !order.canConvertToLong()) throw ApiException.badRequest("order_id", "'order_id' must be an integer");
    String prov = provider;
    PaymentEvents.Outcome o = money(() -> payments.paid(prov, eventId, order.asLong(), q.optionalDecimal("amount"),
        q.optionalText("payment_reference")));
    out.put("result", o.result());
    if (o.orderId() != null) out.put("order_id", o.orderId());
    return out;
  }

  private Object usage(TenantFilter tenants, ManagementRequest q, UsageReports.GroupBy defaultGroup) {
    String g = q.query("group_by");
    UsageReports.GroupBy by = defaultGroup;
    if (g != null) {
      try {
        by = UsageReports.GroupBy.valueOf(g.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("group_by", "'group_by' must be model, key, day or tenant");
      }
      if (by == UsageReports.GroupBy.TENANT && defaultGroup != UsageReports.GroupBy.TENANT) {
        throw ApiException.badRequest("group_by", "'group_by' must be model, key or day");
      }
    }
    Instant from = from(q, Instant.now(clock).minus(Duration.ofDays(30)));
    Instant to = to(q, Instant.now(clock).plus(Duration.ofDays(1)));
    ArrayNode data = ManagementJson.MAPPER.createArrayNode();
    BigDecimal total = Money.ZERO;
    for (UsageReports.Row row : reports.summary(tenants, from, to, by)) {
      data.addObject().put(by.name().toLowerCase(Locale.ROOT), row.group()).put("requests", row.requests())
          .put("input_tokens", row.inputTokens()).put("output_tokens", row.outputTokens())
          .put("cached_tokens", row.cachedTokens()).put("cache_write_tokens", row.cacheWriteTokens())
          .put("reasoning_tokens", row.reasoningTokens()).put("cost", Money.text(row.cost()));
      total = total.add(row.cost());
    }
    ObjectNode out = ManagementRequest.object();
    out.put("from", from.toString()).put("to", to.toString()).put("group_by", by.name().toLowerCase(Locale.ROOT))
        .put("total_cost", Money.text(total)).put("currency", billing.settings().currency());
    out.set("data", data);
    return out;
  }

  private Reply usageCsv(TenantFilter tenants, ManagementRequest q) {
    StringWriter w = new StringWriter();
    reports.usageCsv(tenants, from(q, Instant.EPOCH), to(q, Instant.now(clock).plus(Duration.ofDays(1))), w);
    return Reply.file(w.toString().getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8", "usage.csv");
  }

  private Reply ledgerCsv(TenantFilter tenants, ManagementRequest q) {
    StringWriter w = new StringWriter();
    reports.ledgerCsv(tenants, from(q, Instant.EPOCH), to(q, Instant.now(clock).plus(Duration.ofDays(1))), w);
    return Reply.file(w.toString().getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8", "ledger.csv");
  }

  /** A JSON receipt for a paid order (the document a tenant downloads; HTML/PDF rendering is the UI's job). */
  private ObjectNode receipt(RechargeOrder o) {
    if (!RechargeOrder.PAID.equals(o.status())) throw ApiException.conflict(null, "Only paid orders have a receipt");
    ObjectNode r = ManagementRequest.object();
    r.put("receipt_number", "SB-" + o.tenantId() + "-" + o.id()).put("issued_at", String.valueOf(o.settledAt()))
        .put("tenant_id", o.tenantId()).put("order_id", o.id()).put("description", "Prepaid balance recharge")
        .put("amount", Money.text(o.amount())).put("currency", o.currency())
        .put("payment_method", o.provider()).put("payment_reference", o.providerRef());
    if (o.ledgerEntry() != null) r.put("ledger_entry_id", o.ledgerEntry());
    return r;
  }

  private static ObjectNode order(RechargeOrder o) {
    ObjectNode n = ManagementRequest.object();
    n.put("id", o.id()).put("tenant_id", o.tenantId()).put("amount", Money.text(o.amount())).put("currency", o.currency())
        .put("status", o.status()).put("created_at", o.createdAt().toString()).put("expires_at", o.expiresAt().toString());
    if (o.settledAt() != null) n.put("settled_at", o.settledAt().toString());
    if (o.provider() != null) n.put("payment_method", o.provider());
    if (o.providerRef() != null) n.put("payment_reference", o.providerRef());
    return n;
  }

  private static ObjectNode entry(LedgerEntry e) {
    ObjectNode n = ManagementRequest.object();
    n.put("id", e.id()).put("tenant_id", e.tenantId()).put("kind", e.kind().wire()).put("amount", Money.text(e.amount()))
        .put("balance_after", Money.text(e.balanceAfter())).put("reason", e.reason()).put("reference", e.reference())
        .put("created_at", e.createdAt().toString());
    return n;
  }

  private static ObjectNode voucher(Voucher v) {
    ObjectNode n = ManagementRequest.object();
    n.put("id", v.id()).put("code_prefix", v.codePrefix()).put("amount", Money.text(v.amount()))
        .put("max_uses", v.maxUses()).put("uses", v.uses()).put("status", v.status())
        .put("created_at", v.createdAt().toString());
    if (v.expiresAt() != null) n.put("expires_at", v.expiresAt().toString());
    if (v.note() != null) n.put("note", v.note());
    return n;
  }

  private static ObjectNode list(List<ObjectNode> items) {
    ArrayNode a = ManagementJson.MAPPER.createArrayNode();
    a.addAll(items);
    return wrap(a);
  }

  private static ObjectNode wrap(ArrayNode data) {
    ObjectNode out = ManagementRequest.object();
    out.set("data", data);
    return out;
  }

  /**
   * Whose money an operator's read covers: platform admins every tenant (or the {@code tenant_id} named), resellers
   * only their own tenants (a named tenant of someone else is 404, as if it did not exist).
   */
  private TenantFilter operatorScope(ManagementRequest q) {
    Caller c = q.caller();
    c.requireOperator();
    Long tenant = optionalTenant(q);
    if (c.platformAdmin()) return TenantFilter.of(tenant);
    if (tenant != null) return TenantFilter.of(ownTenant(c, tenant));
    if (c.resellerId() == null) throw ApiException.forbidden("This reseller user has no reseller");
    return TenantFilter.reseller(c.resellerId());
  }

  /** The path's tenant when the operator may see it. */
  private long operatorTenant(ManagementRequest q) {
    Caller c = q.caller();
    c.requireOperator();
    long tenant = q.longParam("id");
    return c.platformAdmin() ? tenant : ownTenant(c, tenant);
  }

  private long ownTenant(Caller c, long tenant) {
    var t = tenants.find(tenant);
    if (t.isEmpty() || c.resellerId() == null || !c.resellerId().equals(t.get().resellerId())) {
      throw ApiException.notFound("Tenant");
    }
    return tenant;
  }

  private static Caller admin(ManagementRequest q) {
    Caller c = q.caller();
    c.requireAdmin();
    return c;
  }

  private static String actor(Caller c) {
    if (c.email() != null) return c.email();
    return c.keyId() != null ? "key:" + c.keyId() : "user:" + c.userId();
  }

  private static BigDecimal amount(ManagementRequest q, String field) {
    BigDecimal v = q.optionalDecimal(field);
    if (v == null) throw ApiException.badRequest(field, "'" + field + "' is required");
    try {
      return Money.positive(field, v);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(field, e.getMessage());
    }
  }

  private static String status(ManagementRequest q) {
    String s = q.query("status");
    if (s == null) return null;
    if (!List.of("pending", "paid", "cancelled", "expired").contains(s)) {
      throw ApiException.badRequest("status", "'status' must be pending, paid, cancelled or expired");
    }
    return s;
  }

  private static int limit(ManagementRequest q) {
    String l = q.query("limit");
    if (l == null) return 100;
    try {
      int n = Integer.parseInt(l);
      if (n < 1 || n > 1000) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("limit", "'limit' must be between 1 and 1000");
    }
  }

  private static Long optionalTenant(ManagementRequest q) {
    String t = q.query("tenant_id");
    if (t == null) return null;
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("tenant_id", "'tenant_id' must be an integer");
    }
  }

  private static Instant from(ManagementRequest q, Instant def) { return time(q.query("from"), "from", def); }

  private static Instant to(ManagementRequest q, Instant def) { return time(q.query("to"), "to", def); }

  /** An ISO instant or a UTC date (2025-03-01 = its midnight). */
  private static Instant time(String v, String field, Instant def) {
    if (v == null || v.isBlank()) return def;
    try {
      return v.length() == 10 ? UsageReports.day(LocalDate.parse(v)) : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(field, "'" + field + "' must be a date (2025-03-01) or an ISO instant");
    }
  }

  private static Instant instant(String v, String field) { return time(v, field, null); }

  private interface Op<T> {
    T run();
  }

  /** Store refusals as API errors: not_found 404, conflict 409, invalid 400 naming the field. */
  private static <T> T money(Op<T> op) {
    try {
      return op.run();
    } catch (MoneyException e) {
      throw switch (e.code()) {
        case "not_found" -> ApiException.notFound(e.getMessage().replace(" not found", ""));
        case "conflict" -> ApiException.conflict(e.field(), e.getMessage());
        default -> ApiException.badRequest(e.field(), e.getMessage());
      };
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(null, e.getMessage());
    }
  }
}
