package dev.switchboard.server.accounts;

import dev.switchboard.accounts.ModelPrices;
import dev.switchboard.config.PublicModelConfig;
import dev.switchboard.routing.Router;
import dev.switchboard.server.manage.ApiException;
import dev.switchboard.server.manage.Caller;
import dev.switchboard.server.manage.ManagementModule;
import dev.switchboard.server.manage.ManagementRequest;
import dev.switchboard.server.manage.ManagementRouter;
import dev.switchboard.server.manage.Reply;
import dev.switchboard.store.accounts.DuplicateException;
import java.math.BigDecimal;

/**
 * Operators: tenants (platform admins all, resellers their own), resellers, tenant users and keys, the public
 * catalog with prices, and provider keys stored encrypted under the master key.
 */
public final class AdminModule implements ManagementModule {
  private static final String A = "/admin/api";
  private final Accounts a;
  private final KeyOps keys;
  private final Router router;

  public AdminModule(Accounts accounts, Router router) {
    this.a = accounts;
    this.keys = new KeyOps(accounts);
    this.router = router;
  }

  @Override
  public void mount(ManagementRouter r) {
    r.get(A + "/tenants", this::tenants)
        .post(A + "/tenants", this::createTenant)
        .get(A + "/tenants/{id}", q -> Views.TenantView.of(tenant(q)))
        .patch(A + "/tenants/{id}", this::updateTenant)
        .get(A + "/tenants/{id}/users", q -> new Views.ListOf<>(a.users.ofTenant(tenant(q).id()).stream()
            .map(Views.UserView::of).toList()))
        .get(A + "/tenants/{id}/keys", q -> keys.list(tenant(q).id()))
        .patch(A + "/tenants/{id}/keys/{keyId}", q -> keys.update(tenant(q).id(), q.longParam("keyId"), q))
        .delete(A + "/tenants/{id}/keys/{keyId}", q -> keys.revoke(tenant(q).id(), q.longParam("keyId")))
        .get(A + "/resellers", q -> {
          q.caller().requireAdmin();
          return new Views.ListOf<>(a.tenants.resellers());
        })
        .post(A + "/resellers", this::createReseller)
        .get(A + "/catalog", q -> {
          q.caller().requireOperator();
          return new Views.ListOf<>(a.catalog.models().stream().map(Views.ModelView::admin).toList());
        })
        .put(A + "/catalog/{name}", this::putModel)
        .delete(A + "/catalog/{name}", this::deleteModel)
        .get(A + "/providers/keys", q -> {
          q.caller().requireAdmin();
          return new Views.ListOf<>(a.secrets.all().stream().map(Views.ProviderSecretView::of).toList());
        })
        .post(A + "/providers/keys", this::addProviderKey)
        .delete(A + "/providers/keys/{id}", q -> {
          q.caller().requireAdmin();
          if (!a.secrets.delete(q.longParam("id"))) throw ApiException.notFound("Provider key");
          a.providerKeysChanged();
          return null;
        });
  }

  private dev.switchboard.store.accounts.TenantStore.Tenant tenant(ManagementRequest q) {
    Caller c = q.caller();
    c.requireOperator();
    return a.visibleTenant(c, q.longParam("id"));
  }

  private Object tenants(ManagementRequest q) {
    Caller c = q.caller();
    c.requireOperator();
    Long reseller = c.platformAdmin() ? null : c.resellerId();
    if (reseller == null && !c.platformAdmin()) throw ApiException.forbidden("This reseller user has no reseller");
    return new Views.ListOf<>(a.tenants.list(reseller).stream().map(Views.TenantView::of).toList());
  }

  /** Admins create tenants for anyone; resellers create them under themselves. An optional owner user is created too. */
  private Object createTenant(ManagementRequest q) {
    Caller c = q.caller();
    c.requireOperator();
    String name = Inputs.name("name", q.optionalText("name"));
    Long reseller = c.platformAdmin() ? q.json().has("reseller_id") && !q.json().get("reseller_id").isNull()
        ? q.json().get("reseller_id").asLong() : null : c.resellerId();
    if (reseller != null && a.tenants.findReseller(reseller).isEmpty()) throw ApiException.badRequest("reseller_id", "Unknown reseller");
    String email = q.has("owner_email") ? ownerEmail(q) : null;
    String password = email == null ? null : Inputs.password(q, "owner_password");
    if (email != null && a.users.byEmail(email).isPresent()) throw ApiException.conflict("owner_email", "An account with this email already exists");
    long id = a.tenants.create(name, reseller, a.now());
    if (email != null) a.users.create(email, a.hasher.hash(password), Caller.Role.OWNER.wire(), id, null, a.now());
    return Reply.json(201, Views.TenantView.of(a.tenants.find(id).orElseThrow()));
  }

  private static String ownerEmail(ManagementRequest q) {
    String e = q.text("owner_email").toLowerCase(java.util.Locale.ROOT);
    if (!e.contains("@") || e.length() > 254) throw ApiException.badRequest("owner_email", "'owner_email' must be an email address");
    return e;
  }

  /** Name and status for operators; reseller assignment and price multiplier for platform admins only. */
  private Object updateTenant(ManagementRequest q) {
    var t = tenant(q);
    Caller c = q.caller();
    String name = q.has("name") ? Inputs.name("name", q.optionalText("name")) : t.name();
    String status = q.has("status") ? q.optionalText("status") : t.status();
    if (!"active".equals(status) && !"suspended".equals(status)) throw ApiException.badRequest("status", "'status' must be active or suspended");
    Long reseller = t.resellerId();
    BigDecimal mult = t.priceMultiplier();
    if (q.has("reseller_id") || q.has("price_multiplier")) {
      c.requireAdmin();
      if (q.has("reseller_id")) {
        var n = q.json().get("reseller_id");
        reseller = n.isNull() ? null : n.asLong();
        if (reseller != null && a.tenants.findReseller(reseller).isEmpty()) throw ApiException.badRequest("reseller_id", "Unknown reseller");
      }
      if (q.has("price_multiplier")) {
        mult = q.optionalDecimal("price_multiplier");
        if (mult != null && mult.signum() <= 0) throw ApiException.badRequest("price_multiplier", "'price_multiplier' must be positive");
      }
    }
    a.tenants.update(t.id(), name, status, reseller, mult);
    a.catalog.reloadMultipliers();
    a.gatewayKeys.reloadSuspended();
    return Views.TenantView.of(a.tenants.find(t.id()).orElseThrow());
  }

  /** A reseller and, optionally, its first login. */
  private Object createReseller(ManagementRequest q) {
    q.caller().requireAdmin();
    String name = Inputs.name("name", q.optionalText("name"));
    String email = q.has("email") ? Inputs.email(q) : null;
    String password = email == null ? null : Inputs.password(q, "password");
    if (email != null && a.users.byEmail(email).isPresent()) throw ApiException.conflict("email", "An account with this email already exists");
    long id = a.tenants.createReseller(name, a.now());
    if (email != null) a.users.create(email, a.hasher.hash(password), Caller.Role.RESELLER.wire(), null, id, a.now());
    return Reply.json(201, a.tenants.findReseller(id).orElseThrow());
  }

  /** Creates or replaces a public model; the route must be plannable now (it is checked with the router). */
  private Object putModel(ManagementRequest q) {
    q.caller().requireAdmin();
    String name = Inputs.name("name", q.param("name"));
    String route = q.text("route");
    try {
      router.plan(route, null);
    } catch (dev.switchboard.error.GatewayException e) {
      throw ApiException.badRequest("route", "'route' cannot be routed: " + e.error().message());
    }
    var prices = q.json().path("prices");
    ModelPrices p = new ModelPrices(price(prices, "input"), price(prices, "output"), price(prices, "cached_read"),
        price(prices, "cache_write"), price(prices, "per_request"), price(prices, "per_image"),
        price(prices, "per_audio_second"));
    PublicModelConfig m = new PublicModelConfig(name, route, q.optionalText("description"), p);
    Boolean enabled = q.optionalBoolean("enabled");
    a.catalogStore.put(m, enabled == null || enabled, a.now());
    a.catalog.reload();
    return Views.ModelView.admin(m);
  }

  private static BigDecimal price(com.fasterxml.jackson.databind.JsonNode prices, String field) {
    var n = prices.get(field);
    if (n == null || n.isNull()) return null;
    BigDecimal v;
    try {
      v = n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("prices." + field, "'prices." + field + "' must be a decimal number");
    }
    if (v.signum() < 0) throw ApiException.badRequest("prices." + field, "'prices." + field + "' must not be negative");
    return v;
  }

  /** Removes a stored model; a config-defined name is hidden instead (stored disabled). */
  private Object deleteModel(ManagementRequest q) {
    q.caller().requireAdmin();
    String name = q.param("name");
    var m = a.catalog.model(name).orElseThrow(() -> ApiException.notFound("Public model"));
    boolean fromConfig = a.settings.catalog().stream().anyMatch(c -> c.name().equals(name));
    if (fromConfig) a.catalogStore.put(m, false, a.now());
    else a.catalogStore.delete(name);
    a.catalog.reload();
    return null;
  }

  /**
   * Stores a provider key and puts it in the provider's key pool at once (other instances within their refresh).
   * The provider must be configured here: the catalog, pools and fallbacks are compiled from the config, so a key
   * cannot bring a provider in by itself.
   */
  private Object addProviderKey(ManagementRequest q) {
    q.caller().requireAdmin();
    if (a.box == null) {
      throw new ApiException(409, "conflict_error", "no_master_key",
          "Set accounts.master-key (or master-key-file) to store provider keys", null);
    }
    String provider = Inputs.name("provider", q.optionalText("provider"));
    var runtime = router.provider(provider).orElseThrow(() -> ApiException.badRequest("provider",
        "Unknown provider '" + provider + "'; configured providers: "
            + String.join(", ", router.providers().stream().map(p -> p.name()).toList())));
    String name = Inputs.name("name", q.optionalText("name"));
    if (runtime.config().keys().stream().anyMatch(k -> k.name().equals(name))) {
      throw ApiException.conflict("name", "The provider's config already has a key named '" + name + "'");
    }
    String secret = q.text("secret");
    Integer weight = q.optionalInt("weight");
    if (weight != null && weight < 1) throw ApiException.badRequest("weight", "'weight' must be a positive integer");
    Boolean enabled = q.optionalBoolean("enabled");
    try {
      long id = a.secrets.create(provider, name, a.box.seal(secret, provider + "/" + name), weight == null ? 1 : weight,
          enabled == null || enabled, a.now());
      a.providerKeysChanged();
      return Reply.json(201, Views.ProviderSecretView.of(a.secrets.find(id).orElseThrow()));
    } catch (DuplicateException e) {
      throw ApiException.conflict("name", "The provider already has a key named '" + name + "'");
    }
  }
}
